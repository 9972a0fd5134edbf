import type { Versioned } from '../store/port';
import type { DeliveryRecord } from '../domain';
import { transitionDelivery } from './delivery-transition';
import type { Owner, OwnerSource } from './owners';
import { backoffDelayMs, classifySendFailure } from './retry-policy';
import type { OutgoingCard } from './sender';
import { isConsentMessage, settleOwner } from './settle-owner';
import type { TenantRun, TickContext } from './tick-context';
import { noteAdminRefusal, noteTenantSuccess } from './admin-refusals';
import { haltRun, stopReasonFor } from './halt-run';
import { CONSENT_MAX_TRIES_LATER, CONSENT_RETRY_MS, releaseDelivery } from './release-delivery';

/** 429 answers one delivery may wait out before it is 'failed' (each waits Retry-After). */
export const MAX_THROTTLED_RETRIES = 20;

/** A welcome refused by the person's admin (BotDisabledByAdmin) is tried again a week later: the admin may allow the app. */
export const ADMIN_BLOCK_RETRY_MS = 7 * 86_400_000;

/**
 * Sends a claimed delivery within the tenant's and the conversation's limits, retrying per the
 * retry policy, and records the result: 'sent' with the activity id, 'failed' after the last
 * attempt, or 'inactive' (and the owner marked inactive) when Teams refuses the conversation.
 * The bot's own faults (401, no token) halt the run and give the delivery back unsettled; a welcome
 * that did not go out for any reason but the person's refusal is given back to be tried later.
 * Each attempt first writes 'sending' (renewing the lease), so a crash mid-send ends 'unknown'
 * (a nudge: never resent) or is sent again (a welcome: recover-expired.ts).
 */
