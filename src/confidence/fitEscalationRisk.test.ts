import { describe, expect, it } from 'vitest';
import { TandemError } from '../model/errors';
import { fitEscalationRisk } from './fitEscalationRisk';
import { DEFAULT_ESCALATION_MODEL, predictEscalationRisk } from './predictEscalationRisk';

const at = new Date('2026-11-23T10:00:00Z');
const talk = (id: string, ...texts: string[]) => ({
  id,
  customerId: 'u1',
  channel: 'chat' as const,
  messages: texts.map((text, i) => ({
    id: `${id}-${i}`,
    author: 'customer' as const,
    text,
    at: new Date(at.getTime() + i * 60_000),
  })),
});

// Past conversations of a team where even mild complaints escalated (the hand-set priors would
// call most of these low risk).
const HISTORY = [
  [talk('a', 'Thanks, that helped!'), false],
  [talk('b', 'Great, solved, thank you'), false],
  [talk('c', 'ok', 'perfect, thanks'), false],
  [talk('d', 'how do I change my address?', 'done, thanks'), false],
  [talk('e', 'where is my parcel?'), false],
  [talk('f', 'this is not ok'), true],
  [talk('g', 'I am not happy with this'), true],
  [talk('h', 'bad answer', 'still bad'), true],
  [talk('i', 'This is useless, I want a human now!'), true],
  [talk('j', 'where is my parcel?', 'disappointing'), true],
] as const;

describe('fitEscalationRisk', () => {
  const model = fitEscalationRisk(HISTORY.map(([conversation, escalated]) => ({ conversation, escalated })));

  it('fits a logistic model on the conversations features that predictEscalationRisk accepts', () => {
    expect(model.features.sort()).toEqual(
      ['frustration', 'length', 'negativeSentiment', 'repeats', 'sentimentDrop', 'threat'].sort(),
    );
    expect(model.n).toBe(10);
    expect(model.brier).toBeLessThan(model.brierBaseline);
    const mild = talk('x', 'I am not happy');
    expect(predictEscalationRisk(mild, { model }).probability).toBeGreaterThan(
      predictEscalationRisk(mild).probability,
    );
    expect(predictEscalationRisk(talk('y', 'thanks, solved'), { model }).probability).toBeLessThan(0.5);
  });

  it('leaves the default (hand-set) model unchanged', () => {
    expect(DEFAULT_ESCALATION_MODEL.intercept).toBe(-2.5);
    const angry = talk('z', 'This is useless, I already told you twice. I am calling my lawyer!');
    expect(predictEscalationRisk(angry).level).toBe('high');
  });

  it('names the bad conversation and refuses a single outcome', () => {
    const error = (() => {
      try {
        fitEscalationRisk([
          { conversation: talk('a', 'fine'), escalated: false },
          { conversation: { id: 'b' } as never, escalated: true },
        ]);
      } catch (e) {
        return e as TandemError;
      }
    })();
    expect(error).toBeInstanceOf(TandemError);
    expect(error!.path).toMatch(/^samples\[1\]\.conversation/);
    expect(() =>
      fitEscalationRisk([
        { conversation: talk('a', 'fine'), escalated: false },
        { conversation: talk('b', 'ok'), escalated: false },
      ]),
    ).toThrow(TandemError);
    expect(() => fitEscalationRisk([{ conversation: talk('a', 'x'), escalated: 'yes' as never }])).toThrow(
      /samples\[0\]\.escalated/,
    );
  });
});
