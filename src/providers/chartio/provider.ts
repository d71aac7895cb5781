import type { Provider } from '../types.js';
import { chartioDocumentRules } from './document-rules.js';

export const chartioProvider: Provider = {
  name: 'chartio',
  documentRules: chartioDocumentRules,
};
