import type { ConversationRef, RosterPage } from '../domain';

/** An Adaptive Card (already expanded JSON) with a text fallback for notifications. */
export interface OutgoingCard {
  card: object;
  /** Short text shown in notifications and where cards are not rendered. Never personal data. */
  summary: string;
  /**
   * The card already serialised as UTF-8 JSON (exactly `Buffer.from(JSON.stringify(card))`), when the
   * composer has it at hand: a sender may send these bytes as they are instead of serialising `card`.
   */
  cardUtf8?: Buffer;
}

/**
 * An OutgoingCard from a card that is already serialised: `card` is parsed only if something reads
 * it, so a sender that sends `cardUtf8` never pays for the object.
 */
export function serialisedCard(summary: string, cardUtf8: Buffer): OutgoingCard {
  let card: object | undefined;
  return {
    summary,
    cardUtf8,
    get card(): object {
      return (card ??= JSON.parse(cardUtf8.toString('utf8')) as object);
    },
  };
}

/**
 * SendError code for a call abandoned after the client's timeout: the request went out and may
 * have been delivered, so it is never retried (the delivery ends 'unknown').
 */
export const SEND_TIMEOUT_CODE = 'Timeout';

/**
 * SendError code for a request that could not be signed (no token for the bot): nothing went out,
 * and every other call of the process would fail alike, so the run stops (retry-policy.ts).
 */
export const TOKEN_FAILURE_CODE = 'AuthenticationFailed';

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
 * The port through which the delivery engine reaches Teams. The bot edge implements it
 * (src/bot/teams-sender.ts: Bot Connector REST calls signed with a token from @azure/identity);
 * nothing behind it knows botbuilder.
 * Implementations make exactly one attempt per call (no hidden retries) and throw SendError.
 */
export interface Sender {
  send(to: ConversationRef, message: OutgoingCard): Promise<{ activityId: string }>;
  update(to: ConversationRef, activityId: string, message: OutgoingCard): Promise<void>;
  /**
   * Opens (or finds: Teams answers with the same id again) the bot's 1:1 chat with the person in
   * `to.userTeamsId`, for someone met in a team roster who never chatted with the bot. `to` has the
   * service URL, tenant and bot id; its conversationId is ignored. One attempt, errors as SendError.
   */
  openPersonalChat?(to: ConversationRef): Promise<{ conversationId: string }>;
  /**
   * Reads one page of a team's roster (Teams' paged members, up to 500 a page) from the page after
   * `continuationToken` (the first page without it), keeping only ids. One attempt, errors as SendError.
   */
  readRosterPage?(team: { serviceUrl: string; teamId: string }, continuationToken?: string): Promise<RosterPage>;
}
