import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MinHeap } from '../../src/core/min-heap.js';

describe('MinHeap', () => {
  it('pops every item in sorted order, whatever the order they were pushed in', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -50, max: 50 }), { maxLength: 200 }), (numbers) => {
        const heap = new MinHeap<number>((a, b) => a - b);
        for (const n of numbers) heap.push(n);
        expect(heap.size).toBe(numbers.length);
        const popped: number[] = [];
        for (let n = heap.pop(); n !== undefined; n = heap.pop()) popped.push(n);
        expect(popped).toEqual([...numbers].sort((a, b) => a - b));
      }),
    );
  });

  it('interleaves pushes and pops', () => {
    const heap = new MinHeap<string>((a, b) => a.localeCompare(b));
    heap.push('m');
    heap.push('c');
    expect(heap.pop()).toBe('c');
    heap.push('a');
    heap.push('z');
    expect([heap.pop(), heap.pop(), heap.pop(), heap.pop()]).toEqual(['a', 'm', 'z', undefined]);
  });
});
