import { SEND_TIMEOUT_CODE, SendError } from './sender';

/** What to do after a failed send attempt. */
export type SendVerdict =
  | { action: 'retry'; throttled: boolean; retryAfterMs?: number; outcome: string }
  | { action: 'inactive'; outcome: string }
  | { action: 'unknown'; outcome: string }
  /** The tenant's admin blocked the app: nothing more goes to this tenant in this run. */
  | { action: 'pause_tenant'; outcome: string }
  | { action: 'fail'; outcome: string; alert?: 'card_too_large' | 'bot_not_registered' };

/** What a documented Teams refusal means for the delivery engine. */
type Refusal = 'inactive' | 'pause_tenant' | 'card_too_large' | 'bot_not_registered';

/**
 * Teams' documented refusals of a bot's send, by the channel's code (the `subCode` inside the 403
 * `{"errorCode":209,"message":"{\"subCode\":...}"}` body, or `error.code` in the
 * `{"error":{"code":...}}` body; connector-rest.ts reads either). Sources: Learn "Send proactive
 * messages" (403 MessageWritesBlocked example) and "Bot API status codes" in the msteams-docs
 * (ConversationBlockedByUser, BotNotInConversationRoster, BotDisabledByAdmin, ConversationNotFound,
 * MessageSizeTooBig, BotNotRegistered).
 */
export const TEAMS_REFUSALS: Readonly<Record<string, Refusal>> = {
  MessageWritesBlocked: 'inactive', // 403: the person blocked the bot or uninstalled it
  ConversationBlockedByUser: 'inactive', // 403
  BotNotInConversationRoster: 'inactive', // 403: the bot is not in the chat or team any more
  ConversationNotFound: 'inactive', // 404
  BotDisabledByAdmin: 'pause_tenant', // 403: the tenant admin blocked the app; paused 24 h (tenant-pause.ts)
  MessageSizeTooBig: 'card_too_large', // 413
  BotNotRegistered: 'bot_not_registered', // 401: no Azure Bot registration for this app id
};

/** The refusal a status means when Teams gave no code we know. */
const REFUSAL_BY_STATUS: Readonly<Record<number, Refusal>> = {
  404: 'inactive',
  413: 'card_too_large',
  401: 'bot_not_registered',
};

const RETRYABLE = new Set([0, 412, 502, 503, 504]);

/**
 * Classifies a send failure per Teams' guidance: 429 waits (Retry-After) and slows the tenant;
 * 412/502/503/504 and network errors before a response are retried; a timeout after the request
 * went out is never retried (it may have been delivered: 'unknown'); the documented refusals
 * (TEAMS_REFUSALS) are never retried: the owner is inactive, the tenant pauses, or the delivery
 * fails with an alert; anything else fails the delivery.
 */
export function classifySendFailure(err: unknown): SendVerdict {
  if (!(err instanceof SendError)) return { action: 'fail', outcome: 'send_error' };
  // Timed out after the request went out: it may have been delivered, and a retry could duplicate it.
  if (err.status === 0 && err.code === SEND_TIMEOUT_CODE) return { action: 'unknown', outcome: 'timeout' };
  const outcome = err.status === 0 ? 'network' : `http_${err.status}${err.code ? `_${err.code}` : ''}`;
  if (err.status === 429) return { action: 'retry', throttled: true, retryAfterMs: err.retryAfterMs, outcome };
  if (RETRYABLE.has(err.status)) return { action: 'retry', throttled: false, retryAfterMs: err.retryAfterMs, outcome };
  const refusal = (err.code !== undefined ? TEAMS_REFUSALS[err.code] : undefined) ?? REFUSAL_BY_STATUS[err.status];
  switch (refusal) {
    case 'inactive':
      return { action: 'inactive', outcome };
    case 'pause_tenant':
      return { action: 'pause_tenant', outcome };
    case 'card_too_large':
    case 'bot_not_registered':
      return { action: 'fail', outcome, alert: refusal };
    default:
      return { action: 'fail', outcome };
  }
}

/** Exponential backoff with full jitter for attempt n (1-based): random in [base, min(max, base*2^n)]. */
export function backoffDelayMs(attempt: number, baseMs: number, maxMs: number, random: () => number): number {
  const cap = Math.min(maxMs, baseMs * 2 ** attempt);
  return Math.round(baseMs + random() * Math.max(0, cap - baseMs));
}
