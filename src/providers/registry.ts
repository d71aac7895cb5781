import type { DocumentRules } from '../config/document-rules.js';
import { chartioProvider } from './chartio/provider.js';
import { grafanaProvider } from './grafana/provider.js';
import type { Provider } from './types.js';

/** Every provider accessctl knows, by `provider:` name. */
export const providers: Readonly<Record<string, Provider>> = Object.freeze({
  [chartioProvider.name]: chartioProvider,
  [grafanaProvider.name]: grafanaProvider,
});

/** What the config loader needs of each provider. */
export function documentRulesByProvider(): Record<string, DocumentRules> {
  return Object.fromEntries(Object.values(providers).map((p) => [p.name, p.documentRules]));
}
