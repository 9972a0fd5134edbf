/**
 * What the chat use cases (src/conversation/) need from the delivery engine, in one named port:
 * choose a nudge now, read recent self-ratings, snooze or skip a delivery, compute the next slot,
 * and the card type the sender sends. Conversation imports this module and nothing else from
 * delivery; the composition roots (src/app.ts, src/cli/) give it `createNudgeEngine()`.
 */
import { readRecentRatings } from './recent-ratings';
import { computeNextDue, localDateOf } from './schedule';
import { recordNudgeInHistory, selectNudge } from './select-nudge';
import { skipDelivery, snoozeDelivery, snoozeOffered } from './snooze';

export type { OutgoingCard } from './sender';
export type { ScheduleSpec } from './schedule';
export type { Selection, SelectionInput } from './select-nudge';
export type { SnoozeRefusal, SnoozeResult } from './snooze';

export interface NudgeEngine {
  /** The next weekly (or fortnightly) slot after a time, honouring a pause. */
  computeNextDue: typeof computeNextDue;
  /** The local date (yyyy-mm-dd) of a slot in a time zone. */
  localDateOf: typeof localDateOf;
  /** The nudge to send a person now, from their role, history, focus and ratings. */
  selectNudge: typeof selectNudge;
  /** A person's or team's history with one more nudge sent. */
  recordNudgeInHistory: typeof recordNudgeInHistory;
  /** A person's self-ratings since a time. */
  readRecentRatings: typeof readRecentRatings;
  /** Snoozes a sent delivery (it is sent again later). */
  snoozeDelivery: typeof snoozeDelivery;
  /** Marks a sent delivery skipped. */
  skipDelivery: typeof skipDelivery;
  /** Whether a card should offer "Snooze a day" now (never onto the next weekly nudge's day). */
  snoozeOffered: typeof snoozeOffered;
}

/** The engine as it runs in production. */
export function createNudgeEngine(): NudgeEngine {
  return {
    computeNextDue,
    localDateOf,
    selectNudge,
    recordNudgeInHistory,
    readRecentRatings,
    snoozeDelivery,
    skipDelivery,
    snoozeOffered,
  };
}
