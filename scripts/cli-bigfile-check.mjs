#!/usr/bin/env node
/**
 * Issue 16 acceptance for `tandem-cx metrics` on real-sized files: generates a ~50 MB tickets CSV
 * (and the same rows without `createdAt`) in a temp dir, runs one or two built CLIs on them and
 * prints wall time and peak memory (GNU time's max RSS). Not part of `npm test`: timings are
 * measured here and reported, never asserted.
 *
 *   node scripts/cli-bigfile-check.mjs --new dist/cli/main.js [--old /tmp/old/dist/cli/main.js]
 *        [--mb 50] [--runs 3] [--old-missing]
 *
 * `--old` is the CLI built from an earlier commit (e.g. `git worktree add /tmp/old 30956e6`,
 * symlink node_modules, `npx tsup`). `--old-missing` also times the old CLI on the files with the
 * missing column and with a bad value on every row (minutes at 50 MB before issue 16).
 */
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    new: { type: 'string' },
    old: { type: 'string' },
    mb: { type: 'string', default: '50' },
    runs: { type: 'string', default: '3' },
    'old-missing': { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
  },
});
if (!values.new) {
  console.error(
    'usage: node scripts/cli-bigfile-check.mjs --new dist/cli/main.js [--old …] [--mb 50] [--runs 3]',
  );
  process.exit(2);
}
const targetBytes = Number(values.mb) * 1024 * 1024;
const runs = Number(values.runs);

// A seeded PRNG (mulberry32) so every run writes the same file.
let seed = 16;
const random = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = (xs) => xs[Math.floor(random() * xs.length)];

function writeFiles(dir) {
  const valid = join(dir, 'tickets.csv');
  const missing = join(dir, 'tickets-no-createdAt.csv');
  const baddates = join(dir, 'tickets-bad-createdAt.csv');
  const a = openSync(valid, 'w');
  const b = openSync(missing, 'w');
  const c = openSync(baddates, 'w');
  const columns =
    'id,customerId,createdAt,channel,queue,priority,firstResponseAt,resolvedAt,reopens,transfers,handedOff,botOnly,handleTime';
  writeSync(a, `${columns}\n`);
  writeSync(b, `${columns.replace(',createdAt', '')}\n`);
  writeSync(c, `${columns}\n`);
  const start = Date.UTC(2026, 0, 1);
  let bytes = 0;
  let rows = 0;
  let chunkA = '';
  let chunkB = '';
  let chunkC = '';
  while (bytes < targetBytes) {
    const created = start + Math.floor(random() * 300 * 86_400_000);
    const first = created + Math.floor(random() * 8 * 3_600_000);
    const resolved =
      random() < 0.9 ? new Date(first + Math.floor(random() * 48 * 3_600_000)).toISOString() : '';
    const bot = random() < 0.4;
    const rest = [
      pick(['chat', 'email', 'phone', 'social', 'whatsapp']),
      pick(['general', 'billing', 'cards', 'fraud', 'polish', 'spanish']),
      1 + Math.floor(random() * 5),
      new Date(first).toISOString(),
      resolved,
      random() < 0.05 ? 1 : 0,
      random() < 0.15 ? 1 : 0,
      bot && random() < 0.4,
      bot && random() < 0.5,
      Math.floor(random() * 900_000),
    ].join(',');
    const id = `T${rows}`;
    const customer = `U${Math.floor(random() * 50_000)}`;
    const lineA = `${id},${customer},${new Date(created).toISOString()},${rest}\n`;
    chunkA += lineA;
    chunkB += `${id},${customer},${rest}\n`;
    chunkC += `${id},${customer},last tuesday,${rest}\n`;
    bytes += lineA.length;
    rows++;
    if (chunkA.length > 1 << 20) {
      writeSync(a, chunkA);
      writeSync(b, chunkB);
      writeSync(c, chunkC);
      chunkA = '';
      chunkB = '';
      chunkC = '';
    }
  }
  writeSync(a, chunkA);
  writeSync(b, chunkB);
  writeSync(c, chunkC);
  closeSync(a);
  closeSync(b);
  closeSync(c);
  return { valid, missing, baddates, rows };
}

const haveTime = existsSync('/usr/bin/time');

