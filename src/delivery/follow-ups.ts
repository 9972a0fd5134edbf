import type { Logger } from '../logger';
import type { ConversationRef } from '../domain';
import type { ConversationLimiter } from './conversation-limiter';
import { backoffDelayMs, classifySendFailure } from './retry-policy';
import type { OutgoingCard, Sender } from './sender';
import type { TenantLimiters } from './tenant-limiters';

/**
 * How long one background update or follow-up call may take. Longer than the weekly send's timeout:
 * nobody waits on it (the invoke was answered), and a slow channel still gets the card.
 */
export const FOLLOW_UP_TIMEOUT_MS = 30_000;

/** Attempts per update or follow-up before it is given up (logged). */
export const FOLLOW_UP_ATTEMPTS = 3;

/**
 * What a click sends after its invoke has been answered: the answered card written to the message it
 * came from (so every device and a reload show it, not only the device that clicked; Learn "Universal
 * Actions": the invoke response replaces the card on that client only), the shared team card, and
 * follow-up messages. Nothing here delays the invoke: each call queues the work and returns.
 */
export interface FollowUps {
  /** Writes `message` over activity `activityId` (PUT); a newer card for the same activity replaces a queued one. */
  replaceCard(to: ConversationRef, activityId: string, message: OutgoingCard): void;
  /** Sends `message` as a new message in the conversation (POST). */
  sendMessage(to: ConversationRef, message: OutgoingCard): void;
  /** Resolves when everything queued so far has been sent or given up (tests, graceful stop). */
  settled(): Promise<void>;
}

export interface FollowUpOptions {
  /** The sender these calls use; give it its own timeout (a background PUT may wait longer than an invoke can). */
  sender: Sender;
  limiters: TenantLimiters;
  conversations: ConversationLimiter;
  logger: Logger;
  random?: () => number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
}

/**
 * The follow-up queue: every call passes the tenant's limiter with interactive priority (the share
 * the weekly run leaves free) and the conversation's limits; PUTs are retried on throttling, 5xx,
 * network errors and timeouts (writing the same card twice is harmless), POSTs only when nothing can
 * have been delivered. Failures are logged, never thrown.
 */
export function createFollowUps(options: FollowUpOptions): FollowUps {
  const { sender, limiters, conversations, logger } = options;
  const random = options.random ?? Math.random;
  const baseMs = options.backoffBaseMs ?? 500;
  const maxMs = options.backoffMaxMs ?? 10_000;
  const running = new Set<Promise<void>>();
  /** The newest card waiting for each activity that already has an update on its way. */
  const pending = new Map<string, { to: ConversationRef; message: OutgoingCard }>();

  const attempt = async (to: ConversationRef, call: () => Promise<unknown>, idempotent: boolean): Promise<void> => {
    const limiter = limiters.forTenant(to.tenantId);
    for (let n = 1; ; n++) {
      await conversations.acquire(to.conversationId);
      await limiter.acquire('interactive');
      try {
        await call();
        return;
      } catch (err) {
        const verdict = classifySendFailure(err);
        const again = verdict.action === 'retry' || (idempotent && verdict.action === 'unknown');
        if (!again || n >= FOLLOW_UP_ATTEMPTS) throw err;
        const retryAfter = verdict.action === 'retry' ? verdict.retryAfterMs : undefined;
        if (verdict.action === 'retry' && verdict.throttled) limiter.slowDown(retryAfter ?? baseMs);
        // unref: a retry waiting here must not keep a stopping process (or a test worker) alive.
        await new Promise((r) => setTimeout(r, retryAfter ?? backoffDelayMs(n, baseMs, maxMs, random)).unref());
      }
    }
  };

  const track = (work: Promise<void>): void => {
    running.add(work);
    void work.finally(() => running.delete(work));
  };

  const logFailure = (kind: string, to: ConversationRef, err: unknown): void => {
    const e = err as { status?: number; code?: string };
    logger.warn(
      { event: `followup.${kind}_failed`, tenantId: to.tenantId, status: e.status, code: e.code },
      'a card update or follow-up after a click could not be sent',
    );
  };

  const drainActivity = async (key: string, activityId: string): Promise<void> => {
    for (let next = pending.get(key); next; next = pending.get(key)) {
      // The entry stays while the call is in flight (a newer card replaces it and is sent next).
      const { to, message: sentMessage } = next;
      try {
        await attempt(to, () => sender.update(to, activityId, sentMessage), true);
      } catch (err) {
        logFailure('update', to, err);
      }
      if (pending.get(key)?.message === sentMessage) pending.delete(key);
    }
  };

  return {
    replaceCard(to, activityId, message) {
      const key = `${to.serviceUrl}|${to.conversationId}|${activityId}`;
      const busy = pending.has(key);
      pending.set(key, { to, message });
      if (!busy) track(drainActivity(key, activityId));
    },
    sendMessage(to, message) {
      track(attempt(to, () => sender.send(to, message), false).catch((err: unknown) => logFailure('message', to, err)));
    },
    async settled() {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
  };
}
