import { describe, expect, it } from 'vitest';
import { executeGraph } from '../../src/core/execute-graph.js';

const node = (id: string, dependsOn: string[] = []) => ({ id, dependsOn });

/** A run function whose calls finish only when the test says so, to observe what runs at once. */
function controlledRun() {
  const started: string[] = [];
  const pending = new Map<string, { resolve: () => void; reject: (e: unknown) => void }>();
  const run = (n: { id: string }) =>
    new Promise<void>((resolve, reject) => {
      started.push(n.id);
      pending.set(n.id, { resolve, reject });
    });
  const tick = () => new Promise((r) => setImmediate(r));
  return { started, pending, run, tick };
}

describe('executeGraph', () => {
  it('starts a node as soon as its own dependencies are done, without phase barriers', async () => {
    const { started, pending, run, tick } = controlledRun();
    const done = executeGraph([node('slow'), node('fast'), node('after-fast', ['fast']), node('after-slow', ['slow'])], run, {
      concurrency: 4,
    });
    await tick();
    expect(started).toEqual(['slow', 'fast']);
    pending.get('fast')!.resolve();
    await tick();
    expect(started).toEqual(['slow', 'fast', 'after-fast']); // slow is still running
    pending.get('after-fast')!.resolve();
    pending.get('slow')!.resolve();
    await tick();
    pending.get('after-slow')!.resolve();
    const outcome = await done;
    expect(outcome.done.sort()).toEqual(['after-fast', 'after-slow', 'fast', 'slow']);
    expect(outcome.failed).toEqual([]);
  });

  it('never runs more than `concurrency` nodes at once', async () => {
    let running = 0;
    let peak = 0;
    const nodes = Array.from({ length: 20 }, (_, i) => node(`n${i}`));
    const outcome = await executeGraph(
      nodes,
      async () => {
        running++;
        peak = Math.max(peak, running);
        await new Promise((r) => setImmediate(r));
        running--;
      },
      { concurrency: 3 },
    );
    expect(peak).toBe(3);
    expect(outcome.done).toHaveLength(20);
  });

  it('collects a failure, skips only what depends on it (transitively) and finishes the rest', async () => {
    const settledOrder: string[] = [];
    const outcome = await executeGraph(
      [node('a'), node('b', ['a']), node('c', ['b']), node('d'), node('e', ['d'])],
      async (n) => {
        if (n.id === 'a') throw new Error('boom');
      },
      { concurrency: 2, onSettled: (id, result) => settledOrder.push(`${id}:${result}`) },
    );
    expect(outcome.failed.map((f) => f.id)).toEqual(['a']);
    expect((outcome.failed[0]!.error as Error).message).toBe('boom');
    expect(outcome.skipped).toEqual([
      { id: 'b', because: 'a' },
      { id: 'c', because: 'a' },
    ]);
    expect(outcome.done.sort()).toEqual(['d', 'e']);
    expect(settledOrder).toContain('c:skipped');
  });

  it('handles an empty graph', async () => {
    expect(await executeGraph([], async () => {}, { concurrency: 2 })).toEqual({ done: [], failed: [], skipped: [] });
  });

  it('runs a long chain to the end', async () => {
    const nodes = Array.from({ length: 500 }, (_, i) => node(`n${i}`, i === 0 ? [] : [`n${i - 1}`]));
    const order: string[] = [];
    const outcome = await executeGraph(nodes, async (n) => void order.push(n.id), { concurrency: 8 });
    expect(outcome.done).toHaveLength(500);
    expect(order).toEqual(nodes.map((n) => n.id));
  });
});
