import { describe, expect, it } from 'vitest';
import { readSchema } from '../../src/config/schema-validator.js';

type SchemaNode = Record<string, unknown>;

/** Every subschema with the JSON path that reaches it. */
function walk(node: unknown, path: string, visit: (node: SchemaNode, path: string) => void): void {
  if (node === null || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    node.forEach((item, i) => walk(item, `${path}[${i}]`, visit));
    return;
  }
  const schema = node as SchemaNode;
  visit(schema, path);
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'properties' || key === '$defs') {
      for (const [name, child] of Object.entries(value as SchemaNode)) walk(child, `${path}.${key}.${name}`, visit);
    } else if (['items', 'additionalProperties', 'propertyNames', 'anyOf', 'oneOf'].includes(key)) {
      walk(value, `${path}.${key}`, visit);
    }
  }
}

function collect(predicate: (node: SchemaNode, path: string) => boolean): string[] {
  const found: string[] = [];
  walk(readSchema(), '#', (node, path) => {
    if (predicate(node, path)) found.push(path);
  });
  return found;
}

describe('schemas/accessctl.schema.json', () => {
  it('is JSON Schema 2020-12', () => {
    expect((readSchema() as SchemaNode).$schema).toBe('https://json-schema.org/draft/2020-12/schema');
  });

  it('describes every property and every definition, for editor hovers', () => {
    const undocumented = collect(
      (node, path) => /\.(properties|\$defs)\.[^.]+$/.test(path) && !('$ref' in node) && typeof node.description !== 'string',
    );
    expect(undocumented).toEqual([]);
  });

  it('closes every object with additionalProperties (false, or a schema for map values)', () => {
    // The root only dispatches on `provider`; each of its two branches is closed.
    const open = collect((node, path) => path !== '#' && node.type === 'object' && !('additionalProperties' in node));
    expect(open).toEqual([]);
  });

  it('bounds every string, list and map so validation cost stays bounded', () => {
    const unbounded = collect(
      (node) =>
        (node.type === 'string' && !('maxLength' in node)) ||
        (node.type === 'array' && !('maxItems' in node)) ||
        (node.type === 'object' && typeof node.additionalProperties === 'object' && !('maxProperties' in node)),
    );
    expect(unbounded).toEqual([]);
  });

  it.each([
    ['chartioDashboardLevel', ['viewer', 'editor', 'admin']],
    ['chartioDatasourceLevel', ['editor', 'admin']],
    ['grafanaOrgRole', ['None', 'Viewer', 'Editor', 'Admin']],
    ['grafanaPermission', ['View', 'Edit', 'Admin']],
  ])('has the access levels of %s', (name, levels) => {
    const defs = (readSchema() as { $defs: Record<string, SchemaNode> }).$defs;
    expect(defs[name]?.enum).toEqual(levels);
  });
});
