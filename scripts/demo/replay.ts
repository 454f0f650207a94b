import { renderReplay } from '../../src/cli/commands/replay';
import { comparePolicies, compileReplayPolicy } from '../../src/replay/index';
import { baselinePolicy, conversations, sampleKnowledgeBase, stricterPolicy } from './data';

/** What-if: the same six weeks of history under the baseline and a stricter handoff policy. */
export async function replaySection(): Promise<string> {
  const kb = await sampleKnowledgeBase();
  const total = conversations.length * 2;
  let done = 0;
  const draw = () => {
    const width = 30;
    const filled = Math.round((done / total) * width);
    process.stderr.write(
      `\r  replaying [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${Math.round((done / total) * 100)}%`,
    );
  };
  const diff = await comparePolicies(
    compileReplayPolicy(baselinePolicy),
    compileReplayPolicy(stricterPolicy),
    conversations as never,
    {
      knowledge: kb,
      onProgress: () => {
        done++;
        if (done % 100 === 0 || done === total) draw();
      },
    },
  );
  process.stderr.write('\n');
  return [
    'Policy A: examples/policies/baseline.json. Policy B: stricter-handoff.json — rephrase / offer a',
    'person when answer confidence < 0.6 (A: < 0.3), offer at frustration 0.4 (A: 0.6), 14-day survey',
    'throttle (A: 30 days). Both assume 60 % of offers are accepted. Same history, same seed:',
    '',
    renderReplay(diff),
  ].join('\n');
}
