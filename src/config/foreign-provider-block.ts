import type { Position } from './locate-in-yaml.js';
import type { SchemaProblem } from './schema-errors.js';
import { quoteToken } from './quote-token.js';

/**
 * A top-level block named after another provider (`chartio:` in a `provider: grafana` file) is
 * an unknown key to the schema; said that way it hides the likelier mistake, a wrong or copied
 * `provider:` line. The message says whose block it is and where `provider:` is. `providers` are
 * the provider names this build knows (their blocks are keyed by name).
 */
export function explainForeignProviderBlock(
  problem: SchemaProblem,
  data: unknown,
  providers: readonly string[],
  provider: { file: string } & Position,
): SchemaProblem {
  const [block, ...rest] = problem.path;
  const declared = (data as Record<string, unknown> | null)?.provider;
  if (rest.length > 0 || problem.at !== 'key' || typeof block !== 'string' || typeof declared !== 'string') return problem;
  if (!providers.includes(block) || block === declared || !problem.message.startsWith('unknown key')) return problem;
  return {
    ...problem,
    message:
      `the ${quoteToken(block)} block belongs to provider ${block}, but this file says provider: ${quoteToken(declared)} ` +
      `(${provider.file}:${provider.line}:${provider.col}); change provider: or remove the block`,
  };
}
