import type { ConversationRef } from '../store/types';

/** An Adaptive Card (already expanded JSON) with a text fallback for notifications. */
export interface OutgoingCard {
  card: object;
  /** Short text shown in notifications and where cards are not rendered. Never personal data. */
  summary: string;
}

/**
 * SendError code for a call abandoned after the client's timeout: the request went out and may
 * have been delivered, so it is never retried (the delivery ends 'unknown').
 */
export const SEND_TIMEOUT_CODE = 'Timeout';

/** Why a send failed, as the delivery engine needs to know it. Transport-neutral. */
export class SendError extends Error {
  constructor(
    /** HTTP status from the channel, or 0 for a network error / timeout before a response. */
    readonly status: number,
    /** Channel error code when it gave one, e.g. 'MessageWritesBlocked', 'ConversationNotFound'. */
    readonly code: string | undefined,
    /** Milliseconds the channel asked us to wait (Retry-After), when it did. */
    readonly retryAfterMs: number | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'SendError';
  }
}

/**
 * The port through which the delivery engine reaches Teams. The bot edge implements it with
 * botbuilder's continueConversationAsync; nothing behind it knows botbuilder.
 * Implementations make exactly one attempt per call (no hidden retries) and throw SendError.
 */
export interface Sender {
  send(to: ConversationRef, message: OutgoingCard): Promise<{ activityId: string }>;
  update(to: ConversationRef, activityId: string, message: OutgoingCard): Promise<void>;
}
