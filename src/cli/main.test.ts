import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from './main';

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

  it('reports a CSV missing a required column on every row', async () => {
    const r = await run('metrics', file('nocol.csv', 'id,queue\na,x\nb,y\n'), '--metrics', 'resolutionTime');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/line 2, createdAt: /);
    expect(r.stderr).toMatch(/line 3, createdAt: /);
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
