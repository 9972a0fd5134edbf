import { SEND_TIMEOUT_CODE, SendError } from './sender';

/** What to do after a failed send attempt. */
export type SendVerdict =
  | { action: 'retry'; throttled: boolean; retryAfterMs?: number; outcome: string }
  | { action: 'inactive'; outcome: string }
  | { action: 'unknown'; outcome: string }
  | { action: 'fail'; outcome: string };

const RETRYABLE = new Set([0, 412, 502, 503, 504]);

/**
 * Classifies a send failure per Teams' guidance: 429 waits (Retry-After) and slows the tenant;
 * 412/502/503/504 and network errors before a response are retried; a timeout after the request
 * went out is never retried (it may have been delivered: 'unknown'); 403 MessageWritesBlocked and 404 (the
 * conversation is gone) mean the owner cannot be reached; anything else fails the delivery.
 */
export function classifySendFailure(err: unknown): SendVerdict {
  if (!(err instanceof SendError)) return { action: 'fail', outcome: 'send_error' };
  // Timed out after the request went out: it may have been delivered, and a retry could duplicate it.
  if (err.status === 0 && err.code === SEND_TIMEOUT_CODE) return { action: 'unknown', outcome: 'timeout' };
  const outcome = err.status === 0 ? 'network' : `http_${err.status}${err.code ? `_${err.code}` : ''}`;
  if (err.status === 429) return { action: 'retry', throttled: true, retryAfterMs: err.retryAfterMs, outcome };
  if (RETRYABLE.has(err.status)) return { action: 'retry', throttled: false, retryAfterMs: err.retryAfterMs, outcome };
  if (err.status === 404 || (err.status === 403 && err.code === 'MessageWritesBlocked')) {
    return { action: 'inactive', outcome };
  }
  return { action: 'fail', outcome };
}

/** Exponential backoff with full jitter for attempt n (1-based): random in [base, min(max, base*2^n)]. */
export function backoffDelayMs(attempt: number, baseMs: number, maxMs: number, random: () => number): number {
  const cap = Math.min(maxMs, baseMs * 2 ** attempt);
  return Math.round(baseMs + random() * Math.max(0, cap - baseMs));
}
