import type { ConversationRef } from './conversation-ref';
import type { PortfolioKind } from './portfolio';
import type { Preferences } from './preferences';

/**
 * A person's record. Every record carries `tenantId`; nothing stores a person's name.
 * Times are ISO-8601 strings in UTC unless the field name says otherwise.
 */
export type UserStatus = 'active' | 'inactive' | 'uninstalled';

export interface NudgeHistory {
  /** Nudge ids sent in the current cycle through the role's nudges (reset when all were seen). */
  seen: string[];
  lastBehaviour?: string;
  /** Nudge ids the person marked not useful. */
  notUseful: string[];
  sentCount: number;
}

export interface UserRecord {
  id: string; // == userId
  userId: string; // partition key: AAD object id when known, else Teams user id
  tenantId: string;
  aadObjectId?: string;
  conversation: ConversationRef;
  prefs: Preferences;
  onboarded: boolean;
  status: UserStatus;
  pausedUntil?: string;
  /** Next time a weekly nudge is due (UTC). Absent when none is scheduled. */
  nextDueAt?: string;
  /** Local date (yyyy-mm-dd) of the first scheduled nudge: the anchor for fortnightly. */
  anchorDate?: string;
  history: NudgeHistory;
  /** A snoozed nudge waiting to be sent again (set by the card's snooze action, cleared by the tick). */
  snooze?: SnoozeState;
  /** When the person last gave a self-rating (kept to within a day); the weekly engine reads ratings only if recent. */
  ratedAt?: string;
  /**
   * Consent: weekly nudges start only when the person presses Start (or saves the welcome form).
   * Absent on records made before consent was asked for; those people keep their weekly nudges.
   */
  consent?: Consent;
  /** The portfolio document the person last made (NMC, GP appraisal...), offered first next time. */
  portfolioKind?: PortfolioKind;
  createdAt: string;
  updatedAt: string;
  ttl?: number;
}

/**
 * A snoozed nudge: the tick resends `nudgeId` at `until` as delivery `${deliveryId}|snooze`.
 * While it waits, the owner's nextDueAt is min(until, weeklyDueAt); weeklyDueAt keeps the weekly slot.
 */
export interface SnoozeState {
  deliveryId: string;
  nudgeId: string;
  until: string;
  weeklyDueAt: string;
}

/**
 * Where a person stands before their first weekly nudge. 'pending': welcomed (or waiting for the
 * welcome, when invited from a team roster) and at most one reminder a week later; 'started': pressed Start.
 */
export interface Consent {
  state: 'pending' | 'started';
  /** How they met the bot: their own (or an admin's setup-policy) personal install, or a team roster. */
  via: 'install' | 'team';
  /** When the welcome went out (sent by the delivery engine, within the tenant's limit, for installs and team rosters alike). */
  welcomedAt?: string;
  /** When the one reminder went out. */
  remindedAt?: string;
  /**
   * Which install event the pending welcome is for: absent or 1 for the first, 2 after one reinstall...
   * Part of the welcome's delivery id, so each install event is welcomed exactly once.
   */
  welcomeRound?: number;
}
