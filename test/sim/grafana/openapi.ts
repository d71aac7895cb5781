import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';

/**
 * Checks response bodies against Grafana's own OpenAPI (Swagger 2.0) file. The operation is
 * found from the request (method and path matched against the spec's path templates); the
 * schema is the operation's response for the status (its `#/responses/...` resolved), or,
 * for an error status the operation does not list, ErrorResponseBody.
 *
 * The definitions allow any extra property; to catch invented fields, named definitions are
 * made closed (`additionalProperties: false`) - except Dashboard (the saved JSON model, wider
 * than the definition), SuccessResponseBody and ErrorResponseBody (Grafana adds ids beside
 * `message`, e.g. `userId` on 409 "User is already member of this organization").
 */
const SPEC_FILE = '/work/shared/specs/grafana-openapi2.json';
const OPEN = new Set(['Dashboard', 'Json', 'SuccessResponseBody', 'ErrorResponseBody']);

interface Spec {
  definitions: Record<string, Record<string, unknown>>;
  responses: Record<string, { schema?: unknown }>;
  paths: Record<string, Record<string, { responses: Record<string, { $ref?: string; schema?: unknown }> }>>;
}

export interface OpenApiChecker {
  /** Errors for this body, or [] when it is valid. Throws when the request matches no operation. */
  check(method: string, path: string, status: number, body: unknown): string[];
  /** Validates against one named definition (for the paths Grafana serves but the file leaves out). */
  checkDefinition(name: string, body: unknown): string[];
  /** The spec path template a request matches, if any. */
  operation(method: string, path: string): string | undefined;
}

export function openApiChecker(file = SPEC_FILE): OpenApiChecker {
  const spec = JSON.parse(readFileSync(file, 'utf8')) as Spec;
  const definitions: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(spec.definitions)) {
    const closed = !OPEN.has(name) && schema['type'] === 'object' && schema['properties'] !== undefined && schema['additionalProperties'] === undefined;
    definitions[name] = closed ? { ...schema, additionalProperties: false } : schema;
  }
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  ajv.addSchema({ $id: 'grafana', definitions });
  const rewrite = (schema: unknown): unknown =>
    JSON.parse(JSON.stringify(schema).replaceAll('"#/definitions/', '"grafana#/definitions/'));
  const cache = new Map<string, ValidateFunction>();
  const compiled = (key: string, schema: unknown): ValidateFunction => {
    let fn = cache.get(key);
    if (!fn) {
      fn = ajv.compile(rewrite(schema) as object);
      cache.set(key, fn);
    }
    return fn;
  };
  const errors = (fn: ValidateFunction, body: unknown): string[] =>
    fn(body) ? [] : (fn.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);

  const templates = Object.keys(spec.paths).map((template) => ({
    template,
    regex: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}/?$`),
    literals: template.split('/').filter((s) => s !== '' && !s.startsWith('{')).length,
  }));
  const operation = (method: string, path: string): string | undefined => {
    const apiPath = path.split('?')[0]?.replace(/^\/api/, '') ?? '';
    return templates
      .filter((t) => t.regex.test(apiPath) && spec.paths[t.template]?.[method.toLowerCase()] !== undefined)
      .sort((a, b) => b.literals - a.literals)[0]?.template;
  };

  return {
    operation,
    check(method, path, status, body) {
      const template = operation(method, path);
      if (!template) throw new Error(`no OpenAPI operation for ${method} ${path}`);
      const response = spec.paths[template]?.[method.toLowerCase()]?.responses[String(status)];
      let schema: unknown;
      if (response?.$ref) schema = spec.responses[response.$ref.replace('#/responses/', '')]?.schema;
      else schema = response?.schema;
      if (schema === undefined && status >= 400) schema = { $ref: '#/definitions/ErrorResponseBody' };
      if (schema === undefined) return [`${method} ${template} documents no ${status} response`];
      return errors(compiled(`${method} ${template} ${status}`, schema), body);
    },
    checkDefinition(name, body) {
      return errors(compiled(name, { $ref: `#/definitions/${name}` }), body);
    },
  };
}
