import { practicesOf } from '../practice/membership';
import { withPracticeDefaults } from '../practice/practice-defaults';
import { isPreconditionFailed } from '../store/errors';
import type { Versioned } from '../store/port';
import type { Preferences, UserRecord } from '../domain';
import { isValidTimeZone } from '../config';
import type { Actor, ConversationDeps } from './deps';
import { ConversationError } from './errors';
import { updateRecord } from './update-record';
import { defaultSlotTime } from './default-slot';
import { acceptedLocale } from '../cards/time-format';

/**
 * Preferences a person has until they save their own: role other, weekly on Mondays between 09:00
 * and 09:59 (a minute from their id, so a whole organisation is not due in the same minute).
 */
export function defaultPreferences(
  deps: Pick<ConversationDeps, 'config'>,
  timeZone?: string,
  userId?: string,
  locale?: string,
): Preferences {
  const teamsLocale = acceptedLocale(locale);
  return {
    ...(teamsLocale ? { locale: teamsLocale } : {}),
    role: 'other',
    timeZone: timeZone && isValidTimeZone(timeZone) ? timeZone : deps.config.defaultTimeZone,
    day: 'mon',
    time: userId === undefined ? '09:00' : defaultSlotTime(userId),
    frequency: 'weekly',
    focus: [],
  };
}

/** The next due time for these preferences after `now`, honouring a pause. */
export function nextDueFor(
  deps: Pick<ConversationDeps, 'engine'>,
  user: Pick<UserRecord, 'prefs' | 'anchorDate' | 'pausedUntil'>,
  now: Date,
): string {
  return deps.engine
    .computeNextDue(
      {
        timeZone: user.prefs.timeZone,
        day: user.prefs.day,
        time: user.prefs.time,
        frequency: user.prefs.frequency,
        anchorDate: user.anchorDate,
        pausedUntil: user.pausedUntil,
      },
      now,
    )
    .toISOString();
}

/**
 * The record with a new weekly due time. A pending snooze keeps its resend time: the person is
 * due at whichever comes first, and the weekly slot is remembered in the snooze.
 */
export function withWeeklyDue(user: UserRecord, weeklyDueAt: string): UserRecord {
  if (!user.snooze) return { ...user, nextDueAt: weeklyDueAt };
  return {
    ...user,
    snooze: { ...user.snooze, weeklyDueAt },
    nextDueAt: user.snooze.until < weeklyDueAt ? user.snooze.until : weeklyDueAt,
  };
}

/**
 * Stores (or refreshes) a person who installed the bot or wrote to it: their conversation
 * reference, and an active status so nudges resume. Keeps existing preferences. Idempotent.
 */
