import { DateTime } from 'luxon';
import type { Frequency, Weekday } from '../domain';
import { WEEKDAYS } from '../domain';

/** When an owner (person or team) wants nudges: a local weekday and time in an IANA zone. */
export interface ScheduleSpec {
  timeZone: string;
  day: Weekday;
  /** 'HH:MM' local. */
  time: string;
  frequency: Frequency;
  /** Local date (yyyy-mm-dd) of the first nudge: fortnightly slots fall in even weeks from it. */
  anchorDate?: string;
  /** No slot before this instant (ISO, UTC). */
  pausedUntil?: string;
}

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a local calendar date, free of DST (so week differences are exact). */
function localDayNumber(dt: DateTime): number {
  return Math.round(Date.UTC(dt.year, dt.month - 1, dt.day) / DAY_MS);
}

function isOnFortnight(slot: DateTime, anchorDate: string | undefined, zone: string): boolean {
  if (!anchorDate) return true;
  const anchor = DateTime.fromISO(anchorDate, { zone });
  if (!anchor.isValid) return true;
  const weeks = Math.round((localDayNumber(slot.startOf('week')) - localDayNumber(anchor.startOf('week'))) / 7);
  return weeks % 2 === 0;
}

/**
 * The next nudge slot strictly after `after`, at the owner's local day and time in their IANA zone,
 * so it stays at 09:00 local across daylight-saving changes. Fortnightly slots are every other
 * week counted from `anchorDate`; no slot falls before `pausedUntil`. A local time that does not
 * exist on a spring-forward day moves forward to the first valid instant (luxon's rule).
 */
export function computeNextDue(spec: ScheduleSpec, after: Date): Date {
  // Many owners share a schedule and ask within moments of each other: the slot found for an earlier
  // `after` is also the next one for any later instant before it (no slot lies in between).
  const key = `${spec.timeZone}|${spec.day}|${spec.time}|${spec.frequency}|${spec.anchorDate ?? ''}|${spec.pausedUntil ?? ''}`;
  const at = after.getTime();
  const known = nextDueCache.get(key);
  if (known && known.fromMs <= at && at < known.slotMs) return new Date(known.slotMs);
  const slot = findNextDue(spec, after);
  remember(nextDueCache, key, { fromMs: at, slotMs: slot.getTime() });
  return slot;
}

/** Bounded memo tables: time-zone arithmetic dominates the engine's own CPU per delivery. */
const MEMO_ENTRIES = 2048;
const nextDueCache = new Map<string, { fromMs: number; slotMs: number }>();
const periodCache = new Map<string, string>();
const localDateCache = new Map<string, string>();
function remember<V>(cache: Map<string, V>, key: string, value: V): V {
  if (cache.size >= MEMO_ENTRIES) cache.clear();
  cache.set(key, value);
  return value;
}

function findNextDue(spec: ScheduleSpec, after: Date): Date {
  const zone = spec.timeZone;
  const [hour, minute] = spec.time.split(':').map(Number) as [number, number];
  const targetWeekday = WEEKDAYS.indexOf(spec.day) + 1; // luxon: Monday = 1
  const paused = spec.pausedUntil ? Date.parse(spec.pausedUntil) : NaN;
  // Earliest instant a slot may take: strictly after `after`, and not before pausedUntil.
  const floorMs = Number.isFinite(paused) ? Math.max(after.getTime() + 1, paused) : after.getTime() + 1;
  const floor = DateTime.fromMillis(floorMs, { zone });
  // Jump straight to the target weekday (few time-zone computations: they dominate the cost).
  let day = floor.startOf('day').plus({ days: (targetWeekday - floor.weekday + 7) % 7 });
  for (let i = 0; i < 4; i++, day = day.plus({ days: 7 })) {
    const slot = DateTime.fromObject({ year: day.year, month: day.month, day: day.day, hour, minute }, { zone });
    if (slot.toMillis() < floorMs) continue;
    if (spec.frequency === 'fortnightly' && !isOnFortnight(slot, spec.anchorDate, zone)) continue;
    return slot.toJSDate();
  }
  throw new RangeError(`no slot found for ${spec.day} ${spec.time} ${zone}`);
}

/** The period a slot belongs to: its ISO week in the owner's zone, e.g. '2026-W48'. */
export function periodOf(slot: Date, timeZone: string): string {
  const key = `${slot.getTime()}|${timeZone}`;
  const known = periodCache.get(key);
  if (known !== undefined) return known;
  const local = DateTime.fromJSDate(slot, { zone: timeZone });
  return remember(periodCache, key, `${local.weekYear}-W${String(local.weekNumber).padStart(2, '0')}`);
}

/** The local date (yyyy-mm-dd) of a slot in the owner's zone, e.g. to record as the fortnightly anchor. */
export function localDateOf(slot: Date, timeZone: string): string {
  const key = `${slot.getTime()}|${timeZone}`;
  const known = localDateCache.get(key);
  if (known !== undefined) return known;
  return remember(localDateCache, key, DateTime.fromJSDate(slot, { zone: timeZone }).toISODate() ?? '');
}

/** The same local time as `spec.time` on the day after `now` in the owner's zone (for snooze). */
export function tomorrowAtLocalTime(spec: Pick<ScheduleSpec, 'timeZone' | 'time'>, now: Date): Date {
  const [hour, minute] = spec.time.split(':').map(Number) as [number, number];
  const day = DateTime.fromJSDate(now, { zone: spec.timeZone }).plus({ days: 1 });
  return DateTime.fromObject(
    { year: day.year, month: day.month, day: day.day, hour, minute },
    { zone: spec.timeZone },
  ).toJSDate();
}
