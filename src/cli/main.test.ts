import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main, processIo } from './main';

const sampleCsv = join(__dirname, '../../examples/data/tickets.csv');
const dir = mkdtempSync(join(tmpdir(), 'tandem-cli-'));
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    progress: false,
  });
  return { code, stdout, stderr };
}

describe('tandem-cx metrics', () => {
  it('prints a table for the bundled sample CSV', async () => {
    const r = await run('metrics', sampleCsv, '--metrics', 'reopenRate,transferRate', '--group-by', 'queue');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^queue\s+metric\s+value\s+n/);
    expect(r.stdout).toMatch(/polish\s+reopenRate\s+\d+\.\d %\s+\d+/);
  });

  it('writes csv and json, with weekly buckets in business time', async () => {
    const calendar = file(
      'cal.json',
      JSON.stringify({
        timeZone: 'Europe/Warsaw',
        hours: {
          mon: [['08:00', '20:00']],
          tue: [['08:00', '20:00']],
          wed: [['08:00', '20:00']],
          thu: [['08:00', '20:00']],
          fri: [['08:00', '20:00']],
        },
      }),
    );
    const csv = await run(
      'metrics',
      sampleCsv,
      '--metrics',
      'firstResponseTime',
      '--bucket',
      'week',
      '--business-hours',
      calendar,
      '--format',
      'csv',
    );
    expect(csv.code).toBe(0);
    expect(csv.stdout.split('\n')[0]).toBe('bucket,metric,value,n');
    expect(csv.stdout.split('\n').length).toBeGreaterThan(6);
    const json = await run('metrics', sampleCsv, '--metrics', 'handoffRate', '--format', 'json');
    const rows = JSON.parse(json.stdout) as Array<{ metric: string; value: number; n: number }>;
    expect(rows[0]!.metric).toBe('handoffRate');
    expect(rows[0]!.value).toBeGreaterThan(0);
    expect(rows[0]!.value).toBeLessThan(1);
  });

  it('gives the same numbers for CSV and JSON Lines input', async () => {
    const jsonl = file(
      'tickets.jsonl',
      '{"createdAt":"2026-11-02T09:00:00Z","queue":"a","firstResponseAt":"2026-11-02T09:30:00Z"}\n\n{"createdAt":"2026-11-02T09:00:00Z","queue":"a","firstResponseAt":"2026-11-02T10:30:00Z"}\n',
    );
    const csvFile = file(
      'tickets.csv',
      'createdAt,queue,firstResponseAt\n2026-11-02T09:00:00Z,a,2026-11-02T09:30:00Z\n2026-11-02T09:00:00Z,a,2026-11-02T10:30:00Z\n',
    );
    const a = await run('metrics', jsonl, '--metrics', 'firstResponseTime', '--format', 'json');
    const b = await run('metrics', csvFile, '--metrics', 'firstResponseTime', '--format', 'json');
    expect(JSON.parse(a.stdout)).toEqual(JSON.parse(b.stdout));
    expect(JSON.parse(a.stdout)[0]).toMatchObject({ value: 3_600_000, n: 2 });
  });

  it('reports each bad row with its line and field, and exits 1 without numbers', async () => {
    const bad = file(
      'bad.csv',
      'id,createdAt,resolvedAt\na,2026-11-01T10:00:00Z,2026-11-01T09:00:00Z\nb,,2026-11-01T09:00:00Z\n"c, quoted\nover two lines",2026-11-01T10:00:00Z,2026-11-01T11:00:00Z\nd,not a date,\n',
    );
    const r = await run('metrics', bad, '--metrics', 'resolutionTime');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('3 invalid row(s)');
    expect(r.stderr).toContain('line 2, resolvedAt: resolvedAt is before createdAt');
    expect(r.stderr).toMatch(/line 3, createdAt: /);
    expect(r.stderr).toMatch(/line 6, createdAt: /); // line numbers count the quoted two-line row
    const partial = await run('metrics', bad, '--metrics', 'resolutionTime', '--partial', '--format', 'json');
    expect(partial.code).toBe(1);
    expect(partial.stderr).toContain('partial results');
    expect(JSON.parse(partial.stdout)[0]).toMatchObject({ value: 3_600_000, n: 1 });
    const skip = await run('metrics', bad, '--metrics', 'resolutionTime', '--skip-invalid');
    expect(skip.code).toBe(0);
    expect(skip.stderr).toContain('warning: 3 invalid row(s)');
  });

  it('counts a row with several bad fields once and lists each field', async () => {
    const bad = file(
      'twofields.csv',
      'createdAt,priority,resolvedAt\nnot a date,9,2026-11-01T09:00:00Z\n2026-11-01T08:00:00Z,2,2026-11-01T09:00:00Z\n',
    );
    const r = await run('metrics', bad, '--metrics', 'resolutionTime');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error: 1 invalid row(s)');
    expect(r.stderr).toMatch(/line 2, createdAt: /);
    expect(r.stderr).toMatch(/line 2, priority: /);
  });

  // Issue 16, problem 2: a missing column was reported on every row (200 identical lines, after
  // reading the whole file); now the header is checked first, once.
  it('fails fast on a CSV header missing a required column, once, naming it and the expected columns', async () => {
    const rows = Array.from({ length: 500 }, (_, i) => `t${i},x`).join('\n');
    const r = await run(
      'metrics',
      file('nocol.csv', `id,created_at,queue\n${rows}\n`),
      '--metrics',
      'resolutionTime',
    );
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('missing column createdAt (required for ticket records');
    expect(r.stderr).toContain('created_at (did you mean createdAt?)');
    expect(r.stderr).toMatch(/expected columns for ticket records: createdAt \(required\); id, customerId/);
    expect(r.stderr).not.toMatch(/line \d/);
    expect(r.stderr.split('\n').length).toBeLessThan(8);
  });

  it('groups a problem repeated on many rows into one line with example lines, counted exactly', async () => {
    const rows = Array.from({ length: 1500 }, (_, i) => `t${i},yesterday,`).join('\n');
    const r = await run(
      'metrics',
      file('baddates.csv', `id,createdAt,resolvedAt\n${rows}\n`),
      '--metrics',
      'resolutionTime',
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error: 1,500 invalid row(s)');
    expect(r.stderr).toMatch(/createdAt: .* — on 1,500 lines, e\.g\. lines 2, 3, 4, …/);
    expect(r.stderr.split('\n').filter((l) => l.includes('createdAt')).length).toBe(1);
  });

  it('names the rows of a JSON array by record number', async () => {
    const r = await run(
      'metrics',
      file(
        'array.json',
        JSON.stringify([
          { createdAt: '2026-11-02T09:00:00Z', reopens: 0, resolvedAt: '2026-11-02T10:00:00Z' },
          { reopens: 1 },
        ]),
      ),
      '--metrics',
      'reopenRate',
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/record 2, createdAt: /);
  });

  it('reports a malformed JSON Lines line', async () => {
    const r = await run(
      'metrics',
      file('broken.jsonl', '{"createdAt":"2026-11-02T09:00:00Z"}\n{"createdAt": oops}\n'),
      '--metrics',
      'reopenRate',
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/line 2: invalid JSON/);
  });

  it('usage errors exit 2', async () => {
    expect((await run('metrics')).code).toBe(2);
    expect((await run('frobnicate', 'x')).code).toBe(2);
    expect((await run('metrics', sampleCsv, '--bogus')).code).toBe(2);
    expect((await run('metrics', join(dir, 'missing.csv'))).stderr).toContain('no such file');
    expect((await run('--help')).code).toBe(0);
  });

  it('a command named like an Object.prototype member is an unknown command (exit 2)', async () => {
    for (const command of ['toString', 'constructor', '__proto__', 'hasOwnProperty']) {
      const r = await run(command, sampleCsv);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`unknown command "${command}"`);
    }
  });

  // Issue 16, problem 4: `--metrics fooRate` said "Invalid input" with exit 1.
  it('usage errors exit 2 and list the valid choices', async () => {
    const metric = await run('metrics', sampleCsv, '--metrics', 'fooRate');
    expect(metric.code).toBe(2);
    expect(metric.stderr).toContain('unknown metric "fooRate"');
    expect(metric.stderr).toContain('survey: csat, nps, ces');
    expect(metric.stderr).toMatch(/ticket: firstResponseTime, .*reopenRate/);
    const bucket = await run('metrics', sampleCsv, '--bucket', 'hour');
    expect(bucket.code).toBe(2);
    expect(bucket.stderr).toContain('--bucket "hour" is not one of day, week, month');
    const input = await run('metrics', sampleCsv, '--input-format', 'xml');
    expect(input.code).toBe(2);
    expect(input.stderr).toContain('is not one of csv, jsonl, json');
    const zone = await run('metrics', sampleCsv, '--time-zone', 'Asia/Shangai');
    expect(zone.code).toBe(2);
    const mixed = await run('metrics', sampleCsv, '--metrics', 'csat,reopenRate');
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toContain('csat reads survey records, reopenRate reads ticket records');
    const kind = await run('metrics', sampleCsv, '--kind', 'ticket', '--metrics', 'csat');
    expect(kind.code).toBe(2);
    expect(kind.stderr).toContain('csat reads survey records, not ticket records');
  });

  it('--help lists the metrics and the columns per record kind, and --input-format', async () => {
    const r = await run('--help');
    expect(r.stdout).toContain('--input-format csv|jsonl|json');
    expect(r.stdout).toContain('ticket records — required column: createdAt');
    expect(r.stdout).toContain('survey records — required column: rating');
    expect(r.stdout).toContain('contact records — required column: offeredAt');
    expect(r.stdout).toMatch(/reopenRate\s+one of reopens\|events/);
    expect(r.stdout).toMatch(/nps\s+rows with kind nps/);
  });

  // Issue 16, problem 3.
  it('an empty or header-only file is a clear error with a non-zero exit', async () => {
    const empty = await run('metrics', file('empty.csv', ''));
    expect(empty.code).toBe(1);
    expect(empty.stderr).toContain('is empty');
    const header = await run('metrics', file('header.csv', 'createdAt,queue,reopens\n\n'));
    expect(header.code).toBe(1);
    expect(header.stderr).toContain('only a header, no data rows');
    const jsonl = await run('metrics', file('empty.jsonl', '\n'));
    expect(jsonl.code).toBe(1);
    expect(jsonl.stderr).toContain('no data rows');
    const json = await run('metrics', file('empty.json', '[]'));
    expect(json.code).toBe(1);
  });

  // Issue 16, problem 3: `--metrics csat` on a tickets file printed "csat — 0" and ignored the
  // file's csat column. Now the column is read as the ratings (and said so on stderr).
  it('--metrics csat on a tickets file reads its csat column instead of printing csat — 0', async () => {
    const r = await run('metrics', sampleCsv, '--metrics', 'csat', '--format', 'json');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('note: reading the csat column');
    // The expected figure, counted here from the file itself (last column, empty = no answer).
    const cells = readFileSync(sampleCsv, 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split(',').at(-1)!)
      .filter((cell) => cell !== '');
    const satisfied = cells.filter((cell) => cell === '4' || cell === '5').length;
    expect(JSON.parse(r.stdout)).toEqual([
      { metric: 'csat', value: satisfied / cells.length, n: cells.length },
    ]);
    expect(cells.length).toBeGreaterThan(500);
    // Several survey metrics cannot come from one score column: refused, saying why.
    const all = await run('metrics', sampleCsv, '--kind', 'survey');
    expect(all.code).toBe(1);
    expect(all.stdout).toBe('');
    expect(all.stderr).toContain('missing column rating (required for survey records');
    expect(all.stderr).toContain('the csat column here is a per-ticket score');
  });

  it('--metrics csat renames only the csat column: a column named toString keeps its name', async () => {
    const csv = file(
      'to-string.csv',
      'createdAt,toString,csat\n2026-11-02T09:00:00Z,a,5\n2026-11-02T10:00:00Z,b,1\n2026-11-02T11:00:00Z,a,4\n',
    );
    const r = await run('metrics', csv, '--metrics', 'csat', '--group-by', 'toString', '--format', 'json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([
      { toString: 'a', metric: 'csat', value: 1, n: 2 },
      { toString: 'b', metric: 'csat', value: 0, n: 1 },
    ]);
  });

  it('refuses a metric whose input columns are absent instead of printing a number', async () => {
    const f = file('noreopens.csv', 'createdAt,resolvedAt\n2026-11-01T09:00:00Z,2026-11-01T10:00:00Z\n');
    const r = await run('metrics', f, '--metrics', 'reopenRate,resolutionTime');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('no input for reopenRate in');
    expect(r.stderr).toContain('it needs a reopens or events column');
    const defaults = await run('metrics', f, '--format', 'json');
    expect(defaults.code).toBe(0);
    expect(JSON.parse(defaults.stdout).map((row: { metric: string }) => row.metric)).toEqual([
      'resolutionTime',
    ]);
    expect(defaults.stderr).toContain('note: no input for reopenRate');
  });
});

