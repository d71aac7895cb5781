import type { Provider } from '../types.js';
import { grafanaDocumentRules } from './document-rules.js';

export const grafanaProvider: Provider = {
  name: 'grafana',
  documentRules: grafanaDocumentRules,
};
