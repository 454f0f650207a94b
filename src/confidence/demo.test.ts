// The demo table of docs/confidence.md, kept true by this test.
import { describe, expect, it } from 'vitest';
import type { ConversationInput } from '../model/schemas';
import { detectFrustration, predictEscalationRisk, scoreConfidence } from './index';

const at = (m: number) => new Date(Date.UTC(2026, 10, 23, 10, m));
const conversation = (
  id: string,
  language: string,
  messages: [author: 'customer' | 'bot', text: string, minute: number][],
): ConversationInput => ({
  id,
  customerId: 'u',
  channel: 'chat',
  language,
  messages: messages.map(([author, text, minute], i) => ({ id: `${id}-${i}`, author, text, at: at(minute) })),
});
const RETRY = "Sorry, I didn't understand. Could you rephrase?";

describe('docs/confidence.md demo', () => {
  it.each([
    [
      conversation('calm', 'en', [
        ['customer', 'Hi, how do I download my invoice?', 0],
        ['bot', 'Go to Billing → Invoices and click Download.', 0],
        ['customer', 'Found it, thanks a lot!', 1],
      ]),
      '',
      0,
      0.0879,
      0.8875,
    ],
    [
      conversation('loop', 'en', [
        ['customer', 'Where is my refund for order 1234?', 0],
        ['bot', RETRY, 0],
        ['customer', 'Where is my refund for order 1234??', 1],
        ['bot', RETRY, 1],
        ['customer', 'I ALREADY TOLD YOU. WHERE IS MY REFUND', 2],
        ['bot', RETRY, 9],
        ['customer', 'This is useless. I will cancel my account.', 10],
      ]),
      'bot_failure@2, repeated_question@3, bot_failure@4, already_told@5, all_caps@5, restated_constraint@5, bot_failure@6, no_progress@6, long_wait@6, churn_threat@7, useless_bot@7, negative_sentiment@7',
      0.9706,
      0.9457,
      0.3055,
    ],
    [
      conversation('pl', 'pl', [
        ['customer', 'Dzień dobry, paczka miała być wczoraj.', 0],
        ['bot', 'Przesyłka jest w drodze.', 0],
        ['customer', 'Już pisałem, że miała być wczoraj! Ile razy mam powtarzać?', 1],
        ['bot', 'Przesyłka jest w drodze.', 1],
        ['customer', 'To jest bez sensu, zgłaszam sprawę do UOKiK.', 2],
      ]),
      'already_told@3, bot_failure@4, legal_threat@5, useless_bot@5, negative_sentiment@5',
      0.8912,
      0.9054,
      0.3518,
    ],
    [
      conversation('zh', 'zh-Hant', [
        ['customer', '你好，我的退款什麼時候到帳？', 0],
        ['bot', '退款一般需要3到5個工作日。', 0],
        ['customer', '已經十天了，還沒到帳，太失望了', 20],
        ['bot', '退款一般需要3到5個工作日。', 21],
        ['customer', '我已經說過了！再不處理我就找律師', 22],
      ]),
      'anger@3, negative_sentiment@3, bot_failure@4, legal_threat@5, already_told@5, correction@5',
      0.9417,
      0.8312,
      0.386,
    ],
  ])('%#', (c, signals, frustration, risk, confidence) => {
    const f = detectFrustration(c.messages, { language: c.language });
    expect(f.signals.map((s) => `${s.kind}@${s.turn}`).join(', ')).toBe(signals);
    expect(f.score).toBeCloseTo(frustration, 4);
    expect(predictEscalationRisk(c).probability).toBeCloseTo(risk, 4);
    const s = scoreConfidence({
      top1: 0.82,
      top2: 0.41,
      frustration: f.score,
      sentiment: f.sentiment.at(-1)?.compound,
    });
    expect(s.score).toBeCloseTo(confidence, 4);
  });
});
