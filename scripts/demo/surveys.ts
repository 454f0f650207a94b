import { formatTable as table } from '../../src/cli/io';
import { createSurveyHistoryIndex, planSurvey } from '../../src/surveys/index';
import { baselinePolicy, conversations } from './data';

/** A week of resolved conversations through the survey policy: sent, deferred and suppressed. */
export function surveysSection(): string {
  const week = conversations.filter((c) => c.resolvedAt >= '2026-10-12' && c.resolvedAt < '2026-10-19');
  const history = createSurveyHistoryIndex([]);
  const reasons: Record<string, number> = {};
  let scheduled = 0;
  let deferred = 0;
  const examples: string[][] = [];
  for (const c of week) {
    const at = new Date(c.resolvedAt);
    const plan = planSurvey(
      {
        type: 'conversation.resolved',
        at,
        customerId: c.customerId,
        conversationId: c.id,
        channel: c.channel,
        resolvedBy: c.humanInvolved ? 'agent' : 'bot',
      },
      baselinePolicy.surveys,
      history,
      { now: at, recipient: { id: c.customerId, timeZone: c.customer.timeZone } },
    );
    if (plan.kind === 'scheduled') {
      scheduled++;
      if (plan.deferredFrom) deferred++;
      history.add({
        recipientId: c.customerId,
        surveyId: plan.surveyId,
        sentAt: plan.sendAt,
        conversationId: c.id,
      });
    } else reasons[plan.reason] = (reasons[plan.reason] ?? 0) + 1;
    if (
      examples.length < 6 &&
      (plan.kind === 'suppressed'
        ? !examples.some((e) => e[2] === plan.reason)
        : plan.deferredFrom && !examples.some((e) => e[2]?.startsWith('deferred')))
    ) {
      const local = (d: Date) =>
        d.toLocaleString('en-GB', {
          timeZone: c.customer.timeZone,
          weekday: 'short',
          hour: '2-digit',
          minute: '2-digit',
        });
      examples.push([
        c.id,
        c.customer.timeZone,
        plan.kind === 'scheduled'
          ? `deferred ${local(plan.deferredFrom!)} → ${local(plan.sendAt)} local`
          : plan.reason,
        plan.kind === 'scheduled' ? plan.deferral.join(', ') : plan.detail,
      ]);
    }
  }
  return [
    `${week.length} conversations resolved in the week of 12 Oct 2026, baseline survey policy (CSAT 24 h after`,
    "resolution, 30-day throttle, quiet hours 21:00–08:00 in the customer's own zone, bot-resolved excluded):",
    '',
    `  scheduled ${scheduled} (of which ${deferred} moved out of quiet hours); suppressed ${Object.entries(
      reasons,
    )
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
    '',
    // The reason's detail is printed whole under the table (a table cell would cut it mid-word).
    table(
      ['conversation', 'customer zone', 'outcome'],
      examples.map((e) => e.slice(0, 3)),
    ),
    '',
    'why:',
    ...examples.map((e) => `  ${e[0]}: ${e[3]}`),
  ].join('\n');
}
