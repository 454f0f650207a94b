/**
 * `npm run demo`: runs the library on bundled sample data and prints a readable report.
 * Each module contributes one section (scripts/demo/<module>.ts).
 */
import { calendarSection } from './demo/calendar';
import { confidenceSection } from './demo/confidence';
import { handoffSection } from './demo/handoff';
import { knowledgeSection } from './demo/knowledge';
import { metricsSection } from './demo/metrics';
import { replaySection } from './demo/replay';
import { routingSection } from './demo/routing';
import { surveysSection } from './demo/surveys';

const sections: Array<{ title: string; run: () => string | Promise<string> }> = [
  { title: 'Business calendar and SLA clock', run: calendarSection },
  { title: 'Routing: language, location, topic, VIP and priority', run: routingSection },
  { title: 'Confidence: sentiment, frustration and one score', run: confidenceSection },
  { title: 'Knowledge base: FAQ answers, confidence and access control', run: knowledgeSection },
  { title: 'Handoff: continue → clarify → offer → escalate, with the packet', run: handoffSection },
  { title: 'Surveys: a week of events, with a reason for every survey not sent', run: surveysSection },
  { title: 'Metrics on the sample history', run: metricsSection },
  { title: 'Replay and what-if: a stricter handoff policy on the same history', run: replaySection },
];

console.log('tandem-cx demo — decisions and metrics on bundled, synthetic sample data\n');
for (const [i, section] of sections.entries()) {
  console.log(`${i + 1}. ${section.title}\n${'─'.repeat(72)}`);
  console.log(await section.run());
  console.log('');
}
