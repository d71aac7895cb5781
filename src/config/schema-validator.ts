import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { translateSchemaErrors, type SchemaProblem } from './schema-errors.js';

/** Path of the JSON Schema shipped with the package (also what editors load). */
export const SCHEMA_URL = new URL('../../schemas/accessctl.schema.json', import.meta.url);

export type SchemaValidator = (data: unknown) => SchemaProblem[];

/**
 * Compiles the desired-state schema once. Created by the caller and passed along rather
 * than cached in a module variable, so nothing global changes under a test.
 */
export function createSchemaValidator(schema: object = readSchema()): SchemaValidator {
  const ajv = new Ajv2020({
    allErrors: true, // report every problem in one run, not the first
    verbose: true, // errors carry the offending value and their schema, for plain messages
    discriminator: true, // errors come from the chartio or the grafana branch only, not both
    strict: true,
  });
  // A non-standard keyword that VS Code and yaml-language-server show for failed patterns; we use it too.
  ajv.addVocabulary(['errorMessage']);
  const validate = ajv.compile(schema);
  return (data) => (validate(data) ? [] : translateSchemaErrors(validate.errors ?? [], data));
}

export function readSchema(): object {
  return JSON.parse(readFileSync(SCHEMA_URL, 'utf8')) as object;
}
