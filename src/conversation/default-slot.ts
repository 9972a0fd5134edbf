import { createHash } from 'node:crypto';

/**
 * How widely new people's default weekly slot is spread after 09:00, in minutes. Teams lets a bot
 * send 50 messages a second per tenant: 12,000 people of one tenant all at Monday 09:00 wait up to
 * 4 minutes for their nudge; spread over an hour they are about 3 a second and none waits
 * (bench/results.md, "Monday morning at national scale").
 */
export const DEFAULT_SLOT_SPREAD_MINUTES = 60;

/**
 * A new person's default time on Mondays: 09:00 plus a minute in [0, spread) derived from their id,
 * so it is the same every time it is asked (a person sees it, and can change it, on the welcome form).
 */
export function defaultSlotTime(userId: string, spreadMinutes = DEFAULT_SLOT_SPREAD_MINUTES): string {
  if (spreadMinutes <= 1) return '09:00';
  const minute = createHash('sha256').update(userId).digest().readUInt32BE(0) % Math.min(60, spreadMinutes);
  return `09:${String(minute).padStart(2, '0')}`;
}
