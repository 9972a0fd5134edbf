/**
 * Capacity of one very large tenant (docs/CAPACITY.md): NHSmail is one tenant of over a million
 * accounts, and Teams allows a bot 50 requests a second per tenant, of which the weekly run takes 40
 * (the rest is kept for clicks).
 *
 * `npm run bench:capacity -- [--people 100000] [--scale 10] [--default-share 0.6]`
 *
 * A tenant of `people * scale` is simulated as `people` people at a limit `scale` times smaller
 * (50/s / 10 = 5/s for 100,000 people stands for 1,000,000 at 50/s): every figure of lateness is the
 * same, and the run takes seconds. Each strategy places the default people's slots differently; the
 * rest keep a random day and minute 07:00-19:00. Lateness = send time minus the person's slot.
 */
import { interactiveReserveFor } from '../src/delivery/tenant-limiter';
import type { Weekday } from '../src/domain';
import { mergeResults } from './results-file';
import { dueTimes, simulateWeek, type DefaultSpread, type Lateness } from './week-simulation';

const TEAMS_LIMIT = 50;
const WEEKDAYS: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri'];

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name} needs a positive number`);
  return v;
}

const STRATEGIES: { name: string; spread: DefaultSpread }[] = [
  { name: 'Monday 09:00-09:59 (the default today)', spread: 'monday-hour' },
  { name: 'Monday to Friday, 09:00-09:59', spread: { days: WEEKDAYS, hours: 1 } },
  { name: 'Monday to Friday, 09:00-11:59', spread: { days: WEEKDAYS, hours: 3 } },
];

async function main(): Promise<void> {
  const people = arg('people', 100_000);
  const scale = arg('scale', 10);
  const defaultShare = arg('default-share', 0.6);
  const limit = TEAMS_LIMIT / scale;
  const reserve = interactiveReserveFor(TEAMS_LIMIT) / scale;
  const represented = people * scale;
  const weeklyShare = TEAMS_LIMIT - interactiveReserveFor(TEAMS_LIMIT);
  const rows: { name: string; result: Lateness }[] = [];
  for (const s of STRATEGIES)
    rows.push({ name: s.name, result: await simulateWeek(dueTimes(people, defaultShare, s.spread), limit, reserve) });

  const hours = (minutes: number) => (minutes >= 90 ? `${Math.round((minutes / 60) * 10) / 10} h` : `${minutes} min`);
  const markdown = [
    `## Capacity of one tenant (${new Date().toISOString().slice(0, 10)}, ${represented.toLocaleString('en-GB')} people, ${Math.round(defaultShare * 100)}% on the default slot)`,
    '',
    `Simulated as ${people.toLocaleString('en-GB')} people at ${limit}/s (1/${scale} of ${TEAMS_LIMIT}/s; the weekly run's share ${weeklyShare}/s becomes ${weeklyShare / scale}/s), with the engine's schedule and TenantLimiter on a virtual clock (bench/capacity.ts). At ${TEAMS_LIMIT}/s the weekly run sends at most ${(weeklyShare * 3600).toLocaleString('en-GB')} nudges an hour and ${(weeklyShare * 3600 * 24 * 7).toLocaleString('en-GB')} a week.`,
    '',
    '| Default people placed on | Lateness p50 / p95 / max | People due in the busiest minute | Most sends in any 1 s (scaled back) |',
    '| --- | --- | --- | --- |',
    ...rows.map(
      ({ name, result: r }) =>
        `| ${name} | ${hours(r.p50)} / ${hours(r.p95)} / ${hours(r.max)} | ${(r.busiestMinute * scale).toLocaleString('en-GB')} | ${r.maxPerSecond * scale} |`,
    ),
  ].join('\n');
  mergeResults('capacity', { markdown, people, scale, defaultShare, rows });
  console.log(markdown);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
