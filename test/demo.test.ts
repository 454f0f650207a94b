// `npm run demo` (scripts/demo.ts): the report's sections, checked for what issue 16 (problem 8)
// found wrong in them. Each section is a function returning its text.
import { describe, expect, it } from 'vitest';
import { confidenceSection } from '../scripts/demo/confidence';
import { handoffSection } from '../scripts/demo/handoff';
import { metricsSection } from '../scripts/demo/metrics';
import { replaySection } from '../scripts/demo/replay';
import { shorten } from '../scripts/demo/routing';
import { surveysSection } from '../scripts/demo/surveys';

describe('npm run demo', () => {
  it('the handoff packet lists the article the bot answered from', async () => {
    const text = await handoffSection();
    expect(text).toMatch(/bot: Cards arrive within 5 working days/);
    expect(text).toMatch(/articles already shown: card-arrival \(When will my card arrive\?\)/);
    expect(text).not.toMatch(/articles already shown:? 0/);
  });

  // Issue 16: the unhappy complaint scored −0.077 (barely past VADER's −0.05 cut-off).
  it('the unhappy complaint reads clearly negative', () => {
    const row = confidenceSection()
      .split('\n')
      .find((l) => l.startsWith('This is NOT what I ordered'))!;
    const [, , compound, label] = row.trim().split(/\s{2,}/);
    expect(label).toBe('negative');
    expect(Number(compound)).toBeLessThan(-0.5); // −0.623 when written
  });

  it('shortens table cells at a word boundary', () => {
    expect(shorten('na fakturze jest opłata, na którą się nie zgodziłem', 38)).toBe(
      'na fakturze jest opłata, na którą się…',
    );
    expect(shorten('where is my refund', 38)).toBe('where is my refund');
    expect(shorten('the tracking page shows a flux capacitor error', 30)).toBe('the tracking page shows a…');
  });

  it('prints every survey reason whole, never cut mid-word', () => {
    const text = surveysSection();
    const why = text.slice(text.indexOf('\nwhy:\n'));
    expect(why).toMatch(/C\d+: survey "csat" was sent .* \(dropped, not retried\)$/m);
    expect(why).toMatch(
      /C\d+: the conversation was auto-resolved \(resolvedBy: bot; exclusions\.autoResolved\)$/m,
    );
  });

  it('explains containment in sections 7 and 8 on the same denominator; stars match the footnote; no progress frames off a terminal', async () => {
    const metrics = metricsSection();
    const row = metrics.split('\n').find((l) => l.startsWith('containment '))!;
    const all = row
      .trim()
      .split(/\s{2,}/)
      .at(-1)!; // the "all" column
    expect(all).toMatch(/^\d+\.\d %$/);
    const denominator = /the (\d+) conversations the bot took part in/.exec(metrics)![1]!;

    let written = '';
    const replay = await replaySection({ stderr: { write: (t: string) => (written += t), isTTY: false } });
    expect(written).toBe('');
    expect(replay).toContain(`the ${denominator} conversations the bot`);
    expect(replay).toContain(`no person joined\n${all} of them (all channels)`);
    const starred = replay.split('\n').some((l) => / \*$/.test(l));
    expect(replay.includes('* significant')).toBe(starred);
  }, 240_000); // two replays of 2400 conversations: seconds alone, more on a busy CI machine
});
