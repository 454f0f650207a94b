import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Message } from '../model/schemas';
import { type EntityCache, extractEntities } from './packet';

describe('extractEntities', () => {
  const parts = [
    'order 12345',
    'order #A-1234',
    'a@b.com',
    'A@B.COM',
    '+48 600 100 200',
    '600100200',
    '$12.50',
    '12,50 zł',
    '€3',
    '订单号 20261123',
    '99 euros',
    'zamówienie nr 123456',
    'x',
  ];
  const message = fc.record({
    author: fc.constantFrom('customer' as const, 'customer' as const, 'bot' as const),
    text: fc.array(fc.constantFrom(...parts), { maxLength: 8 }).map((words) => words.join(' ')),
  });

  it('gives the same entities with a per-message cache, turn by turn, whatever callers do to them', () => {
    fc.assert(
      fc.property(fc.array(message, { maxLength: 12 }), (items) => {
        const messages: Message[] = items.map((m, i) => ({ id: `m${i}`, at: new Date(0), ...m }));
        const cache: EntityCache = new WeakMap();
        for (let n = 0; n <= messages.length; n++) {
          const seen = messages.slice(0, n);
          const cached = extractEntities(seen, cache);
          expect(cached).toStrictEqual(extractEntities(seen));
          // the packet is the caller's: changing it must not change the cache
          for (const a of cached.amounts) a.value = -1;
          cached.emails.push('changed@example.com');
        }
        expect(extractEntities(messages, cache)).toStrictEqual(extractEntities(messages));
      }),
      { numRuns: 200 },
    );
  });

  it('reads order ids, emails, phones and amounts from customer messages only', () => {
    const at = new Date(0);
    const messages: Message[] = [
      {
        id: 'm1',
        author: 'customer',
        text: 'Order 48213, mail me at Ann@Example.com or +48 600 100 200',
        at,
      },
      { id: 'm2', author: 'bot', text: 'Is that order 99999?', at },
      { id: 'm3', author: 'customer', text: 'I paid $12.50 for order 48213', at },
    ];
    expect(extractEntities(messages, new WeakMap())).toEqual({
      orderIds: ['48213'],
      emails: ['ann@example.com'],
      phones: ['+48 600 100 200'],
      amounts: [{ value: 12.5, currency: 'USD', text: '$12.50' }],
    });
  });
});
