import type { Collection, Store, Versioned } from '../store/port';
import type { Consent, ConversationRef, NudgeHistory, Role, SnoozeState, TeamRecord, UserRecord } from '../domain';
import type { ScheduleSpec } from './schedule';

/** A person or a team as the delivery engine sees them: who, where, when, and what they have had. */
export interface Owner {
  kind: 'user' | 'team';
  id: string;
  tenantId: string;
  conversation: ConversationRef;
  schedule: ScheduleSpec;
  /** Undefined for teams: every nudge suits a team. */
  role?: Role;
  /** People only: false until they saved the form with their role (then nudges written for it can come). */
  roleChosen?: boolean;
  /** People only: where they work and the time they have for a course (their card's suggestions depend on it). */
  place?: string;
  learningTime?: 'short' | 'medium' | 'long';
  focus: string[];
  history: NudgeHistory;
  nextDueAt: string;
  snooze?: SnoozeState;
  /** People only: when they last gave a self-rating; undefined means never. */
  ratedAt?: string;
  /** People only: set while they have not pressed Start; then only the welcome and one reminder are due. */
  consent?: Consent;
}

/** A change to an owner's record after a delivery; undefined fields are left as they are, null clears. */
export interface OwnerChange {
  nextDueAt?: string;
  history?: NudgeHistory;
  snooze?: SnoozeState | null;
  anchorDate?: string;
  inactive?: boolean;
  /** People only: the consent messages' progress (welcome or reminder sent). */
  consent?: Consent;
  /** People only: the 1:1 chat the engine opened for someone met in a team roster. */
  conversationId?: string;
  /** Nothing more is due (after the one reminder). */
  clearDue?: boolean;
}

/** How the engine reads and writes one kind of owner record. Users and teams share the machinery. */
export interface OwnerSource<R extends { id: string }> {
  kind: Owner['kind'];
  collection: Collection<R>;
  /** The owner's view, or undefined when the record cannot be scheduled (no due time, disabled). */
  toOwner(rec: R): Owner | undefined;
  applyChange(rec: R, change: OwnerChange, nowIso: string): R;
}

/** People: personal chats, their own preferences and history. */
export function userOwners(store: Store): OwnerSource<UserRecord> {
  return {
    kind: 'user',
    collection: store.users,
    toOwner: (u) =>
      u.nextDueAt === undefined
        ? undefined
        : {
            kind: 'user',
            id: u.id,
            tenantId: u.tenantId,
            conversation: u.conversation,
            schedule: {
              timeZone: u.prefs.timeZone,
              day: u.prefs.day,
              time: u.prefs.time,
              frequency: u.prefs.frequency,
              anchorDate: u.anchorDate,
              pausedUntil: u.pausedUntil,
            },
            role: u.prefs.role,
            roleChosen: u.onboarded,
            place: u.prefs.place,
            learningTime: u.prefs.learningTime,
            focus: u.prefs.focus,
            history: u.history,
            nextDueAt: u.nextDueAt,
            snooze: u.snooze,
            ratedAt: u.ratedAt,
            consent: u.consent?.state === 'pending' ? u.consent : undefined,
          },
    applyChange: (u, c, nowIso) => {
      const next: UserRecord = { ...u, updatedAt: nowIso };
      if (c.nextDueAt !== undefined) next.nextDueAt = c.nextDueAt;
      if (c.history) next.history = c.history;
      if (c.snooze === null) delete next.snooze;
      else if (c.snooze) next.snooze = c.snooze;
      if (c.anchorDate && !u.anchorDate) next.anchorDate = c.anchorDate;
      if (c.inactive) next.status = 'inactive';
      if (c.consent) next.consent = c.consent;
      if (c.conversationId) next.conversation = { ...u.conversation, conversationId: c.conversationId };
      if (c.clearDue) delete next.nextDueAt;
      return next;
    },
  };
}

/** Teams: a channel, the team's settings, weekly, every nudge suits. */
export function teamOwners(store: Store): OwnerSource<TeamRecord> {
  return {
    kind: 'team',
    collection: store.teams,
    toOwner: (t) =>
      t.nextDueAt === undefined || !t.settings.enabled
        ? undefined
        : {
            kind: 'team',
            id: t.id,
            tenantId: t.tenantId,
            conversation: t.conversation,
            schedule: {
              timeZone: t.settings.timeZone,
              day: t.settings.day,
              time: t.settings.time,
              frequency: 'weekly',
            },
            focus: [],
            history: t.history,
            nextDueAt: t.nextDueAt,
          },
    applyChange: (t, c, nowIso) => {
      const next: TeamRecord = { ...t, updatedAt: nowIso };
      if (c.nextDueAt !== undefined) next.nextDueAt = c.nextDueAt;
      if (c.history) next.history = c.history;
      // A team whose channel refuses messages is treated as removed until the bot is added again.
      if (c.inactive) next.status = 'removed';
      return next;
    },
  };
}

/** Both owner sources of a store, by kind. */
export interface OwnerSources {
  user: OwnerSource<UserRecord>;
  team: OwnerSource<TeamRecord>;
}

export function ownerSourcesOf(store: Store): OwnerSources {
  return { user: userOwners(store), team: teamOwners(store) };
}

/** An owner record read from the store with its etag. */
export type OwnerRecord = Versioned<UserRecord> | Versioned<TeamRecord>;
