import { isPreconditionFailed } from '../store/errors';
import type { Store } from '../store/port';
import type { DeliveryRecord, UserRecord } from '../domain';
import { DateTime } from 'luxon';
import { tomorrowAtLocalTime } from './schedule';

const MAX_WRITE_ATTEMPTS = 5;

/** Why a snooze or skip was refused, as a code the conversation layer maps to a reply. */
export type SnoozeRefusal = 'not_found' | 'not_sent' | 'already_snoozed' | 'next_nudge_first' | 'conflict';

export type SnoozeResult =
  | { ok: true; until: string }
  | { ok: false; reason: SnoozeRefusal; /** the next weekly nudge, for 'next_nudge_first' */ nextDueAt?: string };

/**
 * When "snooze a day" would bring the nudge back: tomorrow at the person's chosen local time, or
 * undefined when that is on the day of their next weekly nudge or later (it would land on that
 * nudge's slot, or be dropped when the weekly one arrives).
 */
export function snoozeSlot(user: Pick<UserRecord, 'prefs' | 'nextDueAt' | 'snooze'>, now: Date): Date | undefined {
  const until = tomorrowAtLocalTime(user.prefs, now);
  const weekly = user.snooze?.weeklyDueAt ?? user.nextDueAt;
  if (!weekly) return until;
  const day = (d: Date) => DateTime.fromJSDate(d, { zone: user.prefs.timeZone }).toISODate() ?? '';
  return day(until) >= day(new Date(weekly)) ? undefined : until;
}

/** True when the card should offer "Snooze a day" for this delivery now (see {@link snoozeDelivery}). */
export function snoozeOffered(
  user: Pick<UserRecord, 'prefs' | 'nextDueAt' | 'snooze'>,
  delivery: Pick<DeliveryRecord, 'id' | 'state' | 'interaction'>,
  now: Date,
): boolean {
  const pending = Boolean(delivery.interaction?.snoozedUntil) && !delivery.interaction?.skipped;
  return (
    delivery.state === 'sent' && !delivery.id.endsWith('|snooze') && !pending && snoozeSlot(user, now) !== undefined
  );
}

async function writeUser(
  store: Store,
  userId: string,
  change: (u: UserRecord) => UserRecord | SnoozeRefusal,
): Promise<UserRecord | SnoozeRefusal> {
  for (let attempt = 0; attempt < MAX_WRITE_ATTEMPTS; attempt++) {
    const user = await store.users.get(userId, userId);
    if (!user) return 'not_found';
    const next = change(user);
    if (typeof next === 'string') return next;
    try {
      return await store.users.replace(next, user.etag);
    } catch (err) {
      if (!isPreconditionFailed(err)) throw err;
    }
  }
  return 'conflict';
}

/**
 * Snoozes a sent nudge: the same nudge comes again tomorrow at the person's chosen local time, as
 * delivery `${deliveryId}|snooze`, once. The weekly slot is kept (nextDueAt becomes the earlier of
 * the two). A second snooze of the same delivery is refused, so a double click sends one resend.
 */
export async function snoozeDelivery(
  store: Store,
  userId: string,
  deliveryId: string,
  now: Date,
): Promise<SnoozeResult> {
  const delivery = await store.deliveries.get(userId, deliveryId);
  if (!delivery || delivery.ownerKind !== 'user') return { ok: false, reason: 'not_found' };
  if (delivery.state !== 'sent' || delivery.id.endsWith('|snooze')) return { ok: false, reason: 'not_sent' };
  if (delivery.interaction?.snoozedUntil && !delivery.interaction.skipped)
    return { ok: false, reason: 'already_snoozed' };
  let until = '';
  let nextDueAt: string | undefined;
  const result = await writeUser(store, userId, (u) => {
    if (u.snooze?.deliveryId === deliveryId) return 'already_snoozed';
    const slot = snoozeSlot(u, now);
    if (!slot) {
      nextDueAt = u.snooze?.weeklyDueAt ?? u.nextDueAt;
      return 'next_nudge_first';
    }
    until = slot.toISOString();
    const weeklyDueAt = u.snooze?.weeklyDueAt ?? u.nextDueAt ?? until;
    return {
      ...u,
      snooze: { deliveryId, nudgeId: delivery.nudgeId, until, weeklyDueAt },
      nextDueAt: until < weeklyDueAt ? until : weeklyDueAt,
      updatedAt: now.toISOString(),
    };
  });
  if (typeof result === 'string') return { ok: false, reason: result, ...(nextDueAt ? { nextDueAt } : {}) };
  await recordInteraction(store, userId, deliveryId, { snoozedUntil: until, skipped: false }, now);
  return { ok: true, until };
}

/**
 * Skips a nudge: no replacement this week, the weekly slot is unchanged, and a pending snooze of
 * it is dropped. Idempotent.
 */
export async function skipDelivery(
  store: Store,
  userId: string,
  deliveryId: string,
  now: Date,
): Promise<{ ok: boolean; reason?: SnoozeRefusal }> {
  const delivery = await store.deliveries.get(userId, deliveryId);
  if (!delivery) return { ok: false, reason: 'not_found' };
  const user = await store.users.get(userId, userId);
  if (user?.snooze?.deliveryId === deliveryId) {
    const result = await writeUser(store, userId, (u) => {
      if (!u.snooze || u.snooze.deliveryId !== deliveryId) return 'already_snoozed'; // changed meanwhile: leave it
      const { snooze, ...rest } = u;
      return { ...rest, nextDueAt: snooze.weeklyDueAt, updatedAt: now.toISOString() };
    });
    if (result === 'conflict') return { ok: false, reason: result };
  }
  await recordInteraction(store, userId, deliveryId, { skipped: true, snoozedUntil: undefined }, now);
  return { ok: true };
}

async function recordInteraction(
  store: Store,
  userId: string,
  deliveryId: string,
  interaction: NonNullable<DeliveryRecord['interaction']>,
  now: Date,
): Promise<void> {
  for (let attempt = 0; attempt < MAX_WRITE_ATTEMPTS; attempt++) {
    const d = await store.deliveries.get(userId, deliveryId);
    if (!d) return;
    const { etag, ...doc } = d;
    try {
      await store.deliveries.replace(
        { ...doc, interaction: { ...d.interaction, ...interaction }, updatedAt: now.toISOString() },
        etag,
      );
      return;
    } catch (err) {
      if (!isPreconditionFailed(err)) throw err;
    }
  }
}
