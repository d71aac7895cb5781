import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';

/**
 * Reading a `--data` file (YAML or JSON; JSON is YAML) and checking its shape, with errors that
 * name the position (`users[3].email: required string`). Each simulator builds its own state
 * from the checked document.
 */
export class SeedDataError extends Error {
  override name = 'SeedDataError';
}

export async function loadSeedFile(file: string): Promise<unknown> {
  const text = await readFile(file, 'utf8');
  try {
    return parseYaml(text) as unknown;
  } catch (error) {
    throw new SeedDataError(`${file}: ${(error as Error).message}`);
  }
}

export type Obj = Record<string, unknown>;

export function obj(value: unknown, at: string, keys: readonly string[]): Obj {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new SeedDataError(`${at}: expected a mapping`);
  for (const key of Object.keys(value)) {
    if (!keys.includes(key)) throw new SeedDataError(`${at}: unknown key "${key}" (expected ${keys.join(', ')})`);
  }
  return value as Obj;
}

export function list(root: Obj, key: string): unknown[] {
  const value = root[key] ?? [];
  if (!Array.isArray(value)) throw new SeedDataError(`${key}: expected a list`);
  return value;
}

export function req(o: Obj, key: string, at: string, type: 'string'): string {
  const value = o[key];
  if (typeof value !== type) throw new SeedDataError(`${at}.${key}: required ${type}`);
  return value as string;
}

export function opt(o: Obj, key: string, at: string, type: 'string'): string | undefined {
  return o[key] === undefined ? undefined : req(o, key, at, type);
}

export function optBoolean(o: Obj, key: string, at: string): boolean | undefined {
  const value = o[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean') throw new SeedDataError(`${at}.${key}: expected true or false`);
  return value;
}

/** Explicit ids are kept; the rest count up from 1 in order of appearance, skipping ids taken. */
export function assignIds(items: unknown[], kind: string): number[] {
  const taken = new Set<number>();
  items.forEach((item, i) => {
    const id = item !== null && typeof item === 'object' ? (item as Obj)['id'] : undefined;
    if (id === undefined) return;
    if (!Number.isSafeInteger(id) || (id as number) <= 0) throw new SeedDataError(`${kind}[${i}].id: expected a positive integer`);
    if (taken.has(id as number)) throw new SeedDataError(`${kind}[${i}].id: id ${String(id)} used twice`);
    taken.add(id as number);
  });
  let next = 1;
  return items.map((item) => {
    const id = item !== null && typeof item === 'object' ? (item as Obj)['id'] : undefined;
    if (typeof id === 'number') return id;
    while (taken.has(next)) next++;
    taken.add(next);
    return next;
  });
}
