import { formatTable as table } from '../../src/cli/io';
import { assignAgent, compileRouter, detectLanguage } from '../../src/routing/index';
import { agents, baselinePolicy, conversations } from './data';

/** Shortens text to `width` characters at a word boundary, with an ellipsis (never mid-word). */
export function shorten(text: string, width: number): string {
  if (text.length <= width) return text;
  const cut = text.slice(0, width - 1);
  // A cut right before a space ends on a whole word; otherwise go back to the last space.
  const space = text[width - 1] === ' ' ? cut.length : cut.lastIndexOf(' ');
  return `${(space > width / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:|]+$/, '')}…`;
}

const short = (v: unknown) => shorten(JSON.stringify(v) ?? 'undefined', 40);

/** Routes a few sample conversations with the example policy, explains one, assigns agents. */
export function routingSection(): string {
  const router = compileRouter(baselinePolicy.router);
  const picks = ['bot_resolved', 'sensitive', 'billing_dispute', 'explicit_human', 'agent_direct'].flatMap(
    (flow) => conversations.filter((c) => c.meta.flow === flow).slice(0, 2),
  );
  const rows = picks.map((c) => {
    const text = c.messages[0]!.text;
    const detected = detectLanguage(text);
    const item = { ...c, language: detected.language === 'und' ? c.language : detected.language, text };
    const decision = router.route(item);
    const agent = assignAgent(
      {
        id: c.id,
        channel: c.channel,
        ...(item.language ? { language: item.language } : {}),
        skills: [...decision.skills],
      },
      agents as never,
      { strategy: 'skills_best_match', now: new Date(c.createdAt) },
    );
    return [
      shorten(text, 38),
      `${detected.language} ${detected.confidence.toFixed(2)}`,
      decision.kind === 'matched' ? decision.ruleId : '(fallback)',
      decision.queue,
      String(decision.priority),
      c.queue === decision.queue ? 'yes' : `no (${c.queue})`,
      agent.kind === 'assigned' ? agent.agentId : `queued: ${agent.reason}`,
    ];
  });
  const explained = router.route(
    { language: 'pl', text: 'ukradziono mi kartę', customer: { vip: false } },
    { explain: true },
  );
  const trace = explained
    .trace!.rules.filter((r) => r.enabled)
    .slice(0, 3)
    .map(
      (r) =>
        `  ${r.matched ? '✔' : '✘'} ${r.ruleId}: ${r.conditions.map((c) => `${c.field} ${c.op} ${short(c.expected)}, saw ${short(c.seen)} → ${c.result}`).join('; ')}`,
    );
  return [
    `Rules from examples/policies/baseline.json (${baselinePolicy.router.rules.length} rules, first match wins), language detected offline:`,
    '',
    table(['first message', 'language', 'rule', 'queue', 'prio', 'right queue?', 'agent'], rows),
    '',
    `Why did "ukradziono mi kartę" go to ${explained.queue}? (route(item, { explain: true }))`,
    ...trace,
  ].join('\n');
}
