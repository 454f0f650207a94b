import { describe, expect, it } from 'vitest';
import { TandemError } from '../model/errors';
import { classifyTopic } from './classifyTopic';
import type { TopicInput } from './schemas';

const topics: TopicInput[] = [
  {
    id: 'billing',
    terms: [
      'invoice',
      'refund*',
      { term: 'charged twice', weight: 2 },
      'faktura',
      'zwrot*',
      'reembolso',
      '退款',
      '发票',
    ],
  },
  { id: 'delivery', terms: ['parcel', 'tracking', 'package', 'paczka', 'paczki', 'entrega', '包裹', '快递'] },
  { id: 'security', terms: [{ term: 'stolen', weight: 3 }, 'fraud', 'hacked', 'skradziona'], minScore: 3 },
];

describe('classifyTopic', () => {
  it.each([
    ['I was charged twice and want a refund', 'billing', 3],
    ['Refunded? no, the REFUNDS never arrived', 'billing', 1],
    ['Where is my parcel? The tracking page is empty', 'delivery', 2],
    ['Moja paczka nie dotarła', 'delivery', 1],
    ['Proszę o zwrot pieniędzy, faktura jest błędna', 'billing', 2],
    ['Mi reembolso todavía no llegó', 'billing', 1],
    ['我的包裹还没到，快递单号查不到', 'delivery', 2],
    ['申请退款', 'billing', 1],
    ['My card was stolen', 'security', 3],
  ])('%s → %s', (text, topic, score) => {
    expect(classifyTopic(text, topics)).toMatchObject({ kind: 'matched', topic, score });
  });
  it('whole words only, accent-insensitive', () => {
    expect(classifyTopic('the invoices', [{ id: 't', terms: ['invoice'] }]).kind).toBe('none');
    expect(classifyTopic('Zwróćcie pieniądze', [{ id: 't', terms: ['zwroccie'] }]).kind).toBe('matched');
  });
  it('below min score and no keywords are different reasons', () => {
    expect(classifyTopic('I was hacked', topics)).toMatchObject({ kind: 'none', reason: 'below_min_score' });
    expect(classifyTopic('good morning', topics)).toMatchObject({ kind: 'none', reason: 'no_keywords' });
  });
  it('ties go to the topic listed first; ranking is sorted', () => {
    const r = classifyTopic('invoice for the parcel', topics);
    expect(r).toMatchObject({ kind: 'matched', topic: 'billing' });
    expect(r.ranking.map((x) => x.topic)).toEqual(['billing', 'delivery', 'security']);
  });
  it('bad topics name the path', () => {
    try {
      classifyTopic('x', [
        { id: 'a', terms: ['x'] },
        { id: 'a', terms: [] },
      ]);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(TandemError);
      expect((e as TandemError).issues.map((i) => i.path)).toContain('topics[1].terms');
    }
  });
});
