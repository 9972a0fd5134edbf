import { StoreError, isPreconditionFailed } from '../store/errors';
import type { Versioned } from '../store/port';
import type { DeliveryRecord } from '../domain';
import type { Owner, OwnerChange, OwnerSource } from './owners';
import { computeNextDue, localDateOf } from './schedule';
import { hasSeenAllSuitable, recordNudgeInHistory } from './select-nudge';
import type { TickContext } from './tick-context';

const MAX_WRITE_ATTEMPTS = 5;

const WEEK_MS = 7 * 86_400_000;

/** True for a consent message (the welcome or the one reminder) rather than a nudge. */
export const isConsentMessage = (d: Pick<DeliveryRecord, 'kind'>): boolean =>
  d.kind === 'welcome' || d.kind === 'reminder';

/** True while the owner still waits for this consent message (pending, and not yet welcomed or reminded). */
export function isConsentMessageStillDue(owner: Owner, d: Pick<DeliveryRecord, 'kind'>): boolean {
  const consent = owner.consent;
  if (consent?.state !== 'pending') return false;
  return d.kind === 'welcome' ? !consent.welcomedAt : d.kind === 'reminder' && !consent.remindedAt;
}

/**
 * The change after a consent message reached a final state. A welcome that went out (or may have:
 * 'unknown') schedules the one reminder a week later; after the reminder nothing more is due. A
 * welcome Teams refused is not retried (nothing more is due), so no one is pestered.
 */
function consentChange(owner: Owner, d: DeliveryRecord, nowMs: number): OwnerChange | undefined {
  const consent = owner.consent;
  if (!consent || consent.state !== 'pending') return undefined;
  const reached = d.state === 'sent' || d.state === 'unknown';
  const at = d.sentAt ?? new Date(nowMs).toISOString();
  if (d.kind === 'welcome') {
    if (consent.welcomedAt) return undefined;
    if (!reached) return { clearDue: true, inactive: d.state === 'inactive' };
    return {
      consent: { ...consent, welcomedAt: at },
      nextDueAt: new Date(Date.parse(at) + WEEK_MS).toISOString(),
      conversationId: d.conversationId,
    };
  }
  if (consent.remindedAt) return undefined;
  return {
    consent: reached ? { ...consent, remindedAt: at } : consent,
    clearDue: true,
    inactive: d.state === 'inactive',
  };
}

/** True for the resend of a snoozed nudge (its id is the original delivery id + '|snooze'). */
export const isSnoozeResend = (d: Pick<DeliveryRecord, 'id'>): boolean => d.id.endsWith('|snooze');

/**
 * Writes a change to an owner with a conditional replace, re-reading and re-deciding on a 412.
 * `decide` sees the current record and returns the change, or undefined when none is needed
 * (which makes every caller idempotent). Returns the record as stored afterwards.
 */
export async function updateOwner<R extends { id: string }>(
  ctx: TickContext,
  source: OwnerSource<R>,
  ownerId: string,
  decide: (rec: R) => OwnerChange | undefined,
  known?: Versioned<R>,
): Promise<Versioned<R> | undefined> {
  let rec = known ?? (await source.collection.get(ownerId, ownerId));
  for (let attempt = 0; rec && attempt < MAX_WRITE_ATTEMPTS; attempt++) {
    const change = decide(rec);
    if (!change) return rec;
    try {
      return await source.collection.replace(source.applyChange(rec, change, ctx.now().toISOString()), rec.etag);
    } catch (err) {
      // not_found: the owner was deleted ("delete my data") since it was read: nothing to move on.
      if (err instanceof StoreError && err.code === 'not_found') return undefined;
      if (!isPreconditionFailed(err)) throw err;
      rec = await source.collection.get(ownerId, ownerId);
    }
  }
  return rec;
}

/**
 * Moves an owner on after delivery `d` reached a final state: the next slot after now, the nudge
 * in their history when it went out (or may have: 'unknown'), inactive after a 403/404.
 * Does nothing when the owner has already moved past this delivery, so it is safe to repeat.
 */
export function settleOwner<R extends { id: string }>(
  ctx: TickContext,
  source: OwnerSource<R>,
  d: DeliveryRecord,
  known?: Versioned<R>,
): Promise<Versioned<R> | undefined> {
  return updateOwner(
    ctx,
    source,
    d.ownerId,
    (rec) => {
      const owner = source.toOwner(rec);
      if (!owner) return undefined;
      if (isConsentMessage(d)) return consentChange(owner, d, ctx.now().getTime());
      if (isSnoozeResend(d)) {
        if (!owner.snooze || `${owner.snooze.deliveryId}|snooze` !== d.id) return undefined;
        return { snooze: null, nextDueAt: owner.snooze.weeklyDueAt, inactive: d.state === 'inactive' };
      }
      const weeklyDue = owner.snooze?.weeklyDueAt ?? owner.nextDueAt;
      if (weeklyDue !== d.dueAt) return undefined;
      const after = Math.max(ctx.now().getTime(), Date.parse(d.dueAt));
      const anchorDate = owner.schedule.anchorDate ?? localDateOf(new Date(d.dueAt), owner.schedule.timeZone);
      const change: OwnerChange = {
        nextDueAt: computeNextDue({ ...owner.schedule, anchorDate }, new Date(after)).toISOString(),
        snooze: owner.snooze ? null : undefined,
        inactive: d.state === 'inactive',
      };
      if (d.state === 'sent' || d.state === 'unknown') {
        const nudge = ctx.deps.nudges.find((n) => n.id === d.nudgeId) ?? { id: d.nudgeId, behaviour: d.behaviourId };
        const reset = hasSeenAllSuitable(ctx.deps.nudges, owner.role, owner.history.seen, owner.roleChosen === false);
        change.history = recordNudgeInHistory(owner.history, nudge, reset);
        change.anchorDate = anchorDate;
      }
      return change;
    },
    known,
  );
}
