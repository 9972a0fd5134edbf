import type { Versioned } from '../store/port';
import type { DeliveryRecord } from '../domain';
import { transitionDelivery } from './delivery-transition';
import type { OwnerSource } from './owners';
import { isConsentMessage, isConsentMessageStillDue, updateOwner } from './settle-owner';
import type { TickContext } from './tick-context';

/** How long a welcome or reminder that could not go out (not refused by the person) waits before another try. */
export const CONSENT_RETRY_MS = 60 * 60_000;
/** A consent message given back this many times (a day and more of hourly tries) ends 'failed'. */
export const CONSENT_MAX_TRIES_LATER = 36;

/**
 * Gives a claimed delivery back unsent, without settling its owner, so it is claimed and sent again:
 * at once (the next tick may take it over) or, with `retryAt`, not before then. Used when the fault
 * is not the person's: a 401 or no token, a paused tenant, a crash mid-welcome, or a welcome whose
 * attempts in this run ran out. A consent message given back for later also moves its owner's due
 * time there, so nothing asks for it every minute meanwhile; a nudge keeps its slot (and its
 * catch-up grace: past that it is recorded missed, as any late nudge).
 */
export async function releaseDelivery<R extends { id: string }>(
  ctx: TickContext,
  source: OwnerSource<R>,
  d: Versioned<DeliveryRecord>,
  outcome: string,
  retryAt?: Date,
): Promise<Versioned<DeliveryRecord> | undefined> {
  const now = ctx.now();
  const later = retryAt !== undefined && retryAt.getTime() > now.getTime() && isConsentMessage(d);
  const at = later ? retryAt : now;
  const patch: Partial<DeliveryRecord> = { state: 'claimed', leaseUntil: at.toISOString(), outcome };
  if (later) {
    patch.dueAt = at.toISOString();
    patch.triedLater = (d.triedLater ?? 0) + 1;
  }
  const released = await transitionDelivery(ctx.deps.store, d, patch, now);
  if (!released) return undefined;
  ctx.counters.released++;
  if (later) {
    await updateOwner(ctx, source, d.ownerId, (rec) => {
      const owner = source.toOwner(rec);
      return owner && isConsentMessageStillDue(owner, d) && owner.nextDueAt !== patch.dueAt
        ? { nextDueAt: patch.dueAt }
        : undefined;
    });
  }
  return released;
}
