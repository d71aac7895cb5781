import { PHASES, type Change } from './change.js';
import { MinHeap } from './min-heap.js';

export class DependencyCycleError extends Error {
  constructor(readonly cycle: string[]) {
    super(`changes depend on each other in a cycle: ${cycle.join(' -> ')}`);
    this.name = 'DependencyCycleError';
  }
}

/**
 * Orders changes so every change comes after what it depends on; among changes that are
 * free to go, by phase, then address, so the same plan always reads the same. Dependencies
 * on ids absent from the list are ignored (a `--target` run may leave them out).
 */
export function orderChanges<C extends Pick<Change, 'id' | 'dependsOn' | 'phase' | 'address'>>(changes: readonly C[]): C[] {
  const byId = new Map(changes.map((change) => [change.id, change]));
  const waitingOn = new Map<string, number>();
  const dependents = new Map<string, string[]>();
  for (const change of changes) {
    const deps = change.dependsOn.filter((id) => byId.has(id));
    waitingOn.set(change.id, deps.length);
    for (const dep of deps) {
      const list = dependents.get(dep);
      if (list) list.push(change.id);
      else dependents.set(dep, [change.id]);
    }
  }
  const rank = (change: C) => PHASES.indexOf(change.phase);
  const compare = (a: C, b: C) => rank(a) - rank(b) || a.address.localeCompare(b.address) || a.id.localeCompare(b.id);

  // A heap, not a sorted array: a file may plan hundreds of thousands of changes (issue 12: a
  // 1 MB file of aliased member lists took minutes with array shifts and splices).
  const ready = new MinHeap(compare);
  for (const change of changes) if (waitingOn.get(change.id) === 0) ready.push(change);
  const ordered: C[] = [];
  for (let next = ready.pop(); next !== undefined; next = ready.pop()) {
    ordered.push(next);
    for (const id of dependents.get(next.id) ?? []) {
      const left = waitingOn.get(id)! - 1;
      waitingOn.set(id, left);
      if (left === 0) ready.push(byId.get(id)!);
    }
  }
  if (ordered.length < changes.length) throw new DependencyCycleError(findCycle(changes, byId));
  return ordered;
}

function findCycle<C extends Pick<Change, 'id' | 'dependsOn'>>(changes: readonly C[], byId: Map<string, C>): string[] {
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (id: string): string[] | undefined => {
    if (state.get(id) === 'done') return undefined;
    if (state.get(id) === 'visiting') return [...stack.slice(stack.indexOf(id)), id];
    state.set(id, 'visiting');
    stack.push(id);
    for (const dep of byId.get(id)?.dependsOn ?? []) {
      if (!byId.has(dep)) continue;
      const cycle = visit(dep);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(id, 'done');
    return undefined;
  };
  for (const change of changes) {
    const cycle = visit(change.id);
    if (cycle) return cycle;
  }
  return [];
}
