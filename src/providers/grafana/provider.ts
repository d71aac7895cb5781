import type { Provider } from '../types.js';
import { grafanaDocumentRules } from './document-rules.js';
import { grafanaReconciler } from './reconciler.js';

export const grafanaProvider: Provider = {
  name: 'grafana',
  documentRules: grafanaDocumentRules,
  reconciler: grafanaReconciler,
};
