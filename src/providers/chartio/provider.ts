import type { Provider } from '../types.js';
import { chartioDocumentRules } from './document-rules.js';
import { chartioReconciler } from './reconciler.js';

export const chartioProvider: Provider = {
  name: 'chartio',
  documentRules: chartioDocumentRules,
  reconciler: chartioReconciler,
};
