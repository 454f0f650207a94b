/**
 * Learning benchmarks: the text classifier (banking77, CLINC150, PolEmo, Chinese reviews) and the
 * case model (BPI Challenge 2013 incidents), each beside baselines computed in the same run.
 *
 *   npx tsx bench/learning.ts   (writes bench/results/learning.md)
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchCaseModel } from './learning/caseModel';
import { benchTextClassifier } from './learning/textClassifier';

const root = join(import.meta.dirname, '..');
const sections = [await benchTextClassifier(), await benchCaseModel()];
const out = `# Learning benchmarks\n\n${sections.join('\n\n')}\n`;
console.log(out);
writeFileSync(join(root, 'bench/results/learning.md'), out);
