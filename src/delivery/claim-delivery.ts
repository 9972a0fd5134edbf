import { isConflict } from '../store/errors';
import type { Versioned } from '../store/port';
import { FINAL_DELIVERY_STATES, type DeliveryRecord } from '../domain';
import { isLeaseExpired, transitionDelivery } from './delivery-transition';
import type { OwnerSource } from './owners';
import { dropIfOwnerGone } from './owner-gone';
import { releaseDelivery } from './release-delivery';
import { isConsentMessage, settleOwner } from './settle-owner';
import type { TickContext } from './tick-context';

/** The outcome of trying to claim a delivery: ours to send, or nothing to do. */
export type ClaimResult = { claimed: Versioned<DeliveryRecord> } | { claimed: undefined };

/**
 * Claims delivery `draft` for this instance: creating it is the claim, so a second instance or a
 * rerun gets a conflict. On a conflict the existing record decides: a claim whose lease ran out
 * is taken over (conditional replace); a 'sending' one whose lease ran out becomes 'unknown' and
 * is never resent (a consent message is taken over and sent again); a final one only moves the owner on; a live claim belongs to someone else.
 */
export async function claimDelivery<R extends { id: string }>(
  ctx: TickContext,
  source: OwnerSource<R>,
  draft: DeliveryRecord,
): Promise<ClaimResult> {
  const { store, instanceId } = ctx.deps;
  try {
    const created = await store.deliveries.create(draft);
    if (await dropIfOwnerGone(ctx, source, created)) return { claimed: undefined };
    ctx.counters.claimed++;
    return { claimed: created };
  } catch (err) {
    if (!isConflict(err)) throw err;
  }
  const existing = await store.deliveries.get(draft.ownerId, draft.id);
  if (!existing) return { claimed: undefined }; // deleted under us (data deletion): nothing to send
  const now = ctx.now();
  if (FINAL_DELIVERY_STATES.includes(existing.state)) {
    await settleOwner(ctx, source, existing);
    return { claimed: undefined };
  }
  if (!isLeaseExpired(existing, now)) {
    ctx.counters.busy++;
    return { claimed: undefined };
  }
  // A welcome or reminder caught mid-send by a crash is sent again: a possible duplicate beats a lost invitation.
  if (existing.state === 'claimed' || isConsentMessage(existing)) {
    const taken = await transitionDelivery(
      store,
      existing,
      {
        state: 'claimed',
        leaseOwner: instanceId,
        leaseUntil: new Date(now.getTime() + ctx.deps.config.deliveryLeaseMs).toISOString(),
        ...(existing.state === 'sending' ? { outcome: 'resend_after_crash' } : {}),
      },
      now,
    );
    if (taken) ctx.counters.claimed++;
    else ctx.counters.busy++;
    return { claimed: taken };
  }
  await markUnknown(ctx, source, existing);
  return { claimed: undefined };
}

/**
 * Marks a 'sending' delivery whose lease ran out as 'unknown' (it may or may not have reached
 * Teams; it is never resent) and moves its owner on. A welcome or reminder is given back instead,
 * to be sent again: for an invitation a possible duplicate beats a lost one.
 */
export async function markUnknown<R extends { id: string }>(
  ctx: TickContext,
  source: OwnerSource<R>,
  d: Versioned<DeliveryRecord>,
): Promise<void> {
  if (isConsentMessage(d)) {
    await releaseDelivery(ctx, source, d, 'resend_after_crash');
    return;
  }
  const done = await transitionDelivery(ctx.deps.store, d, { state: 'unknown', outcome: 'lease_expired' }, ctx.now());
  if (!done) return;
  ctx.counters.unknown++;
  await settleOwner(ctx, source, done);
}
