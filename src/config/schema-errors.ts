import type { ErrorObject } from 'ajv';
import { closestNames } from '../core/closest-names.js';
import { pointerToPath, type DocumentPath } from './document-path.js';
import { quoteToken, quoteValue } from './quote-token.js';

/** A schema violation translated for people: where (key or value) and a plain sentence. */
export interface SchemaProblem {
  path: DocumentPath;
  at: 'key' | 'value';
  message: string;
}

/**
 * Turns ajv's errors into one plain sentence per problem. ajv (with allErrors) reports
 * noise beside the real problem — the anyOf wrapper and each failed branch, the
 * propertyNames wrapper beside the inner failure — which is folded away here.
 */
export function translateSchemaErrors(errors: readonly ErrorObject[], data: unknown): SchemaProblem[] {
  const anyOfPaths = errors.filter((e) => e.keyword === 'anyOf').map((e) => e.schemaPath);
  const problems: SchemaProblem[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    // The top-level `provider` enum already explains a missing or unknown provider.
    if (error.keyword === 'propertyNames' || error.keyword === 'discriminator') continue;
    // A branch of an anyOf that failed: the anyOf error itself carries the message.
    if (anyOfPaths.some((p) => error.schemaPath.startsWith(p + '/') && error.keyword !== 'anyOf')) continue;
    const problem = translateOne(error, data);
    const key = `${problem.path.join('\u0000')}|${problem.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(problem);
  }
  return problems;
}

function translateOne(error: ErrorObject, data: unknown): SchemaProblem {
  const base = pointerToPath(error.instancePath, data);
  const custom = (error.parentSchema as { errorMessage?: string } | undefined)?.errorMessage;
  // At the root the "value" is the whole file (a committed `.env`, a link to /proc/self/environ): never quoted.
  const value = base.length === 0 && typeof error.data === 'string' ? WHOLE_FILE : error.data;
  // ajv sets propertyName on errors raised while checking a mapping's keys.
  const propertyName = (error as ErrorObject & { propertyName?: string }).propertyName;
  if (propertyName !== undefined) {
    return {
      path: [...base, propertyName],
      at: 'key',
      message: `key ${quoteToken(propertyName)} ${custom ?? describeKeyword(error, propertyName)}`,
    };
  }
  switch (error.keyword) {
    case 'additionalProperties': {
      const name = String(error.params.additionalProperty);
      const allowed = Object.keys((error.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      const suggestion = closestNames(name, allowed, 1)[0];
      return {
        path: [...base, name],
        at: 'key',
        message:
          `unknown key ${quoteToken(name)}` +
          (suggestion ? ` (did you mean "${suggestion}"?)` : '') +
          (allowed.length ? `; allowed keys: ${allowed.join(', ')}` : ''),
      };
    }
    case 'required':
      return { path: base, at: 'value', message: `missing required key "${String(error.params.missingProperty)}"` };
    case 'enum':
      return { path: base, at: 'value', message: enumMessage(error, value) };
    default:
      return { path: base, at: 'value', message: custom ?? describeKeyword(error, value) };
  }
}

function enumMessage(error: ErrorObject, value: unknown): string {
  const allowed = (error.params.allowedValues as unknown[]).map(String);
  // The Chartio API has no viewer level for datasources (seed: DatasourcePermission access_level: editor | admin).
  if (error.schemaPath.includes('chartioDatasourceLevel') && value === 'viewer') {
    return '"viewer" is not a datasource level: the Chartio API has no viewer level for datasources; use editor or admin';
  }
  return `${show(value)} is not allowed; use one of: ${allowed.join(', ')}`;
}

function describeKeyword(error: ErrorObject, value: unknown): string {
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'type':
      return `must be ${article(String(p.type))}, not ${kindOf(value)}`;
    case 'const':
      return `must be ${show(p.allowedValue)}, not ${show(value)}`;
    case 'maxLength':
      return `is longer than ${String(p.limit)} characters`;
    case 'minLength':
      return Number(p.limit) <= 1 ? 'must not be empty' : `is shorter than ${String(p.limit)} characters`;
    case 'maxItems':
      return `has more than ${String(p.limit)} entries`;
    case 'maxProperties':
      return `has more than ${String(p.limit)} keys`;
    case 'minimum':
      return `must be at least ${String(p.limit)}`;
    case 'maximum':
      return `must be at most ${String(p.limit)}`;
    case 'uniqueItems':
      return `lists the same entry twice (entries ${Number(p.j) + 1} and ${Number(p.i) + 1})`;
    case 'pattern':
      return `has an invalid format`;
    case 'enum':
      return `is not allowed; use one of: ${(p.allowedValues as unknown[]).map(String).join(', ')}`;
    default:
      return error.message ?? 'is invalid';
  }
}

function article(type: string): string {
  const names: Record<string, string> = {
    object: 'a mapping (key: value)',
    array: 'a list',
    string: 'text',
    integer: 'a whole number',
    number: 'a number',
    boolean: 'true or false',
  };
  return names[type] ?? type;
}

function kindOf(value: unknown): string {
  if (value === null || value === undefined) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (value === WHOLE_FILE) return 'text';
  if (typeof value === 'string') return `text ${show(value)}`;
  return `${typeof value} ${show(value)}`;
}

/** Stands for a file that is one scalar: "text", with none of its content. */
const WHOLE_FILE = Symbol('the whole file');

function show(value: unknown): string {
  return value === WHOLE_FILE ? 'its content' : quoteValue(value);
}
