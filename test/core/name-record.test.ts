import { describe, expect, it } from 'vitest';
import { nameRecord, nameRecordOf, ownValue } from '../../src/core/name-record.js';

const PROTOTYPE_NAMES = ['toString', 'valueOf', 'hasOwnProperty', 'constructor', '__proto__', 'isPrototypeOf'];

describe('name records', () => {
  it.each(PROTOTYPE_NAMES)('keep %s as an ordinary key', (name) => {
    const record = nameRecord<number>();
    expect(ownValue(record, name)).toBeUndefined();
    record[name] = 1;
    expect(Object.keys(record)).toEqual([name]);
    expect(ownValue(record, name)).toBe(1);
    expect(JSON.parse(JSON.stringify(record))).toEqual(JSON.parse(`{${JSON.stringify(name)}:1}`));
  });

  it.each(PROTOTYPE_NAMES)('ownValue never reads a prototype member of an ordinary object (%s)', (name) => {
    expect(ownValue({} as Record<string, unknown>, name)).toBeUndefined();
  });

  it('builds from entries, __proto__ included', () => {
    const record = nameRecordOf([['__proto__', 'a'], ['b', 'c']]);
    expect(Object.getPrototypeOf(record)).toBeNull();
    expect(Object.entries(record)).toEqual([['__proto__', 'a'], ['b', 'c']]);
  });
});
