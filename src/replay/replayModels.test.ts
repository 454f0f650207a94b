import { describe, expect, it } from 'vitest';
import { trainTextClassifier } from '../learning/index';
import { TandemError } from '../model/errors';
import { comparePolicies } from './comparePolicies';
import { compileReplayPolicy } from './compileReplayPolicy';
import { replay } from './replay';

const at = (m: number) => new Date(Date.UTC(2026, 10, 23, 10, m));
const TAGGED: Array<[string, string]> = [
  ['I was charged twice for my order', 'billing'],
  ['where is my invoice', 'billing'],
  ['please refund the duplicate payment', 'billing'],
  ['the payment was taken twice', 'billing'],
  ['my parcel has not arrived', 'delivery'],
  ['tracking number does not work', 'delivery'],
  ['the courier lost my package', 'delivery'],
  ['when will my order be delivered', 'delivery'],
];
const topicJson = trainTextClassifier(TAGGED.map(([text, label]) => ({ text, label }))).toJSON();
const sentimentJson = trainTextClassifier([
  { text: 'great, thanks a lot', label: 'positive' },
  { text: 'thank you, very helpful', label: 'positive' },
  { text: 'terrible, nothing works', label: 'negative' },
  { text: 'awful service, very slow', label: 'negative' },
]).toJSON();

// History whose recorded queue is the ground truth; the customers' words are not the keywords.
const history = [
  ['I got charged twice, the payment is wrong', 'billing'],
  ['refund the duplicate payment please', 'billing'],
  ['my package still has not arrived', 'delivery'],
  ['the courier never delivered my order', 'delivery'],
].map(([text, queue], i) => ({
  id: `c${i}`,
  customerId: `u${i}`,
  channel: 'email' as const,
  queue,
  messages: [{ author: 'customer', text: text!, at: at(i) }],
}));

const keywordRouter = {
  rules: [
    { id: 'billing', when: { field: 'text', op: 'contains', value: 'invoice' }, then: { queue: 'billing' } },
    { id: 'delivery', when: { field: 'text', op: 'contains', value: 'parcel' }, then: { queue: 'delivery' } },
  ],
  fallback: { queue: 'general' },
};
const modelRouter = {
  rules: [
    { id: 'billing', when: { field: 'topic', op: 'eq', value: 'billing' }, then: { queue: 'billing' } },
    { id: 'delivery', when: { field: 'topic', op: 'eq', value: 'delivery' }, then: { queue: 'delivery' } },
  ],
  fallback: { queue: 'general' },
};

describe('replay policies carrying fitted models (JSON)', () => {
  it('what-if: keyword routing against a fitted topic model on the same history', async () => {
    const a = compileReplayPolicy({ router: keywordRouter });
    const b = compileReplayPolicy({ router: modelRouter, models: { topic: topicJson } });
    const diff = await comparePolicies(a, b, history);
    expect(diff.routingAccuracy.a).toBe(0);
    expect(diff.routingAccuracy.b).toBe(1);
  });

  it('gives the router the sentiment of a fitted model or of the lexicon', async () => {
    const router = {
      rules: [
        { id: 'upset', when: { field: 'sentiment', op: 'eq', value: 'negative' }, then: { queue: 'care' } },
      ],
      fallback: { queue: 'general' },
    };
    const angry = [
      {
        id: 'x',
        customerId: 'u',
        channel: 'email' as const,
        messages: [{ author: 'customer', text: 'terrible and slow, nothing works', at: at(0) }],
      },
    ];
    for (const sentiment of [sentimentJson, 'lexicon' as const]) {
      const report = await replay(angry, compileReplayPolicy({ router, models: { sentiment } }));
      expect(report.decisions[0]!.route!.queue).toBe('care');
    }
  });

  it('refuses a tampered model or a sentiment model without sentiment labels, with the path', () => {
    const tampered = { ...topicJson, bias: topicJson.bias.map((b) => b + 1) };
    const error = (() => {
      try {
        compileReplayPolicy({ router: modelRouter, models: { topic: tampered, sentiment: topicJson } });
      } catch (e) {
        return e as TandemError;
      }
    })();
    expect(error).toBeInstanceOf(TandemError);
    expect(error!.code).toBe('INVALID_CONFIG');
    expect(error!.issues.map((i) => i.path)).toEqual([
      'models.topic.model.checksum',
      'models.sentiment.labels',
    ]);
  });
});
