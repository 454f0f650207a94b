/**
 * `npm run demo`: runs the library on bundled sample data and prints a readable report.
 * Each module contributes one section (scripts/demo/<module>.ts).
 */
import { calendarSection } from './demo/calendar';

const sections: Array<{ title: string; run: () => string | Promise<string> }> = [
  { title: 'Business calendar and SLA clock', run: calendarSection },
];

console.log('tandem-cx demo — decisions and metrics on bundled, synthetic sample data\n');
for (const [i, section] of sections.entries()) {
  console.log(`${i + 1}. ${section.title}\n${'─'.repeat(72)}`);
  console.log(await section.run());
  console.log('');
}
