import { describe, expect, it } from 'vitest';
import { setOwn } from './ownRecord';

// The key as a value, so the tests read and write the key itself (not the deprecated accessor).
const PROTO = '__proto__';

describe('setOwn', () => {
  it('adds __proto__ as an own entry and leaves the prototype alone', () => {
    const record: Record<string, number> = {};
    setOwn(record, '__proto__', 1);
    setOwn(record, 'constructor', 2);
    expect(Object.getPrototypeOf(record)).toBe(Object.prototype);
    expect(Object.keys(record)).toEqual(['__proto__', 'constructor']);
    expect(Object.hasOwn(record, '__proto__') && record[PROTO]).toBe(1);
    expect(JSON.parse(JSON.stringify(record))).toEqual(record);
  });

  it('a plain assignment would lose the entry (why the helper exists)', () => {
    const record: Record<string, unknown> = {};
    record[PROTO] = 1;
    expect(Object.keys(record)).toEqual([]);
  });
});