export async function registerUser(
  deps: ConversationDeps,
  actor: Actor,
): Promise<{ user: Versioned<UserRecord>; isNew: boolean; reactivated: boolean }> {
  const nowIso = deps.now().toISOString();
  for (let attempt = 0; attempt < 5; attempt++) {
    const existing = await deps.store.users.get(actor.userId, actor.userId);
    if (!existing) {
      // Someone already met in a practice team's roster starts with that practice's defaults.
      const [practice] = await practicesOf(deps.store, actor.tenantId, actor.userId);
      const prefs = withPracticeDefaults(
        defaultPreferences(deps, actor.timeZone, actor.userId, actor.locale),
        practice,
      );
      const user: UserRecord = {
        id: actor.userId,
        userId: actor.userId,
        tenantId: actor.tenantId,
        aadObjectId: actor.aadObjectId,
        conversation: actor.conversation,
        prefs,
        onboarded: false,
        status: 'active',
        history: { seen: [], notUseful: [], sentCount: 0 },
        // Consent first: the welcome is due now and goes out through the delivery engine (claimed by
        // its deterministic id, within the tenant's limit), then at most one reminder a week later.
        consent: { state: 'pending', via: 'install' },
        nextDueAt: nowIso,
        createdAt: nowIso,
        updatedAt: nowIso,
      };
      try {
        return { user: await deps.store.users.create(user), isNew: true, reactivated: false };
      } catch (e) {
        if ((e as { code?: string }).code === 'conflict') continue;
        throw e;
      }
    }
    const sameRef =
      existing.conversation.conversationId === actor.conversation.conversationId &&
      existing.conversation.serviceUrl === actor.conversation.serviceUrl;
    // Until a person saves their settings, their time zone follows what Teams tells us.
    const teamsZone =
      !existing.onboarded &&
      actor.timeZone &&
      isValidTimeZone(actor.timeZone) &&
      actor.timeZone !== existing.prefs.timeZone
        ? actor.timeZone
        : undefined;
    // The locale is never chosen in settings: it always follows the Teams client (it only shapes dates).
    const reported = acceptedLocale(actor.locale);
    const teamsLocale = reported && reported !== existing.prefs.locale ? reported : undefined;
    if (existing.status === 'active' && sameRef && !teamsZone && !teamsLocale)
      return { user: existing, isNew: false, reactivated: false };
    const { etag, ...doc } = existing;
    const updated: UserRecord = {
      ...doc,
      prefs: {
        ...doc.prefs,
        ...(teamsZone ? { timeZone: teamsZone } : {}),
        ...(teamsLocale ? { locale: teamsLocale } : {}),
      },
      conversation: actor.conversation,
      status: 'active',
      updatedAt: nowIso,
      ttl: undefined,
    };
    // Consent first: someone who has not pressed Start keeps their reminder, never a weekly slot.
    const pending = updated.consent?.state === 'pending';
    const toStore =
      existing.status !== 'active'
        ? pending
          ? withReminderDue(updated, nowIso)
          : withWeeklyDue(updated, nextDueFor(deps, updated, deps.now()))
        : teamsZone && !pending
          ? withWeeklyDue(updated, nextDueFor(deps, updated, deps.now()))
          : updated;
    try {
      const user = await deps.store.users.replace(toStore, etag);
      return { user, isNew: false, reactivated: existing.status !== 'active' };
    } catch (e) {
      if (isPreconditionFailed(e)) continue;
      throw e;
    }
  }
  throw new ConversationError('store_unavailable', 'I could not save your details just now. Please try again.');
}

/**
 * A returning person who never pressed Start (they reinstalled): a new welcome round, due now through
 * the delivery engine (its id carries the round, so this install event is welcomed once); the one
 * reminder a week later follows only if they have not had it.
 */
function withReminderDue(user: UserRecord, nowIso: string): UserRecord {
  const consent = { ...user.consent!, welcomeRound: (user.consent?.welcomeRound ?? 1) + 1 };
  delete consent.welcomedAt;
  return { ...user, consent, nextDueAt: nowIso };
}

/** The person's record, or a not_registered error telling them how to start. */
export async function requireUser(deps: ConversationDeps, userId: string): Promise<Versioned<UserRecord>> {
  const user = await deps.store.users.get(userId, userId);
  if (!user) {
    throw new ConversationError('not_registered', 'I do not have your details yet. Type "help" to get started.');
  }
  return user;
}

/**
 * Applies `change` to the person's record with a conditional write, re-reading and retrying when
 * another instance wrote in between. Returns the stored record.
 */
export async function updateUser(
  deps: ConversationDeps,
  userId: string,
  change: (user: UserRecord) => UserRecord,
): Promise<Versioned<UserRecord>> {
  return updateRecord(
    () => requireUser(deps, userId),
    deps.store.users,
    change,
    () => deps.now(),
    'Your change could not be saved because of a conflict. Please try again.',
  );
}

/** Marks a person who removed the bot: no nudges; data is kept until the retention period ends. */
export async function markUninstalled(deps: ConversationDeps, userId: string): Promise<void> {
  const user = await deps.store.users.get(userId, userId);
  if (!user) return;
  await updateUser(deps, userId, (u) => ({
    ...u,
    status: 'uninstalled',
    nextDueAt: undefined,
    ttl: deps.config.retentionDays * 86400,
  }));
}
