/**
 * A deep copy of parsed data in which every mapping is a null-prototype object. A team
 * named `toString`, `valueOf` or `hasOwnProperty` is then an ordinary own key: `teams[name]`
 * finds it or finds nothing, never a function inherited from Object.prototype. Shared
 * values (YAML aliases) stay shared, and a cycle is copied as a cycle, not followed forever.
 */
export function toNullPrototype(value: unknown, copies = new Map<object, unknown>()): unknown {
  if (value === null || typeof value !== 'object') return value;
  const done = copies.get(value);
  if (done !== undefined) return done;
  if (Array.isArray(value)) {
    const list: unknown[] = [];
    copies.set(value, list);
    for (const item of value) list.push(toNullPrototype(item, copies));
    return list;
  }
  const mapping = Object.create(null) as Record<string, unknown>;
  copies.set(value, mapping);
  // On a null-prototype object, `mapping['__proto__'] = v` defines an own key: there is no inherited setter.
  for (const [key, item] of Object.entries(value)) mapping[key] = toNullPrototype(item, copies);
  return mapping;
}
