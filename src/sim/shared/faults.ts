import type { Random } from './prng.js';

/**
 * Fault injection, `--faults 500:0.05,reset:0.01`: per API request one draw from the seeded
 * generator picks at most one fault, so the same seed and the same request sequence give the
 * same faults.
 *  - 500/502/503: that status with a JSON message, the request not performed;
 *  - 429: Too Many Requests with `Retry-After: 1`, the request not performed;
 *  - 429date: the same with `Retry-After` as an HTTP date one to two seconds ahead;
 *  - reset: the socket is destroyed without an answer, the request not performed;
 *  - stall: the request is never answered (until the client gives up or the simulator stops);
 *  - truncate: the request IS performed, and its JSON body is cut in half mid-stream;
 *  - badjson: the request IS performed, and half its JSON body arrives as a complete response
 *    (a proxy that cut it and framed what it had);
 *  - html: a 200 HTML login page instead of JSON (an SSO proxy in front of the API), the
 *    request not performed.
 */
export const FAULT_KINDS = ['500', '502', '503', '429', '429date', 'reset', 'stall', 'truncate', 'badjson', 'html'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultRule {
  kind: FaultKind;
  probability: number;
}

export function parseFaults(spec: string): FaultRule[] {
  const rules: FaultRule[] = [];
  for (const part of spec.split(',').map((s) => s.trim()).filter((s) => s !== '')) {
    const [kind, probabilityText, extra] = part.split(':');
    if (extra !== undefined || kind === undefined || probabilityText === undefined) {
      throw new Error(`invalid fault "${part}": expected KIND:PROBABILITY`);
    }
    if (!(FAULT_KINDS as readonly string[]).includes(kind)) {
      throw new Error(`unknown fault kind "${kind}": expected one of ${FAULT_KINDS.join(', ')}`);
    }
    const probability = Number(probabilityText);
    if (probabilityText.trim() === '' || !Number.isFinite(probability) || probability < 0 || probability > 1) {
      throw new Error(`invalid probability "${probabilityText}" for fault ${kind}: expected a number from 0 to 1`);
    }
    if (rules.some((r) => r.kind === kind)) throw new Error(`fault kind "${kind}" given twice`);
    rules.push({ kind: kind as FaultKind, probability });
  }
  const total = rules.reduce((sum, r) => sum + r.probability, 0);
  if (total > 1 + 1e-9) throw new Error(`fault probabilities add up to ${total}, more than 1`);
  return rules;
}

export class FaultInjector {
  constructor(
    private rules: readonly FaultRule[],
    private random: Random,
  ) {}

  /** Other rules from the next draw on (a test turns faults off to check convergence). */
  setRules(rules: readonly FaultRule[]): void {
    this.rules = rules;
  }

  /** Restart the sequence (after `/__sim/reset`). */
  reseed(random: Random): void {
    this.random = random;
  }

  /** The fault for the next request, if any. Draws exactly once per call when any rule is set. */
  draw(): FaultKind | undefined {
    if (this.rules.length === 0) return undefined;
    const r = this.random.next();
    let cumulative = 0;
    for (const rule of this.rules) {
      cumulative += rule.probability;
      if (r < cumulative) return rule.kind;
    }
    return undefined;
  }
}
