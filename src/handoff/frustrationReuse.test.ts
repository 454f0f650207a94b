// The default policy keeps each message's frustration analysis between turns
// (createFrustrationDetector); its decisions must be exactly those of a policy that calls the
// stateless detectFrustration on every turn.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectFrustration } from '../confidence/detectFrustration';
import type { ConversationInput, MessageInput } from '../model/schemas';
import { createHandoffPolicy } from './createHandoffPolicy';

const t0 = Date.parse('2026-11-23T10:00:00Z');
const at = (minute: number) => new Date(t0 + minute * 60_000);

const customerTexts = [
  'Where is my refund for order 1234?',
  'Where is my refund for order 1234??',
  'I already told you, this is useless',
  'THIS IS NOT WORKING AT ALL',
  'This is terrible, the worst service ever',
  'I will call my lawyer',
  'Już mówiłem, to bez sensu',
  '我已经说过了，没用',
  'agent',
  'no thanks',
  'yes please',
  'ok',
  'Are you sure? I really need my refund',
  'f***ing useless garbage company!!!',
  '不是这个，我说的是退款！！',
];
const botTexts = [
  "Sorry, I didn't understand. Could you rephrase?",
  'Refunds take 5 to 7 working days.',
  'Would you like to talk to a person?',
  'Unfortunately there are no results for that order.',
];

const turn = fc.record({
  customer: fc.array(fc.constantFrom(...customerTexts), { minLength: 1, maxLength: 2 }),
  bot: fc.constantFrom(...botTexts),
  handoff: fc.constantFrom(undefined, 'offer', 'clarify'),
  gap: fc.integer({ min: 0, max: 12 }),
  confidence: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }),
});

describe('createHandoffPolicy: frustration analysis reused between turns', () => {
  it('decides exactly as with the stateless detector, turn by turn', () => {
    fc.assert(
      fc.property(
        fc.array(turn, { minLength: 1, maxLength: 12 }),
        fc.constantFrom(undefined, 'en', 'pl'),
        fc.integer({ min: 4, max: 12 }),
        fc.boolean(),
        (turns, language, window, explain) => {
          const config = { frustration: { window, threshold: 0.4 } };
          const cached = createHandoffPolicy(config);
          const stateless = createHandoffPolicy(config, {
            detectFrustration: (messages, options) => detectFrustration(messages, options),
          });
          // The same message objects come back on every turn, as in a live chat.
          const messages: MessageInput[] = [];
          let minute = 0;
          for (const [k, t] of turns.entries()) {
            for (const text of t.customer) {
              minute += t.gap;
              messages.push({ id: `c${k}-${messages.length}`, author: 'customer', text, at: at(minute) });
            }
            const conversation: ConversationInput = {
              id: 'c1',
              customerId: 'u1',
              channel: 'chat',
              ...(language ? { language } : {}),
              messages: [...messages],
            };
            const options = {
              now: at(minute + 1),
              agentsAvailable: k % 3 !== 0,
              explain,
              ...(t.confidence === undefined ? {} : { confidence: t.confidence }),
            };
            expect(cached.decide(conversation, options)).toStrictEqual(
              stateless.decide(conversation, options),
            );
            minute += 1;
            messages.push({
              id: `b${k}`,
              author: 'bot',
              text: t.bot,
              at: at(minute),
              ...(t.handoff ? { meta: { handoff: t.handoff } } : {}),
            });
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
