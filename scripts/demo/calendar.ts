import { createBusinessCalendar } from '../../src/calendar/index';
import { formatTable as table } from '../../src/cli/io';

/** A Warsaw support desk with a lunch break and Christmas closed; SLA targets in business time. */
export function calendarSection(): string {
  const week: Array<[string, string]> = [
    ['09:00', '12:00'],
    ['13:00', '17:00'],
  ];
  const cal = createBusinessCalendar({
    timeZone: 'Europe/Warsaw',
    hours: { mon: week, tue: week, wed: week, thu: week, fri: week },
    holidays: ['2026-12-24', '2026-12-25', { month: 1, day: 1 }],
  });
  const fmt = (d: Date) =>
    d.toLocaleString('en-GB', {
      timeZone: 'Europe/Warsaw',
      weekday: 'short',
      day: '2-digit',
      month: 'short',
      hour: '2-digit',
      minute: '2-digit',
    });
  const tickets = [
    { id: 'T-101', created: '2026-11-27T15:30:00Z', target: '1h' },
    { id: 'T-102', created: '2026-11-30T10:45:00Z', target: '2h' },
    { id: 'T-103', created: '2026-12-23T14:00:00Z', target: '4h' },
    { id: 'T-104', created: '2026-12-31T12:00:00Z', target: '8h' },
    { id: 'T-105', created: '2026-03-27T15:00:00Z', target: '3h' },
  ];
  const rows = tickets.map((t) => {
    const created = new Date(t.created);
    const due = cal.addBusinessTime(created, t.target);
    const elapsedHours = (due.getTime() - created.getTime()) / 3_600_000;
    return [t.id, fmt(created), t.target, fmt(due), `${elapsedHours.toFixed(1)} h`];
  });
  return [
    'Desk: Europe/Warsaw, Mon–Fri 09:00–12:00 + 13:00–17:00, closed 24–25 Dec and 1 Jan.',
    'First-response targets count business time only (lunch, nights, weekends, holidays and the',
    'March DST change are handled):',
    '',
    table(['ticket', 'created (Warsaw)', 'target', 'due (Warsaw)', 'wall-clock'], rows),
  ].join('\n');
}
