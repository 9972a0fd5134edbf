import type { Versioned } from '../store/port';
import type { DeliveryRecord } from '../domain';
import { claimDelivery } from './claim-delivery';
import { transitionDelivery } from './delivery-transition';
import type { Owner, OwnerSource } from './owners';
import { noteAdminRefusal } from './admin-refusals';
import { haltRun, stopReasonFor } from './halt-run';
import { CONSENT_MAX_TRIES_LATER, CONSENT_RETRY_MS, releaseDelivery } from './release-delivery';
import { backoffDelayMs, classifySendFailure } from './retry-policy';
import { ADMIN_BLOCK_RETRY_MS, MAX_THROTTLED_RETRIES, sendDelivery } from './send-delivery';
import { settleOwner, updateOwner } from './settle-owner';
import type { TenantRun, TickContext } from './tick-context';
import type { ConsentMessageKind } from './types';

/**
 * The deterministic id of a consent message: one welcome and one reminder per person and tenant,
 * ever, however many teams, installs, restarts or instances meet them.
 */
export const consentDeliveryId = (
  kind: ConsentMessageKind,
  tenantId: string,
  userId: string,
  welcomeRound?: number,
): string =>
  kind === 'welcome' && welcomeRound && welcomeRound > 1
    ? `${kind}|${tenantId}|${userId}|${welcomeRound}`
    : `${kind}|${tenantId}|${userId}`;

/** Which consent message is due for a person who has not pressed Start, if any. */
export function consentMessageDue(owner: Owner): ConsentMessageKind | undefined {
  if (owner.consent?.state !== 'pending') return undefined;
  if (!owner.consent.welcomedAt) return 'welcome';
  return owner.consent.remindedAt ? undefined : 'reminder';
}

/**
 * Delivers the welcome or the one reminder to someone who has not pressed Start, as a delivery like a
 * nudge (claimed by its deterministic id, sent within the tenant's limit), except that a possible
 * duplicate beats a lost invitation: a crash mid-send or a timeout sends it again, and a welcome that
 * did not go out for any reason but the person's own refusal is tried again later. Someone met in a team roster has no chat with the bot yet: it is opened
 * first (Teams' create-conversation, also within the tenant's limit). With nothing left to send, the
 * person is simply no longer due.
 */
export async function deliverConsentMessage<R extends { id: string }>(
  ctx: TickContext,
  source: OwnerSource<R>,
  owner: Owner,
  tenant: TenantRun,
  rec: Versioned<R>,
): Promise<void> {
  const kind = consentMessageDue(owner);
  if (!kind || !ctx.deps.composeConsent) {
    await updateOwner(ctx, source, owner.id, (r) => (source.toOwner(r) ? { clearDue: true } : undefined), rec);
    ctx.counters.skipped++;
    return;
  }
  const now = ctx.now();
  const nowIso = now.toISOString();
  const draft: DeliveryRecord = {
    id: consentDeliveryId(kind, owner.tenantId, owner.id, owner.consent?.welcomeRound),
    ownerId: owner.id,
    ownerKind: owner.kind,
    tenantId: owner.tenantId,
    period: kind,
    kind,
    nudgeId: '',
    behaviourId: '',
    state: 'claimed',
    attempts: 0,
    leaseOwner: ctx.deps.instanceId,
    leaseUntil: new Date(now.getTime() + ctx.deps.config.deliveryLeaseMs).toISOString(),
    dueAt: owner.nextDueAt,
    createdAt: nowIso,
    updatedAt: nowIso,
  };
  const { claimed } = await claimDelivery(ctx, source, draft);
  if (!claimed) return;
  ctx.deps.fault?.('after-claim', claimed);
  const reachable = owner.conversation.conversationId
    ? owner
    : await withPersonalChat(ctx, source, owner, claimed, tenant);
  if (!reachable) return;
  await sendDelivery(ctx, source, reachable, claimed, tenant, rec, ctx.deps.composeConsent(reachable, kind));
}

/**
 * Opens the person's 1:1 chat (one create-conversation call per attempt, each within the tenant's
 * limit; 429 waits Retry-After with the throttled budget sends have, 5xx and network errors are
 * retried within the attempts). Teams answers with the same conversation for the same bot and
 * person, so a retry after a crash opens nothing new. The person's own refusal (blocked, left, not
 * installed) ends the welcome 'inactive'; the bot's own fault halts the run and gives the welcome
 * back; anything else gives it back to be tried again later. Returns undefined then.
 */
async function withPersonalChat<R extends { id: string }>(
  ctx: TickContext,
  source: OwnerSource<R>,
  owner: Owner,
  claimed: Versioned<DeliveryRecord>,
  tenant: TenantRun,
): Promise<Owner | undefined> {
  const { deps, counters } = ctx;
  const open = deps.sender.openPersonalChat;
  let attempts = 0;
  let throttledRetries = 0;
  for (;;) {
    const stopped = stopReasonFor(ctx, tenant);
    if (stopped) {
      await releaseDelivery(ctx, source, claimed, stopped);
      return undefined;
    }
    let failure: unknown = new Error('no openPersonalChat');
    if (open) {
      await tenant.limiter.acquire();
      try {
        const { conversationId } = await open.call(deps.sender, owner.conversation);
        return { ...owner, conversation: { ...owner.conversation, conversationId } };
      } catch (err) {
        failure = err;
      }
    }
    attempts++;
    let verdict = classifySendFailure(failure);
    // Opening a chat twice opens the same one: a timeout is simply tried again.
    if (verdict.action === 'unknown') verdict = { action: 'retry', throttled: false, outcome: verdict.outcome };
    const withinBudget =
      verdict.action === 'retry' &&
      (verdict.throttled
        ? throttledRetries < MAX_THROTTLED_RETRIES
        : attempts - throttledRetries < deps.config.maxAttempts);
    if (verdict.action === 'retry' && withinBudget) {
      counters.retried++;
      const wait =
        verdict.retryAfterMs ??
        backoffDelayMs(attempts, deps.config.backoffBaseMs, deps.config.backoffMaxMs, ctx.random);
      if (verdict.throttled) {
        counters.throttled++;
        throttledRetries++;
        tenant.limiter.slowDown(wait);
      } else await ctx.timing.sleep(wait);
      continue;
    }
    const outcome = `open_chat_${verdict.outcome}`;
    deps.logger.warn(
      { deliveryId: claimed.id, tenantId: claimed.tenantId, action: verdict.action, outcome },
      'could not open a personal chat',
    );
    if (verdict.action === 'halt') {
      await haltRun(ctx, tenant, verdict);
      await releaseDelivery(ctx, source, claimed, outcome);
      return undefined;
    }
    if (verdict.action === 'admin_blocked') await noteAdminRefusal(ctx, tenant, owner.id, verdict.outcome);
    if (verdict.action !== 'inactive' && (claimed.triedLater ?? 0) < CONSENT_MAX_TRIES_LATER) {
      const wait = verdict.action === 'admin_blocked' ? ADMIN_BLOCK_RETRY_MS : CONSENT_RETRY_MS;
      await releaseDelivery(ctx, source, claimed, outcome, new Date(ctx.now().getTime() + wait));
      return undefined;
    }
    // A person Teams will not open a chat with (blocked the bot, left the organisation, never installed) is not retried.
    const state = verdict.action === 'inactive' ? 'inactive' : 'failed';
    const done = await transitionDelivery(deps.store, claimed, { state, outcome }, ctx.now());
    if (state === 'inactive') counters.inactive++;
    else counters.failed++;
    if (done) await settleOwner(ctx, source, done);
    return undefined;
  }
}
