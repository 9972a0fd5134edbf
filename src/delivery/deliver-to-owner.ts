import type { Versioned } from '../store/port';
import type { DeliveryRecord } from '../domain';
import { claimDelivery } from './claim-delivery';
import type { Owner, OwnerSource } from './owners';
import { readRecentRatings } from './recent-ratings';
import { computeNextDue, periodOf } from './schedule';
import { selectNudge } from './select-nudge';
import { sendDelivery } from './send-delivery';
import { updateOwner } from './settle-owner';
import { isConflict } from '../store/errors';
import { dropIfOwnerGone } from './owner-gone';
import type { TenantRun, TickContext } from './tick-context';
import { deliverConsentMessage } from './welcome-delivery';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
/** A slot sent more than this late is recorded as a catch-up rather than on time. */
const CATCH_UP_AFTER_MS = HOUR_MS;

function draftDelivery(
  ctx: TickContext,
  owner: Owner,
  fields: Pick<DeliveryRecord, 'id' | 'period' | 'kind' | 'nudgeId' | 'behaviourId' | 'state' | 'dueAt'>,
): DeliveryRecord {
  const now = ctx.now();
  const nowIso = now.toISOString();
  const draft: DeliveryRecord = {
    ...fields,
    ownerId: owner.id,
    ownerKind: owner.kind,
    tenantId: owner.tenantId,
    attempts: 0,
    createdAt: nowIso,
    updatedAt: nowIso,
  };
  if (fields.state === 'claimed') {
    draft.leaseOwner = ctx.deps.instanceId;
    draft.leaseUntil = new Date(now.getTime() + ctx.deps.config.deliveryLeaseMs).toISOString();
  }
  return draft;
}

/** Resends a snoozed nudge once, as delivery `${deliveryId}|snooze`. */
async function deliverSnoozed<R extends { id: string }>(
  ctx: TickContext,
  source: OwnerSource<R>,
  owner: Owner,
  tenant: TenantRun,
  rec: Versioned<R>,
): Promise<void> {
  const snooze = owner.snooze!;
  const original = ctx.deps.nudges.find((n) => n.id === snooze.nudgeId);
  const draft = draftDelivery(ctx, owner, {
    id: `${snooze.deliveryId}|snooze`,
    period: periodOf(new Date(snooze.until), owner.schedule.timeZone),
    kind: 'adhoc',
    nudgeId: snooze.nudgeId,
    behaviourId: original?.behaviour ?? '',
    state: 'claimed',
    dueAt: snooze.until,
  });
  const { claimed } = await claimDelivery(ctx, source, draft);
  if (!claimed) return;
  ctx.deps.fault?.('after-claim', claimed);
  await sendDelivery(ctx, source, owner, claimed, tenant, rec);
}

/**
 * Delivers what is due to one owner: a snoozed resend, this period's nudge (on time or as a
 * catch-up within the grace period), or a 'missed' record for a slot older than the grace
 * period, after which the owner moves to the earliest slot still within grace (sent at once if due).
 */
export async function deliverToOwner<R extends { id: string }>(
  ctx: TickContext,
  source: OwnerSource<R>,
  rec: Versioned<R>,
  tenant: TenantRun,
): Promise<void> {
  const owner = source.toOwner(rec);
  if (!owner) {
    ctx.counters.skipped++;
    return;
  }
  // Nobody gets a weekly nudge before pressing Start: until then only the welcome and one reminder.
  if (owner.consent) {
    await deliverConsentMessage(ctx, source, owner, tenant, rec);
    return;
  }
  const now = ctx.now();
  if (
    owner.snooze &&
    Date.parse(owner.snooze.until) <= now.getTime() &&
    owner.snooze.until <= owner.snooze.weeklyDueAt
  ) {
    await deliverSnoozed(ctx, source, owner, tenant, rec);
    return;
  }
  const dueAt = owner.snooze?.weeklyDueAt ?? owner.nextDueAt;
  if (Date.parse(dueAt) > now.getTime()) return; // only the snooze was due, and it is not yet
  const { config } = ctx.deps;
  const paused = owner.schedule.pausedUntil !== undefined && Date.parse(owner.schedule.pausedUntil) > Date.parse(dueAt);
  const late = now.getTime() - Date.parse(dueAt);
  const period = periodOf(new Date(dueAt), owner.schedule.timeZone);
  const id = `${owner.id}|${period}`;

  if (paused || late > config.catchUpGraceHours * HOUR_MS) {
    if (!paused) {
      try {
        await ctx.deps.store.deliveries.create(
          draftDelivery(ctx, owner, {
            id,
            period,
            kind: 'scheduled',
            nudgeId: '',
            behaviourId: '',
            state: 'missed',
            dueAt,
          }),
        );
        if (await dropIfOwnerGone(ctx, source, { id, ownerId: owner.id })) return;
        ctx.counters.missed++;
      } catch (err) {
        if (!isConflict(err)) throw err;
      }
    } else ctx.counters.skipped++;
    const from = new Date(now.getTime() - config.catchUpGraceHours * HOUR_MS);
    const next = computeNextDue(owner.schedule, from).toISOString();
    const moved = await updateOwner(
      ctx,
      source,
      owner.id,
      (r) => {
        const o = source.toOwner(r);
        return o && (o.snooze?.weeklyDueAt ?? o.nextDueAt) === dueAt
          ? { nextDueAt: next, snooze: o.snooze ? null : undefined }
          : undefined;
      },
      rec,
    );
    // The earliest slot within grace may already be due: deliver it now (once; its id is its period's).
    if (moved && Date.parse(next) <= now.getTime() && (moved as { nextDueAt?: string }).nextDueAt === next) {
      await deliverToOwner(ctx, source, moved, tenant);
    }
    return;
  }

  const ratingsSince = new Date(now.getTime() - config.ratingsWindowDays * DAY_MS);
  // Most people never rate themselves: only read ratings for someone who rated within the window.
  const ratings =
    owner.kind === 'user' && owner.ratedAt !== undefined && Date.parse(owner.ratedAt) >= ratingsSince.getTime() - DAY_MS
      ? await readRecentRatings(ctx.deps.store, owner.id, ratingsSince)
      : new Map<string, number>();
  const selection = selectNudge({
    nudges: ctx.deps.nudges,
    role: owner.role,
    everyoneOnly: owner.roleChosen === false,
    history: owner.history,
    focus: owner.focus,
    ratings,
    seed: `${ctx.deps.seed ?? ''}|${id}`,
  });
  if (!selection) {
    ctx.counters.skipped++;
    const next = computeNextDue(owner.schedule, now).toISOString();
    await updateOwner(ctx, source, owner.id, () => ({ nextDueAt: next }), rec);
    return;
  }
  const draft = draftDelivery(ctx, owner, {
    id,
    period,
    kind: late > CATCH_UP_AFTER_MS ? 'catchup' : 'scheduled',
    nudgeId: selection.nudge.id,
    behaviourId: selection.nudge.behaviour,
    state: 'claimed',
    dueAt,
  });
  if (owner.kind === 'team') {
    const teamNudgeId = ctx.deps.teamNudgeFor?.(selection.nudge.behaviour, id);
    if (teamNudgeId) draft.teamNudgeId = teamNudgeId;
  }
  const { claimed } = await claimDelivery(ctx, source, draft);
  if (!claimed) return;
  ctx.deps.fault?.('after-claim', claimed);
  await sendDelivery(ctx, source, owner, claimed, tenant, rec);
}
