/**
 * A week of one tenant's sends on a virtual clock: the engine's own schedule (computeNextDue) and its
 * TenantLimiter, minute ticks, oldest due first. Shared by the roll-out and capacity benchmarks.
 */
import { createHash } from 'node:crypto';
import { defaultSlotTime } from '../src/conversation/default-slot';
import { computeNextDue } from '../src/delivery/schedule';
import { TenantLimiter } from '../src/delivery/tenant-limiter';
import type { Weekday } from '../src/domain';

export const DAYS: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const WEEK_START = new Date('2026-11-29T00:00:00.000Z'); // Sunday: the next week's slots follow

/** mulberry32: the same people every run. */
export function seeded(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const idOf = (i: number): string => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;

/** A virtual clock for the engine's Timing: sleeping moves time on at once (one sender, so no overlap). */
export function virtualTiming(startMs: number) {
  let now = startMs;
  return {
    get now() {
      return now;
    },
    set now(v: number) {
      now = v;
    },
    timing: { monotonicMs: () => now, sleep: async (ms: number) => void (now += ms) },
  };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** The most calls in any one-second window (sliding). */
export function maxPerSecond(times: number[]): number {
  let best = 0;
  let start = 0;
  for (let end = 0; end < times.length; end++) {
    while (times[end]! - times[start]! >= 1000) start++;
    best = Math.max(best, end - start + 1);
  }
  return best;
}

export interface Lateness {
  p50: number;
  p95: number;
  max: number;
  /** People due in the busiest minute. */
  busiestMinute: number;
  maxPerSecond: number;
  /** Minutes from the first send to the last. */
  spanMinutes: number;
}

/**
 * Where the default people's slots go: `'monday-0900'` (everyone at Monday 09:00), `'monday-hour'`
 * (today's default: Monday, a minute of 09:00-09:59 from the id), or spread by id over `days` and
 * `hours` hours from 09:00 (a plan for a very large tenant).
 */
export type DefaultSpread = 'monday-0900' | 'monday-hour' | { days: Weekday[]; hours: number };

function spreadSlot(id: string, spread: { days: Weekday[]; hours: number }): { day: Weekday; time: string } {
  const n = createHash('sha256').update(id).digest().readUInt32BE(0);
  const day = spread.days[n % spread.days.length]!;
  const minute = Math.floor(n / spread.days.length) % (spread.hours * 60);
  const hh = String(9 + Math.floor(minute / 60)).padStart(2, '0');
  return { day, time: `${hh}:${String(minute % 60).padStart(2, '0')}` };
}

/** Due times for one week: `defaultShare` of people on the default slot, the rest on a random day and minute 07:00-19:00. */
export function dueTimes(people: number, defaultShare: number, spread: DefaultSpread): number[] {
  const random = seeded(20261130);
  const due: number[] = [];
  for (let i = 0; i < people; i++) {
    const isDefault = random() < defaultShare;
    const anyDay = DAYS[Math.floor(random() * 7)]!;
    const minuteOfDay = 7 * 60 + Math.floor(random() * 12 * 60);
    const own = {
      day: anyDay,
      time: `${String(Math.floor(minuteOfDay / 60)).padStart(2, '0')}:${String(minuteOfDay % 60).padStart(2, '0')}`,
    };
    const slot = !isDefault
      ? own
      : spread === 'monday-0900'
        ? { day: 'mon' as Weekday, time: '09:00' }
        : spread === 'monday-hour'
          ? { day: 'mon' as Weekday, time: defaultSlotTime(idOf(i)) }
          : spreadSlot(idOf(i), spread);
    due.push(computeNextDue({ timeZone: 'Europe/London', ...slot, frequency: 'weekly' }, WEEK_START).getTime());
  }
  return due.sort((a, b) => a - b);
}

/**
 * Minute ticks, oldest due first, every send through the real TenantLimiter on a virtual clock.
 * `reserve` is the share kept for clicks (the weekly run's limit is `limit - reserve`).
 */
export async function simulateWeek(due: number[], limit: number, reserve = 0): Promise<Lateness> {
  const clock = virtualTiming(due[0] ?? 0);
  const limiter = new TenantLimiter(limit, clock.timing, reserve);
  const lateMin: number[] = [];
  const sends: number[] = [];
  const perMinute = new Map<number, number>();
  for (const d of due) {
    const tick = Math.ceil(d / 60_000) * 60_000; // the first minute tick at or after the slot
    perMinute.set(tick, (perMinute.get(tick) ?? 0) + 1);
    if (clock.now < tick) clock.now = tick;
    await limiter.acquire();
    sends.push(clock.now);
    lateMin.push((clock.now - d) / 60_000);
  }
  lateMin.sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    p50: round(percentile(lateMin, 50)),
    p95: round(percentile(lateMin, 95)),
    max: round(lateMin[lateMin.length - 1] ?? 0),
    busiestMinute: Math.max(...perMinute.values()),
    maxPerSecond: maxPerSecond(sends),
    spanMinutes: round(((sends[sends.length - 1] ?? 0) - (sends[0] ?? 0)) / 60_000),
  };
}
