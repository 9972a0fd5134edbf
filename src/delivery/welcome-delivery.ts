import type { Versioned } from '../store/port';
import type { DeliveryRecord } from '../domain';
import { claimDelivery } from './claim-delivery';
import { transitionDelivery } from './delivery-transition';
import type { Owner, OwnerSource } from './owners';
import { backoffDelayMs, classifySendFailure } from './retry-policy';
import { sendDelivery } from './send-delivery';
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
 * nudge (claimed by its deterministic id, sent within the tenant's limit, 'unknown' and never resent
 * after a crash mid-send). Someone met in a team roster has no chat with the bot yet: it is opened
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
 * limit; 429 and 5xx retried as sends are). Teams answers with the same conversation for the same
 * bot and person, so a retry after a crash opens nothing new. On a final refusal the delivery ends
 * 'failed' or 'inactive' and the owner moves on; returns undefined then.
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
  for (;;) {
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
    const verdict = classifySendFailure(failure);
    if (verdict.action === 'retry' && attempts < deps.config.maxAttempts) {
      counters.retried++;
      const wait =
        verdict.retryAfterMs ??
        backoffDelayMs(attempts, deps.config.backoffBaseMs, deps.config.backoffMaxMs, ctx.random);
      if (verdict.throttled) {
        counters.throttled++;
        tenant.limiter.slowDown(wait);
      } else await ctx.timing.sleep(wait);
      continue;
    }
    // A person Teams will not open a chat with (blocked the bot, left the organisation) is not retried.
    const state = verdict.action === 'inactive' || verdict.action === 'fail' ? 'inactive' : 'failed';
    const outcome = `open_chat_${verdict.outcome}`;
    const done = await transitionDelivery(deps.store, claimed, { state, outcome }, ctx.now());
    if (state === 'inactive') counters.inactive++;
    else counters.failed++;
    deps.logger.warn({ deliveryId: claimed.id, tenantId: claimed.tenantId, outcome }, 'could not open a personal chat');
    if (done) await settleOwner(ctx, source, done);
    return undefined;
  }
}
