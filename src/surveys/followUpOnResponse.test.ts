import { describe, expect, it } from 'vitest';
import { TandemError } from '../model/errors';
import { followUpOnResponse } from './followUpOnResponse';
import type { SurveyPolicyInput } from './schemas';

const policy: SurveyPolicyInput = {
  surveys: [
    { id: 'csat', kind: 'csat', trigger: 'conversation.resolved', channel: 'email' },
    { id: 'nps', kind: 'nps', trigger: 'purchase.completed', channel: 'email' },
    { id: 'ces', kind: 'ces', trigger: 'conversation.resolved', channel: 'chat', enabled: false },
    {
      id: 'onboarding',
      kind: 'custom',
      trigger: 'onboarding.completed',
      channel: 'in_app',
      questions: [{ id: 'q1', text: 'How was onboarding?', type: 'text' }],
    },
  ],
};
const respond = (surveyId: string, score?: number) =>
  followUpOnResponse(
    { surveyId, recipientId: 'u1', at: '2026-11-21T10:00:00Z', ...(score !== undefined ? { score } : {}) },
    policy,
  );
const types = (surveyId: string, score?: number) => respond(surveyId, score).actions.map((a) => a.type);

describe('followUpOnResponse: defaults', () => {
  // Categories: CSAT top-2-box; NPS bands (Reichheld 2003); CES 2.0 7-point agreement (Gartner).
  it.each([
    ['csat', 1, 'dissatisfied', ['thank_you', 'apology', 'invite_call', 'create_ticket']],
    ['csat', 2, 'dissatisfied', ['thank_you', 'apology', 'ask_follow_up', 'create_ticket']],
    ['csat', 3, 'neutral', ['thank_you']],
    ['csat', 4, 'satisfied', ['thank_you']],
    ['csat', 5, 'satisfied', ['thank_you']],
    ['nps', 0, 'detractor', ['thank_you', 'ask_follow_up', 'create_ticket']],
    ['nps', 6, 'detractor', ['thank_you', 'ask_follow_up', 'create_ticket']],
    ['nps', 7, 'passive', ['thank_you']],
    ['nps', 8, 'passive', ['thank_you']],
    ['nps', 9, 'promoter', ['thank_you', 'request_review']],
    ['nps', 10, 'promoter', ['thank_you', 'request_review']],
    ['ces', 1, 'difficult', ['thank_you', 'ask_follow_up', 'create_ticket']],
    ['ces', 3, 'difficult', ['thank_you', 'ask_follow_up', 'create_ticket']],
    ['ces', 4, 'neutral', ['thank_you']],
    ['ces', 7, 'easy', ['thank_you']],
  ])('%s %d -> %s, %j', (survey, score, category, actions) => {
    const r = respond(survey, score);
    expect(r.category).toBe(category);
    expect(r.actions.map((a) => a.type)).toEqual(actions);
  });

  it('a 1-star CSAT creates a priority-2 ticket; a 2-star a priority-3 one', () => {
    expect(respond('csat', 1).actions.find((a) => a.type === 'create_ticket')).toMatchObject({ priority: 2 });
    expect(respond('csat', 2).actions.find((a) => a.type === 'create_ticket')).toMatchObject({ priority: 3 });
  });

  it('custom surveys and answers without a score get a thank-you only', () => {
    expect(types('onboarding')).toEqual(['thank_you']);
    expect(types('csat')).toEqual(['thank_you']);
    expect(respond('onboarding', 42).category).toBeNull();
  });
});

describe('followUpOnResponse: configurable', () => {
  it('uses the policy rules instead of the defaults, merging actions without repeats', () => {
    const custom: SurveyPolicyInput = {
      ...policy,
      followUp: {
        thankYou: false,
        rules: [
          {
            id: 'low',
            kinds: ['csat'],
            maxScore: 3,
            actions: [{ type: 'create_ticket', priority: 1, queue: 'retention' }],
          },
          {
            id: 'any-csat',
            surveys: ['csat'],
            actions: [{ type: 'ask_follow_up', question: 'Why?' }, { type: 'create_ticket' }],
          },
        ],
      },
    };
    const r = followUpOnResponse({ surveyId: 'csat', recipientId: 'u1', at: 0, score: 3 }, custom, {
      explain: true,
    });
    expect(r.actions).toEqual([
      { type: 'create_ticket', priority: 1, queue: 'retention', tags: [] },
      { type: 'ask_follow_up', question: 'Why?' },
    ]);
    expect(r.rules).toEqual(['low', 'any-csat']);
    expect(r.trace).toEqual([
      { rule: 'low', matched: true, detail: 'matched' },
      { rule: 'any-csat', matched: true, detail: 'matched' },
    ]);
    const high = followUpOnResponse({ surveyId: 'csat', recipientId: 'u1', at: 0, score: 5 }, custom, {
      explain: true,
    });
    expect(high.trace?.[0]).toEqual({ rule: 'low', matched: false, detail: 'score 5 > 3' });
  });

  it('rejects a rule whose minScore exceeds maxScore', () => {
    expect(() =>
      followUpOnResponse(
        { surveyId: 'csat', recipientId: 'u1', at: 0 },
        {
          ...policy,
          followUp: { rules: [{ id: 'x', minScore: 4, maxScore: 2, actions: [{ type: 'thank_you' }] }] },
        },
      ),
    ).toThrow(/followUp\.rules\[0\]\.minScore/);
  });
});

describe('followUpOnResponse: bad input', () => {
  it.each([
    ['csat', 0],
    ['csat', 6],
    ['csat', 4.5],
    ['nps', 11],
    ['ces', 8],
  ])('%s score %d is off the scale', (survey, score) => {
    expect(() => respond(survey, score)).toThrow(TandemError);
    expect(() => respond(survey, score)).toThrow(/response\.score/);
  });

  it('an unknown survey id names response.surveyId', () => {
    expect(() => respond('nope', 3)).toThrow(/response\.surveyId: no survey "nope"/);
  });
});
