import { CardFactory, CloudAdapter, TurnContext, type ConversationReference } from 'botbuilder';
import type { ConnectorClient } from 'botframework-connector';
import type { ConversationRef } from '../store/types';
import { SendError, type OutgoingCard, type Sender } from '../delivery/sender';

/** Milliseconds a single proactive call may take before it counts as a network failure. */
export const DEFAULT_SEND_TIMEOUT_MS = 15_000;

interface PipelineOwner {
  client?: { pipeline?: { removePolicy(options: { phase?: string; name?: string }): unknown } };
}

const stripped = new WeakSet<object>();

/**
 * botbuilder's ConnectorClient (via @azure/core-client) silently retries 429 and 5xx up to three
 * times. The delivery engine owns retries (it also slows the whole tenant on a 429), so we remove
 * the SDK's retry policy: one call here is one attempt at Teams.
 */
function withoutHiddenRetries(connector: ConnectorClient): ConnectorClient {
  if (!stripped.has(connector)) {
    (connector as unknown as PipelineOwner).client?.pipeline?.removePolicy({ phase: 'Retry' });
    stripped.add(connector);
  }
  return connector;
}

/** Turns a stored, transport-neutral reference into the Bot Framework shape. */
export function toBotReference(ref: ConversationRef): Partial<ConversationReference> {
  return {
    channelId: ref.channelId,
    serviceUrl: ref.serviceUrl,
    conversation: {
      id: ref.conversationId,
      tenantId: ref.tenantId,
      conversationType: ref.conversationType ?? 'personal',
      isGroup: ref.conversationType === 'channel' || ref.conversationType === 'groupChat',
      name: '',
    },
    bot: ref.botId ? { id: ref.botId, name: '' } : undefined,
    user: ref.userTeamsId ? { id: ref.userTeamsId, name: '' } : undefined,
  };
}

interface ErrorLike {
  statusCode?: number;
  code?: string;
  message?: string;
  response?: { headers?: { get?(name: string): string | undefined }; bodyAsText?: string; parsedBody?: unknown };
  details?: { error?: { code?: string } };
}

function retryAfterMs(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, date - Date.now()) : undefined;
}

function channelErrorCode(e: ErrorLike): string | undefined {
  const fromDetails = e.details?.error?.code;
  if (fromDetails) return fromDetails;
  const text = e.response?.bodyAsText;
  if (text) {
    try {
      const parsed = JSON.parse(text) as { error?: { code?: string } };
      if (parsed.error?.code) return parsed.error.code;
    } catch {
      // not JSON: no code
    }
  }
  return undefined;
}

/** Maps whatever the SDK threw into a SendError the delivery engine understands. */
export function toSendError(error: unknown): SendError {
  if (error instanceof SendError) return error;
  const e = (error ?? {}) as ErrorLike;
  const status = typeof e.statusCode === 'number' ? e.statusCode : 0;
  const code = channelErrorCode(e) ?? (status === 0 ? (e.code ?? 'NetworkError') : undefined);
  return new SendError(
    status,
    code,
    retryAfterMs(e.response?.headers?.get?.('retry-after')),
    `send failed: ${status || code || 'error'}`,
  );
}

/**
 * The Teams implementation of the delivery engine's Sender port: proactive messages through the
 * CloudAdapter, one attempt per call, errors mapped to SendError.
 */
export function createTeamsSender(
  adapter: CloudAdapter,
  options: { botAppId?: string; timeoutMs?: number } = {},
): Sender {
  const appId = options.botAppId ?? '';
  const timeout = options.timeoutMs ?? DEFAULT_SEND_TIMEOUT_MS;

  const withConnector = async <T>(
    to: ConversationRef,
    fn: (connector: ConnectorClient, context: TurnContext) => Promise<T>,
  ): Promise<T> => {
    let result: T | undefined;
    let done = false;
    try {
      await adapter.continueConversationAsync(appId, toBotReference(to), async (context) => {
        const connector = context.turnState.get<ConnectorClient>(adapter.ConnectorClientKey);
        result = await fn(withoutHiddenRetries(connector), context);
        done = true;
      });
    } catch (error) {
      throw toSendError(error);
    }
    if (!done) throw new SendError(0, 'NoTurn', undefined, 'send failed: the adapter did not run the turn');
    return result as T;
  };

  const activityOf = (message: OutgoingCard) => ({
    type: 'message',
    summary: message.summary,
    attachments: [CardFactory.adaptiveCard(message.card)],
  });

  return {
    send: (to, message) =>
      withConnector(to, async (connector) => {
        const response = await connector.conversations.sendToConversation(to.conversationId, activityOf(message), {
          timeout,
        });
        return { activityId: response.id ?? '' };
      }),
    update: (to, activityId, message) =>
      withConnector(to, async (connector) => {
        await connector.conversations.updateActivity(
          to.conversationId,
          activityId,
          { ...activityOf(message), id: activityId },
          { timeout },
        );
      }),
  };
}
