import { describe, expect, it } from 'vitest';
import { compileOwnPath, ownEntry, readOwn, setOwn } from './ownProperties';

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

describe('readOwn and compileOwnPath', () => {
  it('read own properties only, level by level', () => {
    const item = Object.assign(Object.create({ inherited: 1 }), {
      own: { tier: 'vip', deep: { a: { b: 2 } } },
    });
    expect(readOwn(item, 'own')).toBe(item.own);
    expect(readOwn(item, 'inherited')).toBeUndefined();
    expect(readOwn({}, 'toString')).toBeUndefined();
    expect(readOwn('text', 'length')).toBeUndefined();
    expect(compileOwnPath('own.tier')(item)).toBe('vip');
    expect(compileOwnPath('own.deep.a.b')(item)).toBe(2);
    expect(compileOwnPath('own.constructor')(item)).toBeUndefined();
    expect(compileOwnPath('own.deep.a.b.c')(item)).toBeUndefined();
    expect(compileOwnPath(`${PROTO}.x`)({})).toBeUndefined();
  });
});

describe('readOwn fast path', () => {
  it('a key polluted onto Object.prototype after the getter was made still reads as absent', () => {
    const get = compileOwnPath('tier');
    expect(get({ tier: 'vip' })).toBe('vip');
    const proto = Object.prototype as Record<string, unknown>;
    try {
      proto.tier = 'polluted';
      expect(get({})).toBeUndefined();
      expect(get({ tier: 'vip' })).toBe('vip');
      expect(readOwn({}, 'tier')).toBeUndefined();
    } finally {
      delete proto.tier;
    }
  });

  it('calls neither prototype getters nor the __proto__ accessor', () => {
    let calls = 0;
    class Ticket {
      own = 1;
      get computed() {
        calls++;
        return 2;
      }
    }
    expect(readOwn(new Ticket(), 'computed')).toBeUndefined();
    expect(readOwn(new Ticket(), 'own')).toBe(1);
    expect(calls).toBe(0);
    expect(readOwn({}, PROTO)).toBeUndefined();
    expect(readOwn(Object.create(null), 'x')).toBeUndefined();
  });
});

describe('ownEntry', () => {
  it('finds the table own entries only', () => {
    const table: Record<string, number> = { a: 1 };
    setOwn(table, PROTO, 2);
    expect(ownEntry(table, 'a')).toBe(1);
    expect(ownEntry(table, PROTO)).toBe(2);
    expect(ownEntry(table, 'toString')).toBeUndefined();
    expect(ownEntry(table, 'missing')).toBeUndefined();
  });
});