// Issue 16, problem 1: NPS answers were counted as CSAT and the reverse.
describe('tandem-cx metrics on survey answers', () => {
  const mixed = () =>
    file(
      'mixed.csv',
      'kind,rating,respondedAt\ncsat,5,2026-11-01T10:00:00Z\ncsat,4,2026-11-01T10:00:00Z\nnps,10,2026-11-01T10:00:00Z\nnps,3,2026-11-01T10:00:00Z\ncsat,2,2026-11-01T10:00:00Z\nnps,9,2026-11-01T10:00:00Z\n',
    );

  it('splits rows by kind: each survey metric reads only its own kind and scale', async () => {
    const r = await run('metrics', mixed(), '--kind', 'survey', '--metrics', 'csat,nps', '--format', 'json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as Array<{ metric: string; value: number; n: number }>;
    expect(rows.map((row) => [row.metric, row.n])).toEqual([
      ['csat', 3],
      ['nps', 3],
    ]);
    expect(rows[0]!.value).toBeCloseTo(2 / 3, 12); // 5, 4 satisfied of 5, 4, 2
    expect(rows[1]!.value).toBeCloseTo(100 / 3, 12); // promoters 10, 9; detractor 3
  });

  it('leaves out default metrics with no answers, and refuses one asked for', async () => {
    const csatOnly = file('csat-only.csv', 'kind,rating\ncsat,5\ncsat,4\ncsat,2\n');
    const r = await run('metrics', csatOnly, '--kind', 'survey', '--format', 'json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([{ metric: 'csat', value: 2 / 3, n: 3 }]);
    expect(r.stderr).toContain('no NPS answers in');
    expect(r.stderr).toContain('no CES answers in');
    const nps = await run('metrics', csatOnly, '--metrics', 'nps');
    expect(nps.code).toBe(1);
    expect(nps.stdout).toBe('');
    expect(nps.stderr).toContain('error: no NPS answers in');
  });

  it('without a kind column, several survey metrics are a header error; one metric reads every row', async () => {
    const noKind = file('no-kind.csv', 'rating\n5\n4\n2\n');
    const r = await run('metrics', noKind, '--kind', 'survey');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('no kind column');
    const one = await run('metrics', noKind, '--metrics', 'csat', '--format', 'json');
    expect(one.code).toBe(0);
    expect(JSON.parse(one.stdout)[0]).toMatchObject({ metric: 'csat', n: 3 });
  });

  // Issue 16, problem 4: scale errors said "row 4" where every other error says "line 5".
  it('names a rating off its scale by its line', async () => {
    const f = file('offscale.csv', 'kind,rating\ncsat,5\ncsat,4\nnps,10\ncsat,7\n');
    const r = await run('metrics', f, '--metrics', 'csat');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('line 5, rating: rating 7 is outside the 1–5 scale');
    expect(r.stderr).not.toMatch(/\brow \d/);
  });
});

describe('tandem-cx progress', () => {
  // Issue 16, problem 8: a progress bar went to a non-terminal as one long line of \r frames.
  it('draws progress only when stderr is a terminal', () => {
    const sink = { write: () => true };
    expect(processIo(sink, { ...sink, isTTY: false }).progress).toBe(false);
    expect(processIo(sink, sink).progress).toBe(false);
    expect(processIo(sink, { ...sink, isTTY: true }).progress).toBe(true);
  });
});

describe('tandem-cx validate', () => {
  it('prints every config error with its path and exits 1', async () => {
    const policy = file(
      'bundle.json',
      JSON.stringify({
        router: {
          rules: [{ id: 'a', when: { field: 'x', op: 'equals', value: 1 }, then: { queue: 'q' } }],
          fallback: {},
        },
        calendar: { timeZone: 'Mars/Olympus', hours: { mon: [['09:00', '25:00']] } },
        chatbot: {},
      }),
    );
    const r = await run('validate', policy);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('router.rules[0].when.op: unknown op "equals"');
    expect(r.stderr).toContain('router.fallback.queue');
    expect(r.stderr).toContain('calendar.timeZone');
    expect(r.stderr).toContain('calendar.hours.mon[0][1]');
    expect(r.stderr).toContain('chatbot: unknown policy section');
  });

  it('a section or --kind named like an Object.prototype member is unknown, not a validator', async () => {
    const policy = file(
      'inherited.json',
      '{"calendar":{"timeZone":"UTC","hours":{"mon":[["09:00","17:00"]]}},"toString":{},"constructor":{},"__proto__":{}}',
    );
    const r = await run('validate', policy);
    expect(r.code).toBe(1);
    for (const section of ['toString', 'constructor', '__proto__'])
      expect(r.stderr).toContain(`${section}: unknown policy section`);
    const only = await run('validate', file('only-inherited.json', '{"toString":{}}'));
    expect(only.code).toBe(1);
    expect(only.stderr).toContain('cannot tell what kind of policy this is');
    const kind = await run(
      'validate',
      join(__dirname, '../../examples/data/calendar.json'),
      '--kind',
      'constructor',
    );
    expect(kind.code).toBe(2);
    expect(kind.stderr).toContain('unknown --kind "constructor"');
  });

  it('accepts a valid policy and rejects invalid JSON', async () => {
    expect((await run('validate', join(__dirname, '../../examples/data/calendar.json'))).code).toBe(0);
    const r = await run('validate', file('notjson.json', '{ nope'));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('not valid JSON');
  });
});

describe('tandem-cx replay', () => {
  const policies = join(__dirname, '../../examples/policies');
  const history = file(
    'history.jsonl',
    [
      {
        id: 'c1',
        customerId: 'u1',
        channel: 'chat',
        queue: 'general',
        messages: [
          { author: 'customer', text: 'hello', at: '2026-11-23T10:00:00Z' },
          { author: 'bot', text: 'Hi', at: '2026-11-23T10:00:05Z' },
          { author: 'customer', text: 'I want to talk to a human', at: '2026-11-23T10:01:00Z' },
        ],
      },
      {
        id: 'c2',
        customerId: 'u2',
        channel: 'chat',
        queue: 'general',
        messages: [
          { author: 'customer', text: 'thanks', at: '2026-11-23T10:00:00Z' },
          { author: 'bot', text: 'You are welcome', at: '2026-11-23T10:00:05Z' },
        ],
      },
    ]
      .map((c) => JSON.stringify(c))
      .join('\n'),
  );

  it('replays a history through a policy and prints the summary', async () => {
    const r = await run('replay', history, '--policy', join(policies, 'baseline.json'), '--format', 'json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      conversations: 2,
      botConversations: 2,
      contained: 1,
      handoffs: 1,
      escalations: 1,
    });
  });

  it('compares two policies with intervals', async () => {
    const r = await run(
      'replay',
      history,
      '--policy',
      join(policies, 'baseline.json'),
      '--compare',
      join(policies, 'stricter-handoff.json'),
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/containment\s+50\.0 %\s+/);
    expect(r.stdout).toContain('B − A (95 % CI)');
  });

  // Issue 16, problem 8: the "* significant" footnote was printed under a table with no star.
  it('prints the significance footnote only when a row is starred', async () => {
    const r = await run(
      'replay',
      history,
      '--policy',
      join(policies, 'baseline.json'),
      '--compare',
      join(policies, 'stricter-handoff.json'),
    );
    expect(r.stdout).not.toMatch(/ \*$/m);
    expect(r.stdout).not.toContain('* significant');
    expect(r.stdout).toContain('no difference is significant at 95 %');
  });

  it('reports malformed lines and bad fields with their line, exits 1, and prints partial results only if asked', async () => {
    const bad = file(
      'bad-history.jsonl',
      `${JSON.stringify({ id: 'ok', customerId: 'u', channel: 'chat', messages: [] })}\n{ broken\n${JSON.stringify({ id: 'x', channel: 'fax', messages: [] })}\n`,
    );
    const r = await run('replay', bad, '--policy', join(policies, 'baseline.json'));
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('line 2: invalid JSON');
    expect(r.stderr).toMatch(/line 3, customerId: /);
    expect(r.stderr).toMatch(/line 3, channel: /);
    const partial = await run(
      'replay',
      bad,
      '--policy',
      join(policies, 'baseline.json'),
      '--partial',
      '--format',
      'json',
    );
    expect(partial.code).toBe(1);
    expect(JSON.parse(partial.stdout)).toMatchObject({ conversations: 1 });
  });

  it('a policy with errors prints every problem with its path', async () => {
    const policy = file(
      'bad-policy.json',
      JSON.stringify({ router: { rules: [], fallback: {} }, sla: { firstResponse: { 1: 'soon' } } }),
    );
    const r = await run('replay', history, '--policy', policy);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('sla.firstResponse');
    const v = await run('validate', policy);
    expect(v.code).toBe(1);
    expect(v.stderr).toContain('router.fallback.queue');
  });

  it('needs --policy', async () => {
    expect((await run('replay', history)).code).toBe(2);
  });
});
