import { createBusinessCalendar } from '../../src/calendar/index';
import { formatTable as table } from '../../src/cli/io';
import { computeMetrics, csat, erlangC, nps } from '../../src/metrics/index';
import { calendarConfig, conversations } from './data';

const fmtMs = (ms: number | null) =>
  ms === null
    ? '—'
    : ms < 120_000
      ? `${(ms / 1000).toFixed(0)} s`
      : ms < 7_200_000
        ? `${(ms / 60_000).toFixed(0)} min`
        : `${(ms / 3_600_000).toFixed(1)} h`;
const fmtRate = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)} %`);

/** The sample history's support metrics, in calendar and business time, plus staffing. */
export function metricsSection(): string {
  const calendar = createBusinessCalendar(calendarConfig);
  const tickets = conversations.map((c) => ({ ...c, botOnly: c.botInvolved && !c.humanInvolved }));
  const metrics = [
    { metric: 'firstResponseTime', as: 'FRT (bot or human)' },
    { metric: 'firstResponseTime', as: 'FRT human, business h', options: { humanOnly: true, calendar } },
    { metric: 'resolutionTime', as: 'resolution, business h', options: { calendar } },
    { metric: 'containmentRate', as: 'containment' },
    { metric: 'automatedResolutionRate', as: 'verified automated res.' },
    { metric: 'reopenRate', as: 'reopen rate' },
    { metric: 'transferRate', as: 'transfer rate' },
  ] as const;
  const { rows } = computeMetrics(tickets, { metrics: metrics as never, groupBy: 'channel' });
  const overall = computeMetrics(tickets, { metrics: metrics as never }).rows;
  const channels = [...new Set(rows.map((r) => String(r.channel)))];
  const byName = (channel: string, name: string) =>
    channel === 'all'
      ? overall.find((r) => r.metric === name)
      : rows.find((r) => r.channel === channel && r.metric === name);
  const containment = overall.find((r) => r.metric === 'containment');
  const body = metrics.map((m) => [
    m.as,
    ...[...channels, 'all'].map((ch) => {
      const r = byName(ch, m.as);
      return r ? (m.metric.endsWith('Time') ? fmtMs(r.value) : fmtRate(r.value)) : '—';
    }),
  ]);
  const ratings = conversations.flatMap((c) => (c.survey ? [c.survey.rating] : []));
  const c = csat(ratings, { satisfied: [4, 5] });
  const staffing = erlangC({
    transactions: 100,
    aht: 3,
    asa: 20 / 60,
    interval: 30,
    shrinkage: 0.3,
  }).requiredPositions({ serviceLevel: 0.8, maxOccupancy: 0.85 });
  return [
    `${conversations.length} conversations (synthetic, 6 weeks), by channel; business time uses examples/data/calendar.json:`,
    '',
    table(['metric', ...channels, 'all'], body),
    `containment = bot conversations no person joined / the ${containment?.n ?? 0} conversations the bot took part in`,
    '(recorded outcomes; section 8 replays the same conversations through a policy).',
    '',
    `CSAT ${c.percent} % (${c.satisfied} of ${c.n} rated 4–5; Delighted whole-percent rounding)` +
      `   NPS of [10, 9, 7, 3] = ${nps([10, 9, 7, 3]).value}`,
    `Erlang C (pyworkforce vectors): 100 contacts / 30 min, AHT 3 min, answer in 20 s at 80 %, max occupancy 85 %, shrinkage 30 %`,
    `  → ${staffing.rawPositions} agents on the floor, ${staffing.positions} scheduled; service level ${(staffing.serviceLevel * 100).toFixed(1)} %, occupancy ${(staffing.occupancy * 100).toFixed(1)} %`,
  ].join('\n');
}