export async function sendDelivery<R extends { id: string }>(
  ctx: TickContext,
  source: OwnerSource<R>,
  owner: Owner,
  claimed: Versioned<DeliveryRecord>,
  tenant: TenantRun,
  /** The owner's record as last read, if at hand: settling tries it first and re-reads only on a 412. */
  known?: Versioned<R>,
  /** The card to send, when it is not the delivery's nudge (the consent messages). */
  card?: OutgoingCard,
): Promise<void> {
  const { deps, counters } = ctx;
  const { store, config } = deps;
  const nudge = card ? undefined : deps.nudges.find((n) => n.id === claimed.nudgeId);
  let d: Versioned<DeliveryRecord> | undefined = claimed;
  if (!nudge && !card) {
    d = await transitionDelivery(store, d, { state: 'failed', outcome: 'nudge_missing' }, ctx.now());
    if (d) {
      counters.failed++;
      await settleOwner(ctx, source, d, known);
    }
    return;
  }
  const message = card ?? deps.composeNudge(owner, nudge!, claimed, await practiceOfOwner(ctx, owner, claimed));
  const consent = isConsentMessage(claimed);
  // Attempts are counted for this run: a delivery given back earlier (releaseDelivery) gets its full budget again.
  const firstAttempt = claimed.attempts;
  // 429s are Teams asking us to slow down, not failures: they have their own, larger budget so a
  // throttling storm delays a person's nudge rather than failing it.
  let throttledRetries = 0;
  for (;;) {
    const stopped = stopReasonFor(ctx, tenant);
    if (stopped) {
      // The tenant was paused or the run halted while this delivery was claimed: give it back unsent,
      // its owner untouched, to be claimed again when sending resumes.
      await releaseDelivery(ctx, source, d, stopped);
      return;
    }
    await ctx.conversations.acquire(owner.conversation.conversationId);
    // The tenant's turn comes before 'sending' is written: a crash then strands (as 'unknown', never
    // resent) only the sends really under way, not every worker queued for the limiter. The one write
    // in between is well within the limiter's slack.
    await tenant.limiter.acquire();
    const now = ctx.now();
    d = await transitionDelivery(
      store,
      d,
      {
        state: 'sending',
        attempts: d.attempts + 1,
        leaseOwner: deps.instanceId,
        leaseUntil: new Date(now.getTime() + config.deliveryLeaseMs).toISOString(),
      },
      now,
    );
    if (!d) {
      counters.busy++; // our lease lapsed and another instance took the delivery over
      return;
    }
    deps.fault?.('after-sending', d);
    let activityId: string;
    try {
      activityId = (await deps.sender.send(owner.conversation, message)).activityId;
    } catch (err) {
      const verdict = classifySendFailure(err);
      const withinBudget =
        verdict.action === 'retry' &&
        (verdict.throttled
          ? throttledRetries < MAX_THROTTLED_RETRIES
          : d.attempts - firstAttempt - throttledRetries < config.maxAttempts);
      if (verdict.action === 'retry' && withinBudget) {
        counters.retried++;
        if (verdict.throttled) {
          counters.throttled++;
          throttledRetries++;
          const wait =
            verdict.retryAfterMs ?? backoffDelayMs(d.attempts, config.backoffBaseMs, config.backoffMaxMs, ctx.random);
          tenant.limiter.slowDown(wait); // the tenant's next acquire (ours included) waits it out
        } else {
          await ctx.timing.sleep(
            verdict.retryAfterMs ?? backoffDelayMs(d.attempts, config.backoffBaseMs, config.backoffMaxMs, ctx.random),
          );
        }
        continue;
      }
      deps.logger.warn(
        {
          deliveryId: d.id,
          tenantId: d.tenantId,
          action: verdict.action,
          outcome: verdict.outcome,
          attempts: d.attempts,
        },
        'delivery not sent',
      );
      if (verdict.action === 'halt') {
        // The bot's own fault (401, no token): nobody's delivery is settled; the run stops and tries again later.
        await haltRun(ctx, tenant, verdict);
        await releaseDelivery(ctx, source, d, verdict.outcome);
        return;
      }
      if (verdict.action === 'admin_blocked') await noteAdminRefusal(ctx, tenant, owner.id, verdict.outcome);
      if (consent && verdict.action !== 'inactive' && (d.triedLater ?? 0) < CONSENT_MAX_TRIES_LATER) {
        // Not the person's refusal: the welcome is tried again later (a week for their admin's app
        // policy). That includes a timeout, after which it may have arrived: for an invitation a possible
        // duplicate beats a lost one, and an hour later Teams has had time to recover.
        const wait = verdict.action === 'admin_blocked' ? ADMIN_BLOCK_RETRY_MS : CONSENT_RETRY_MS;
        await releaseDelivery(ctx, source, d, verdict.outcome, new Date(ctx.now().getTime() + wait));
        return;
      }
      if (verdict.action === 'fail' && verdict.alert) alertRefusal(ctx, d, verdict.outcome);
      // BotDisabledByAdmin on a nudge: this person's delivery fails and they are tried again at their next slot.
      const state = verdict.action === 'inactive' ? 'inactive' : verdict.action === 'unknown' ? 'unknown' : 'failed';
      const done = await transitionDelivery(store, d, { state, outcome: verdict.outcome }, ctx.now());
      if (state === 'inactive') counters.inactive++;
      else if (state === 'unknown') counters.unknown++;
      else counters.failed++;
      if (done) await settleOwner(ctx, source, done, known);
      return;
    }
    noteTenantSuccess(tenant);
    deps.fault?.('after-send', d);
    const sentAt = ctx.now();
    counters.sent++;
    const done = await transitionDelivery(
      store,
      d,
      {
        state: 'sent',
        activityId,
        conversationId: owner.conversation.conversationId,
        sentAt: sentAt.toISOString(),
        outcome: 'ok',
      },
      sentAt,
    );
    if (!done) {
      deps.logger.warn({ deliveryId: d.id, tenantId: d.tenantId }, 'sent but the delivery record was taken over');
      return;
    }
    await settleOwner(ctx, source, done, known);
    return;
  }
}

/**
 * The person's practice, for their card's course links. A failed lookup does not hold up the nudge:
 * its links then name no practice (they still open the course and count nothing).
 */
async function practiceOfOwner(ctx: TickContext, owner: Owner, d: DeliveryRecord): Promise<string | undefined> {
  if (owner.kind !== 'user' || !ctx.deps.practiceOf) return undefined;
  try {
    return await ctx.deps.practiceOf(owner.tenantId, owner.id);
  } catch (err) {
    ctx.deps.logger.warn(
      { err, deliveryId: d.id, tenantId: d.tenantId },
      "the person's practice could not be read; the card's course links count nothing",
    );
    return undefined;
  }
}

/** An oversized card needs a person to act (a content or template bug): alerted, not retried. */
function alertRefusal(ctx: TickContext, d: DeliveryRecord, outcome: string): void {
  ctx.deps.logger.error(
    { event: 'delivery.card_too_large', deliveryId: d.id, tenantId: d.tenantId, nudgeId: d.nudgeId, outcome },
    'Teams refused the card as too large (413 MessageSizeTooBig); not retried',
  );
}
