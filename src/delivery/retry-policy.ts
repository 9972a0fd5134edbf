import { SEND_TIMEOUT_CODE, SendError, TOKEN_FAILURE_CODE } from './sender';

/**
 * Why the whole run (or one tenant's share of it) stops: not one person's refusal but the bot's
 * own. 'auth': Teams rejected the bot's token (401) or no token could be had; 'permissions': the app
 * lacks a permission for what it asked (403 NotEnoughPermissions).
 */
export type HaltCause = 'auth' | 'permissions';

/** What to do after a failed send attempt. */
export type SendVerdict =
  | { action: 'retry'; throttled: boolean; retryAfterMs?: number; outcome: string }
  | { action: 'inactive'; outcome: string }
  | { action: 'unknown'; outcome: string }
  /**
   * The tenant's admin blocked the app for this person (BotDisabledByAdmin): this person's delivery is
   * settled and tried again at their next slot (a week later); only a row of such refusals from
   * different people pauses the tenant (admin-refusals.ts).
   */
  | { action: 'admin_blocked'; outcome: string }
  /**
   * The bot's own fault, the same for everyone: stop (the run for 'run', this tenant's share for
   * 'tenant'), release what is claimed without settling anyone, and try again in minutes (halt-run.ts).
   */
  | { action: 'halt'; scope: 'run' | 'tenant'; cause: HaltCause; outcome: string }
  | { action: 'fail'; outcome: string; alert?: 'card_too_large' };

/** What a documented Teams refusal means for the delivery engine. */
type Refusal = 'inactive' | 'admin_blocked' | 'card_too_large' | 'halt_auth' | 'halt_permissions';

/**
 * Teams' documented refusals of a bot's send, by the channel's code (the `subCode` inside the 403
 * `{"errorCode":209,"message":"{\"subCode\":...}"}` body, or `error.code` in the
 * `{"error":{"code":...}}` body; connector-rest.ts reads either). Sources: Learn "Send proactive
 * messages" (403 MessageWritesBlocked example) and the status-code table of Learn "Conversations with
 * a bot" (msteams-platform/bots/build-conversational-capability.md). The README's refusals table
 * says the same for operators.
 */
export const TEAMS_REFUSALS: Readonly<Record<string, Refusal>> = {
  MessageWritesBlocked: 'inactive', // 403: the person blocked the bot or uninstalled it
  ConversationBlockedByUser: 'inactive', // 403
  BotNotInConversationRoster: 'inactive', // 403: the bot is not in the chat or team any more
  ConversationNotFound: 'inactive', // 404
  // 403 "Bot isn't installed in user's personal scope": this person must install the app (an
  // installationUpdate brings them back); not retried until then.
  ForbiddenOperationException: 'inactive',
  // 403 "Admin blocked interactions between user and the bot app... allow the app for the user":
  // one person's app policy, not the tenant's (admin-refusals.ts decides when it is tenant-wide).
  BotDisabledByAdmin: 'admin_blocked',
  // 403: the app lacks a permission for the call. The same for everyone in the tenant and fixed
  // only by a new app package or consent: this tenant's run stops and is tried again later.
  NotEnoughPermissions: 'halt_permissions',
  MessageSizeTooBig: 'card_too_large', // 413
  BotNotRegistered: 'halt_auth', // 401: no Azure Bot registration for this app id
};

/** The refusal a status means when Teams gave no code we know. */
const REFUSAL_BY_STATUS: Readonly<Record<number, Refusal>> = {
  404: 'inactive',
  413: 'card_too_large',
};

const RETRYABLE = new Set([0, 412, 502, 503, 504]);

/**
 * Classifies a send failure per Teams' guidance: 429 waits (Retry-After) and slows the tenant;
 * 412/502/503/504 and network errors before a response are retried; a timeout after the request
 * went out is never retried (it may have been delivered: 'unknown'); a 401 with any body (Teams
 * sends `{"message":"Authorization has been denied for this request."}` with no code) and a failure
 * to get a token halt the run: they are the bot's fault, not the person's; the documented refusals
 * (TEAMS_REFUSALS) are never retried; anything else fails the delivery.
 */
export function classifySendFailure(err: unknown): SendVerdict {
  if (!(err instanceof SendError)) return { action: 'fail', outcome: 'send_error' };
  // Timed out after the request went out: it may have been delivered, and a retry could duplicate it.
  if (err.status === 0 && err.code === SEND_TIMEOUT_CODE) return { action: 'unknown', outcome: 'timeout' };
  const outcome = err.status === 0 ? 'network' : `http_${err.status}${err.code ? `_${err.code}` : ''}`;
  // No token: every call of this process fails alike, whatever the tenant.
  if (err.status === 0 && err.code === TOKEN_FAILURE_CODE) {
    return { action: 'halt', scope: 'run', cause: 'auth', outcome: 'token_failed' };
  }
  // Token refused: the bot's identity, for this tenant's service (a cross-tenant refusal can be one tenant's).
  if (err.status === 401) return { action: 'halt', scope: 'tenant', cause: 'auth', outcome };
  if (err.status === 429) return { action: 'retry', throttled: true, retryAfterMs: err.retryAfterMs, outcome };
  if (RETRYABLE.has(err.status)) return { action: 'retry', throttled: false, retryAfterMs: err.retryAfterMs, outcome };
  const refusal = (err.code !== undefined ? TEAMS_REFUSALS[err.code] : undefined) ?? REFUSAL_BY_STATUS[err.status];
  switch (refusal) {
    case 'inactive':
      return { action: 'inactive', outcome };
    case 'admin_blocked':
      return { action: 'admin_blocked', outcome };
    case 'halt_auth':
      return { action: 'halt', scope: 'tenant', cause: 'auth', outcome };
    case 'halt_permissions':
      return { action: 'halt', scope: 'tenant', cause: 'permissions', outcome };
    case 'card_too_large':
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
