import { describe, expect, it } from 'vitest';
import { dependencyDepth, minimumRefreshRequests, rateBoundSeconds, timeBoundSeconds } from '../../bench/bounds.js';

describe('benchmark lower bounds', () => {
  it('counts every page of every collection and permission list', () => {
    // 250 teams -> 3 pages, 1000 users -> 10, 0 dashboards -> 1 (an empty collection is still one request),
    // 101 datasources -> 2; permission lists of 0, 5 and 150 -> 1 + 1 + 2.
    expect(minimumRefreshRequests({ teams: 250, users: 1000, dashboards: 0, datasources: 101, permissionLists: [0, 5, 150] }, 100)).toBe(20);
  });

  it.each([
    [1600, 20, 16, 4, 2.08],
    [100, 20, 1, 0, 2],
  ])('time bound for %i requests at %i ms over %i slots plus %i round trips is %f s', (requests, latency, parallelism, trips, expected) => {
    expect(timeBoundSeconds(requests, latency, parallelism, trips)).toBeCloseTo(expected, 5);
  });

  it('lets the first bucketful through at once under a rate limit', () => {
    expect(rateBoundSeconds(3000, 50)).toBe(59);
    expect(rateBoundSeconds(20, 50)).toBe(0);
  });

  it('measures the longest dependency chain', () => {
    expect(dependencyDepth([])).toBe(0);
    expect(dependencyDepth([{ id: 'a', dependsOn: [] }, { id: 'b', dependsOn: ['a'] }, { id: 'c', dependsOn: ['b', 'a'] }, { id: 'd', dependsOn: ['gone'] }])).toBe(3);
  });
});