function runOnce(cli, file) {
  const args = [resolve(cli), 'metrics', file];
  const started = process.hrtime.bigint();
  const child = haveTime
    ? spawnSync('/usr/bin/time', ['-f', '__time %e %M %U %S', process.execPath, ...args], {
        encoding: 'utf8',
        maxBuffer: 1 << 28,
      })
    : spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 28 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const timeLine = child.stderr.split('\n').find((l) => l.startsWith('__time '));
  const parts = timeLine ? timeLine.split(' ') : [];
  const rssMb = timeLine ? Number(parts[2]) / 1024 : null;
  // CPU seconds (user + sys): what the run costs, whatever else the machine is doing.
  const cpu = timeLine ? Number(parts[3]) + Number(parts[4]) : null;
  const stderr = child.stderr
    .split('\n')
    .filter((l) => !l.startsWith('__time '))
    .join('\n');
  return { seconds, cpu, rssMb, code: child.status, stdout: child.stdout, stderr };
}

const median = (xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];

const dir = mkdtempSync(join(tmpdir(), 'tandem-cli-bigfile-'));
try {
  const { valid, missing, baddates, rows } = writeFiles(dir);
  const mb = (f) => (statSync(f).size / 1024 / 1024).toFixed(1);
  console.log(
    `files: ${rows.toLocaleString('en-US')} rows; valid ${mb(valid)} MB, missing createdAt ${mb(missing)} MB`,
  );
  const clis = [['new', values.new], ...(values.old ? [['old', values.old]] : [])];
  const results = {};
  // Alternate old and new so drift on the shared machine hits both.
  for (let r = 0; r < runs; r++)
    for (const [name, cli] of clis) {
      const out = runOnce(cli, valid);
      if (out.code !== 0) console.log(`${name} valid run exited ${out.code}: ${out.stderr.slice(0, 400)}`);
      if (!results[name]) results[name] = [];
      results[name].push(out);
    }
  console.log('\nvalid file, default ticket metrics (median of %d runs):', runs);
  console.log('| CLI | wall s | CPU s | max RSS MB | exit |');
  console.log('| --- | ---: | ---: | ---: | ---: |');
  for (const [name] of clis) {
    const xs = results[name];
    console.log(
      `| ${name} | ${median(xs.map((x) => x.seconds)).toFixed(2)} | ${xs[0].cpu === null ? '—' : median(xs.map((x) => x.cpu)).toFixed(2)} | ${xs[0].rssMb === null ? '—' : median(xs.map((x) => x.rssMb)).toFixed(0)} | ${xs[0].code} |`,
    );
  }
  if (values.old) {
    const ratio = median(results.new.map((x) => x.seconds)) / median(results.old.map((x) => x.seconds));
    const cpuRatio = haveTime
      ? median(results.new.map((x) => x.cpu)) / median(results.old.map((x) => x.cpu))
      : null;
    const mem = haveTime
      ? median(results.new.map((x) => x.rssMb)) / median(results.old.map((x) => x.rssMb))
      : null;
    console.log(
      `new / old: wall ${ratio.toFixed(2)}×${cpuRatio === null ? '' : `, CPU ${cpuRatio.toFixed(2)}×`}${mem === null ? '' : `, memory ${mem.toFixed(2)}×`} (target ≤ 1.2×)`,
    );
    const same = results.new[0].stdout === results.old[0].stdout;
    console.log(`same output as old: ${same ? 'yes' : 'no'}`);
    if (!same) console.log(`old:\n${results.old[0].stdout}\nnew:\n${results.new[0].stdout}`);
  }
  for (const [title, file] of [
    ['file without createdAt', missing],
    ['every createdAt unparseable (a problem on each row)', baddates],
  ])
    for (const [name, cli] of clis) {
      if (name === 'new') console.log(`\n${title}:`);
      if (name === 'old' && !values['old-missing']) continue;
      const out = runOnce(cli, file);
      const lines = out.stderr.trim().split('\n');
      console.log(
        `${name}: ${out.seconds.toFixed(2)} s wall${out.cpu === null ? '' : `, ${out.cpu.toFixed(2)} s CPU`}, exit ${out.code}, ${lines.length} stderr line(s), ${(out.stderr.match(/createdAt/g) ?? []).length} mention(s) of createdAt`,
      );
      console.log(`  ${lines.slice(0, 3).join('\n  ')}${lines.length > 3 ? '\n  …' : ''}`);
    }
} finally {
  if (!values.keep) rmSync(dir, { recursive: true, force: true });
  else console.log(`kept ${dir}`);
}
