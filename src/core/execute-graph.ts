import pLimit from 'p-limit';

export interface GraphNode {
  id: string;
  dependsOn: readonly string[];
}

export interface GraphOutcome {
  done: string[];
  failed: { id: string; error: unknown }[];
  /** Not started because something it depends on failed (directly or further up). */
  skipped: { id: string; because: string }[];
}

export interface ExecuteOptions {
  /** Most nodes running at once. */
  concurrency: number;
  /** Called as each node settles, for progress display. */
  onSettled?: (id: string, outcome: 'done' | 'failed' | 'skipped') => void;
}

/**
 * Runs a dependency graph: each node starts as soon as everything it depends on is done,
 * at most `concurrency` at a time; there are no barriers between phases. A failure does
 * not stop unrelated work (peribolos-style: errors are collected); only the failed node's
 * dependents are skipped. The caller must pass an acyclic graph (see orderChanges).
 */
export async function executeGraph<N extends GraphNode>(
  nodes: readonly N[],
  run: (node: N) => Promise<void>,
  options: ExecuteOptions,
): Promise<GraphOutcome> {
  const limit = pLimit(Math.max(1, options.concurrency));
  const ids = new Set(nodes.map((node) => node.id));
  const waitingOn = new Map<string, number>();
  const dependents = new Map<string, N[]>();
  for (const node of nodes) {
    const deps = node.dependsOn.filter((id) => ids.has(id));
    waitingOn.set(node.id, deps.length);
    for (const dep of deps) dependents.set(dep, [...(dependents.get(dep) ?? []), node]);
  }

  const outcome: GraphOutcome = { done: [], failed: [], skipped: [] };
  const settled = new Set<string>();
  const running: Promise<void>[] = [];

  const skipDependents = (id: string, because: string) => {
    for (const dependent of dependents.get(id) ?? []) {
      if (settled.has(dependent.id)) continue;
      settled.add(dependent.id);
      outcome.skipped.push({ id: dependent.id, because });
      options.onSettled?.(dependent.id, 'skipped');
      skipDependents(dependent.id, because);
    }
  };

  const start = (node: N): void => {
    running.push(
      limit(() => run(node)).then(
        () => {
          settled.add(node.id);
          outcome.done.push(node.id);
          options.onSettled?.(node.id, 'done');
          for (const dependent of dependents.get(node.id) ?? []) {
            if (settled.has(dependent.id)) continue;
            const left = waitingOn.get(dependent.id)! - 1;
            waitingOn.set(dependent.id, left);
            if (left === 0) start(dependent);
          }
        },
        (error: unknown) => {
          settled.add(node.id);
          outcome.failed.push({ id: node.id, error });
          options.onSettled?.(node.id, 'failed');
          skipDependents(node.id, node.id);
        },
      ),
    );
  };

  for (const node of nodes) if (waitingOn.get(node.id) === 0) start(node);
  // Nodes started later push onto `running`; wait until no new work appears.
  let awaited = 0;
  while (awaited < running.length) {
    const batch = running.slice(awaited);
    awaited = running.length;
    await Promise.all(batch);
  }
  return outcome;
}
