import type { Versioned } from '../store/port';
import type { DeliveryRecord } from '../domain';
import { transitionDelivery } from './delivery-transition';
import type { Owner, OwnerSource } from './owners';
import { backoffDelayMs, classifySendFailure } from './retry-policy';
import type { OutgoingCard } from './sender';
import { settleOwner } from './settle-owner';
import type { TenantRun, TickContext } from './tick-context';
import { pauseTenantFor } from './tenant-pause';

/** 429 answers one delivery may wait out before it is 'failed' (each waits Retry-After). */
export const MAX_THROTTLED_RETRIES = 20;

/**
 * Sends a claimed delivery within the tenant's and the conversation's limits, retrying per the
 * retry policy, and records the result: 'sent' with the activity id, 'failed' after the last
 * attempt, or 'inactive' (and the owner marked inactive) when Teams refuses the conversation.
 * Each attempt first writes 'sending' (renewing the lease), so a crash mid-send ends 'unknown'.
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
  const message = card ?? deps.composeNudge(owner, nudge!, claimed);
  // 429s are Teams asking us to slow down, not failures: they have their own, larger budget so a
  // throttling storm delays a person's nudge rather than failing it.
  let throttledRetries = 0;
  for (;;) {
    if (tenant.paused) {
      // The tenant's admin blocked the app while this delivery was already claimed: end it without a call.
      const done = await transitionDelivery(store, d, { state: 'failed', outcome: 'tenant_paused' }, ctx.now());
      counters.failed++;
      if (done) await settleOwner(ctx, source, done, known);
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
          : d.attempts - throttledRetries < config.maxAttempts);
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
      if (verdict.action === 'pause_tenant') await pauseTenant(ctx, tenant, verdict.outcome);
      if (verdict.action === 'fail' && verdict.alert) alertRefusal(ctx, d, verdict.alert, verdict.outcome);
      const state = verdict.action === 'inactive' ? 'inactive' : verdict.action === 'unknown' ? 'unknown' : 'failed';
      const done = await transitionDelivery(store, d, { state, outcome: verdict.outcome }, ctx.now());
      if (state === 'inactive') counters.inactive++;
      else if (state === 'unknown') counters.unknown++;
      else counters.failed++;
      deps.logger.warn(
        { deliveryId: d.id, tenantId: d.tenantId, state, outcome: verdict.outcome, attempts: d.attempts },
        'delivery not sent',
      );
      if (done) await settleOwner(ctx, source, done, known);
      return;
    }
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
 * Stops the tenant's sends (the admin blocked the app): for the rest of this run, and for the next
 * TENANT_PAUSE_MS through a pause record every tick and instance reads first, so Teams is not called
 * (and this is not logged) every minute. Logged once per pause.
 */
async function pauseTenant(ctx: TickContext, tenant: TenantRun, outcome: string): Promise<void> {
  if (tenant.paused) return;
  tenant.paused = true;
  let until: string | undefined;
  try {
    until = await pauseTenantFor(ctx.deps.store, tenant.tenantId, outcome, ctx.now());
  } catch (err) {
    ctx.deps.logger.warn({ err, tenantId: tenant.tenantId }, 'could not record the tenant pause (paused for this run)');
  }
  ctx.deps.logger.error(
    { event: 'tenant.paused', tenantId: tenant.tenantId, outcome, until },
    "the tenant's admin has blocked the app (BotDisabledByAdmin): no sends to this tenant until the pause ends",
  );
}

/** Refusals that need a person to act: an oversized card (a content or template bug) or a missing bot registration. */
function alertRefusal(
  ctx: TickContext,
  d: DeliveryRecord,
  alert: 'card_too_large' | 'bot_not_registered',
  outcome: string,
): void {
  const fields = { event: `delivery.${alert}`, deliveryId: d.id, tenantId: d.tenantId, nudgeId: d.nudgeId, outcome };
  if (alert === 'card_too_large') {
    ctx.deps.logger.error(fields, 'Teams refused the card as too large (413 MessageSizeTooBig); not retried');
  } else {
    ctx.deps.logger.fatal(
      fields,
      'Teams does not know this bot (401 BotNotRegistered): check MicrosoftAppId and the Azure Bot registration',
    );
  }
}
