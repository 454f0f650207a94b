// Quality floors of the handoff detectors (figures reported by bench/handoff.ts; both computed by
// test/support/handoffEval.ts). Floors sit a little under the measured values, so a change that
// loses recall or adds false alarms turns the suite red.
import { expect, it } from 'vitest';
import { describeEvalData } from '../../test/support/describeEvalData';
import {
  explicitRequestFalsePositives,
  explicitRequestScores,
  readLabelledUtterances,
  sensitiveTopicQuality,
} from '../../test/support/handoffEval';

it('explicit requests: the labelled sets stay at their measured precision and recall', () => {
  // Both sets are development sets now (patterns were revised after the hold-out's first run:
  // precision 0.966, recall 0.737 then); measured 1.000 / 1.000 on each.
  for (const name of ['explicit-requests.json', 'explicit-requests-holdout.json']) {
    const r = explicitRequestScores(readLabelledUtterances(name));
    expect(r.precision, name).toBeGreaterThanOrEqual(0.97);
    expect(r.recall, name).toBeGreaterThanOrEqual(0.97);
  }
});

describeEvalData(['banking77/train.csv', 'clinc150/data_dev.json'])(
  'handoff detectors on real utterances',
  () => {
    it('explicit-request flags on utterances without a "talk to a person" intent stay rare', () => {
      // Measured: 1 of 10,003 banking77 utterances, 8 of 18,200 CLINC150 ones (each checked by hand;
      // most CLINC ones do ask for a person, e.g. "i need to talk to someone on the phone").
      const { banking77, clinc150 } = explicitRequestFalsePositives();
      expect(banking77.explicit / banking77.n).toBeLessThanOrEqual(3 / 10_003);
      expect(clinc150.explicit / clinc150.n).toBeLessThanOrEqual(12 / 18_200);
    });

    it('sensitive topics: recall on the sensitive banking77 intents and flag rate on the rest', () => {
      // Measured: the expected topic on 62.7 % of the 678 sensitive utterances (any sensitive topic
      // on 71.2 %), and 0.71 % of the other 72 intents' utterances flagged.
      const q = sensitiveTopicQuality();
      const n = q.intents.reduce((s, r) => s + r.n, 0);
      const any = q.intents.reduce((s, r) => s + r.anyTopic, 0);
      expect(q.recall).toBeGreaterThanOrEqual(0.6);
      expect(any / n).toBeGreaterThanOrEqual(0.69);
      expect(q.otherFlagged.length / q.others.length).toBeLessThanOrEqual(0.01);
    });
  },
);
