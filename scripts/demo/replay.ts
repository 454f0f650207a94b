import { renderReplay } from '../../src/cli/commands/replay';
import { type CliIo, createProgressBar } from '../../src/cli/io';
import { comparePolicies, compileReplayPolicy } from '../../src/replay/index';
import { baselinePolicy, conversations, sampleKnowledgeBase, stricterPolicy } from './data';

/** Where the section draws its progress bar: stderr, and only when it is a terminal. */
export interface ReplaySectionOptions {
  stderr?: { write(text: string): unknown; isTTY?: boolean };
}

/** What-if: the same six weeks of history under the baseline and a stricter handoff policy. */
export async function replaySection(options: ReplaySectionOptions = {}): Promise<string> {
  const stderr = options.stderr ?? process.stderr;
  // A redirected stderr (CI logs, `npm run demo > report.txt 2>&1`) gets no \r frames.
  const io: CliIo = {
    stdout: () => {},
    stderr: (t) => void stderr.write(t),
    progress: stderr.isTTY === true,
  };
  const bar = createProgressBar(io, '  replaying');
  const kb = await sampleKnowledgeBase();
  const total = conversations.length * 2;
  let done = 0;
  const diff = await comparePolicies(
    compileReplayPolicy(baselinePolicy),
    compileReplayPolicy(stricterPolicy),
    conversations as never,
    {
      knowledge: kb,
      onProgress: () => {
        done++;
        bar.update(done, total);
      },
    },
  );
  bar.done();
  // The recorded containment of the same bot conversations (what section 7 measures per channel).
  const bot = conversations.filter((c) => c.botInvolved);
  const recorded = bot.filter((c) => !c.humanInvolved).length / bot.length;
  const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)} %`);
  return [
    'Policy A: examples/policies/baseline.json. Policy B: stricter-handoff.json — rephrase / offer a',
    'person when answer confidence < 0.6 (A: < 0.3), offer at frustration 0.4 (A: 0.6), 14-day survey',
    'throttle (A: 30 days). Both assume 60 % of offers are accepted. Same history, same seed:',
    '',
    renderReplay(diff),
    '',
    `Containment here and in section 7 has the same denominator — the ${diff.a.botConversations} conversations the bot`,
    `took part in — but not the same numerator. Section 7 counts what happened: no person joined`,
    `${pct(recorded)} of them (all channels). The replay counts what policy A would decide from the`,
    `customer's messages alone (${pct(diff.a.containmentRate)}): it hands off on a request, a sensitive topic, low`,
    'answer confidence or frustration, and keeps the rest with the bot — also where a person joined',
    'in the history for a reason the messages do not show. Read it as an upper bound, and compare',
    'policies with each other (B − A), not with the recorded figure.',
  ].join('\n');
}
