import { createBusinessCalendar } from '../../src/calendar/index';
import { buildHandoffPacket, createHandoffPolicy } from '../../src/handoff/index';
import type { MessageInput } from '../../src/model/index';
import { compileRouter } from '../../src/routing/index';
import { baselinePolicy, calendarConfig, sampleKnowledgeBase } from './data';

/** One conversation going continue → clarify → offer → escalate, with the packet the agent gets. */
export async function handoffSection(): Promise<string> {
  const kb = await sampleKnowledgeBase();
  const router = compileRouter(baselinePolicy.router);
  const policy = createHandoffPolicy({}, { calendar: createBusinessCalendar(calendarConfig), router });
  const start = Date.parse('2026-11-24T09:00:00Z');
  const turns = [
    'where is my new card?',
    'it still has not come, I ordered it on 12 November, order 48213',
    'the tracking page shows a flux capacitor error',
    'yes please. Actually I think someone stole my wallet with the card inside!',
  ];
  const botReplies: Record<string, string> = {
    continue: 'Cards arrive within 5 working days of ordering.',
    clarify: 'Sorry, I am not sure I understood. Could you say it another way?',
    offer: 'I could not find an answer. Would you like to talk to a person?',
  };
  const messages: MessageInput[] = [];
  const events: Array<{ type: string; at: Date }> = [];
  const lines: string[] = [];
  let minute = 0;
  for (const text of turns) {
    const at = new Date(start + minute++ * 60_000);
    messages.push({ id: `m${messages.length + 1}`, author: 'customer', text, at });
    const { hits, confidence } = await kb.search(text, { limit: 3 });
    const conversation = {
      id: 'demo-1',
      customerId: 'U0001',
      channel: 'chat' as const,
      language: 'en',
      messages: [...messages],
      events: [...events],
    };
    const decision = policy.decide(conversation, {
      now: at,
      agentsAvailable: true,
      confidence,
      customer: { id: 'U0001', name: 'Alex Morgan', vip: false },
    });
    lines.push(`  customer: ${text}`);
    lines.push(
      `    answer confidence ${confidence.toFixed(2)} → ${decision.action.toUpperCase()} (${decision.reasons.map((r) => r.code).join(', ') || 'no reason to hand off'})`,
    );
    if (decision.action === 'escalate') {
      const packet = await buildHandoffPacket(conversation, {
        now: at,
        decision,
        router,
        knowledge: { store: kb, viewer: { role: 'agent', id: 'A01' } },
      });
      lines.push('', 'Handoff packet for the agent (so the customer never repeats themselves):');
      lines.push(`  goal: ${packet.summary.goal}`);
      lines.push(`  tried: ${packet.summary.tried.join(' | ') || '—'}`);
      lines.push(
        `  entities: order ids ${packet.entities.orderIds.join(', ') || '—'}; articles already shown: ${packet.articlesShown.map((a) => `${a.id} (${a.title ?? 'untitled'})`).join(', ') || 'none'}`,
      );
      lines.push(
        `  language ${packet.language.code}, sentiment ${packet.sentiment?.label ?? '—'}, priority ${packet.priority}, reasons ${packet.reasons.map((r) => r.code).join(', ')}`,
      );
      lines.push(
        `  suggested queue ${packet.queue ?? '—'} (skills ${packet.skills.join(', ') || '—'}), waiting since ${packet.waitingSince}`,
      );
      lines.push(`  transcript: ${packet.transcript.length} messages`);
      break;
    }
    const reply = botReplies[decision.action] ?? botReplies.continue!;
    const replyAt = new Date(at.getTime() + 5_000);
    // An answer names the article it came from (meta.articleId), so the packet can list it under
    // "articles already shown" and the agent does not send the same article again.
    const article = decision.action === 'continue' ? hits[0]?.article : undefined;
    messages.push({
      id: `m${messages.length + 1}`,
      author: 'bot',
      text: reply,
      at: replyAt,
      ...(article ? { meta: { articleId: article.id, articleTitle: article.title } } : {}),
    });
    if (decision.action === 'clarify') events.push({ type: 'handoff.clarified', at: replyAt });
    if (decision.action === 'offer') events.push({ type: 'handoff.offered', at: replyAt });
    lines.push(`  bot: ${reply}`);
  }
  return lines.join('\n');
}
