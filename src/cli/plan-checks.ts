import { formatIssue } from '../config/config-issue.js';
import { formatPath } from '../config/document-path.js';
import type { LoadedConfig } from '../config/load-config.js';
import { quoteToken } from '../config/quote-token.js';
import type { IgnoreRule } from '../config/safety-spec.js';
import type { Change } from '../core/change.js';
import { unmatchedIgnoreRules } from '../core/unmatched-ignores.js';
import { unmatchedTargetMessage, unmatchedTargets } from '../core/unmatched-targets.js';
import { escapeControl } from '../render/escape-text.js';
import type { CliIO } from './io.js';

/** The document's `ignore:` rules (validated by the schema: address and reason are strings). */
export function ignoreRulesOf(document: unknown): IgnoreRule[] {
  return (document as { ignore?: IgnoreRule[] }).ignore ?? [];
}

/**
 * An `ignore:` entry that matches no address the planner knows (no change, nothing a change also
 * alters, nothing in the file or live state) is a warning at its line, as validate prints issues:
 * it leaves nothing alone, most often because of a typo.
 */
export function warnUnmatchedIgnores(io: CliIO, config: LoadedConfig, rules: readonly IgnoreRule[], changes: readonly Change[], known: readonly string[]): void {
  if (rules.length === 0) return;
  const addresses = function* () {
    for (const change of changes) {
      yield change.address;
      yield* change.alsoChanges ?? [];
    }
    yield* known;
  };
  for (const index of unmatchedIgnoreRules(rules, addresses())) {
    const path = ['ignore', index, 'address'];
    io.stderr(
      `${formatIssue({
        severity: 'warning',
        ...config.locate(path, 'value'),
        path: formatPath(path),
        message: `${quoteToken(rules[index]!.address)} matches nothing live and nothing in the file, so it leaves nothing alone`,
      })}\n`,
    );
  }
}

/**
 * `--target` addresses that name nothing (a typo) are errors, one line each with the closest
 * addresses; true when there were any. A target naming an object with no change is not one.
 */
export function reportUnmatchedTargets(io: CliIO, targets: readonly string[], changes: readonly Change[], known: readonly string[]): boolean {
  const unmatched = unmatchedTargets(targets, changes.map((change) => change.address), known);
  for (const target of unmatched) io.stderr(`error: ${escapeControl(unmatchedTargetMessage(target))}\n`);
  return unmatched.length > 0;
}
