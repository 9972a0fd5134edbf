import { randomBytes } from 'node:crypto';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { CardFactory, CloudAdapter, type ConversationReference } from 'botbuilder';
import type { ConnectorClient } from 'botframework-connector';
import type { ConversationRef } from '../store/types';
import { SEND_TIMEOUT_CODE, SendError, type OutgoingCard, type Sender } from '../delivery/sender';

/** Milliseconds a single proactive call may take before it counts as a network failure. */
export const DEFAULT_SEND_TIMEOUT_MS = 15_000;

interface PipelineRequestLike {
  url: string;
  agent?: HttpAgent;
  body?: unknown;
  headers?: { delete(name: string): void };
}

interface PipelineOwner {
  client?: {
    pipeline?: {
      removePolicy(options: { phase?: string; name?: string }): unknown;
      addPolicy(
        policy: {
          name: string;
          sendRequest(
            request: PipelineRequestLike,
            next: (r: PipelineRequestLike) => Promise<unknown>,
          ): Promise<unknown>;
        },
        options?: { phase?: 'Sign' },
      ): void;
    };
  };
}

const prepared = new WeakSet<object>();

/**
 * Cards that arrive already serialised (the weekly nudges) are neither parsed nor serialised again:
 * an 8 KB card was the largest CPU and memory cost of a send after the HTTP call itself. The activity
 * carries `CARD_MARKER + n` as the card's content; once the SDK has serialised the activity, our
 * policy sends the serialised activity as UTF-8 with the card's bytes where the quoted marker was.
 * The marker is random per process, so no card or message text can contain it by chance or design.
 */
const CARD_MARKER = `nudges-card-${randomBytes(12).toString('hex')}-`;
const serialisedCards = new Map<string, Buffer>();
let cardsPlaced = 0;

/**
 * The request body with each quoted card marker replaced by its card's bytes (UTF-8), or the body
 * unchanged when it holds no marker. Throws (so nothing is sent) if a marker's card is unknown.
 */
export function placeSerialisedCards(body: string): string | Buffer {
  if (!body.includes(CARD_MARKER)) return body;
  const chunks: Buffer[] = [];
  let from = 0;
  for (;;) {
    const start = body.indexOf(`"${CARD_MARKER}`, from);
    if (start < 0) break;
    const end = body.indexOf('"', start + 1);
    const card = serialisedCards.get(body.slice(start + 1, end));
    if (card === undefined) throw new Error('a serialised card went missing before the send');
    chunks.push(Buffer.from(body.slice(from, start), 'utf8'), card);
    from = end + 1;
  }
  chunks.push(Buffer.from(body.slice(from), 'utf8'));
  return Buffer.concat(chunks);
}

/**
 * One keep-alive agent per scheme for every proactive call. botbuilder makes a new ConnectorClient
 * (and with it a new HTTP client and agent) per continueConversationAsync, so without this every
 * send opens a new TCP (and, in production, TLS) connection to the Bot Connector.
 */
const AGENTS = {
  http: new HttpAgent({ keepAlive: true, maxSockets: 128, maxFreeSockets: 64 }),
  https: new HttpsAgent({ keepAlive: true, maxSockets: 128, maxFreeSockets: 64 }),
};

/**
 * Readies a per-turn ConnectorClient: botbuilder's ConnectorClient (via @azure/core-client)
 * silently retries 429 and 5xx up to three times, and the delivery engine owns retries (it also
 * slows the whole tenant on a 429), so we remove the SDK's retry policy: one call here is one
 * attempt at Teams. And every request goes through the shared keep-alive agents.
 */
function prepareConnector(connector: ConnectorClient): ConnectorClient {
  if (!prepared.has(connector)) {
    const pipeline = (connector as unknown as PipelineOwner).client?.pipeline;
    if (!pipeline) return connector; // not the SDK shape we know: cards are sent as objects (see below)
    pipeline.removePolicy({ phase: 'Retry' });
    // In the last phase: botbuilder's compat policy earlier in the pipeline rebuilds the request
    // (dropping any agent set before it).
    pipeline.addPolicy(
      {
        name: 'nudgesKeepAliveAgent',
        sendRequest: (request, next) => {
          request.agent ??= request.url.startsWith('https:') ? AGENTS.https : AGENTS.http;
          if (typeof request.body === 'string' && request.body.includes(CARD_MARKER)) {
            request.body = placeSerialisedCards(request.body);
            request.headers?.delete('Content-Length'); // the HTTP client sets it from the body it sends
          }
          return next(request);
        },
      },
      { phase: 'Sign' },
    );
    prepared.add(connector);
  }
  return connector;
}

/** The activity for a card, and what to do once it is sent. */
function activityOf(connector: ConnectorClient, message: OutgoingCard) {
  const base = { type: 'message', summary: message.summary };
  if (message.cardUtf8 === undefined || !prepared.has(connector)) {
    return { activity: { ...base, attachments: [CardFactory.adaptiveCard(message.card)] }, done: () => undefined };
  }
  const marker = `${CARD_MARKER}${++cardsPlaced}`;
  serialisedCards.set(marker, message.cardUtf8);
  return {
    activity: { ...base, attachments: [{ contentType: CardFactory.contentTypes.adaptiveCard, content: marker }] },
    done: () => void serialisedCards.delete(marker),
  };
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
  // We pass no abort signal of our own, so an abort is the per-call timeout firing: the request was
  // sent and Teams may have delivered it.
  const timedOut = status === 0 && (error as Error | undefined)?.name === 'AbortError';
  const code =
    channelErrorCode(e) ?? (status === 0 ? (timedOut ? SEND_TIMEOUT_CODE : (e.code ?? 'NetworkError')) : undefined);
  return new SendError(
    status,
    code,
    retryAfterMs(e.response?.headers?.get?.('retry-after')),
    `send failed: ${status || code || 'error'}`,
  );
}

/**
 * The Teams implementation of the delivery engine's Sender port: proactive messages through the
 * CloudAdapter's connector clients (one per service URL, reused, over keep-alive connections),
 * one attempt per call, errors mapped to SendError.
 */
export function createTeamsSender(
  adapter: CloudAdapter,
  options: { botAppId?: string; timeoutMs?: number } = {},
): Sender {
  const appId = options.botAppId ?? '';
  const timeout = options.timeoutMs ?? DEFAULT_SEND_TIMEOUT_MS;

  // One prepared ConnectorClient per service URL (Teams has a handful, one per region), made in one
  // proactive turn and then reused: building a client and running a turn per send costs more CPU
  // than the send. Its credentials fetch and refresh tokens per request, so reuse stays valid.
  const connectors = new Map<string, Promise<ConnectorClient>>();
  const openConnector = async (to: ConversationRef): Promise<ConnectorClient> => {
    let connector: ConnectorClient | undefined;
    try {
      await adapter.continueConversationAsync(appId, toBotReference(to), async (context) => {
        connector = prepareConnector(context.turnState.get<ConnectorClient>(adapter.ConnectorClientKey));
      });
    } catch (error) {
      throw toSendError(error);
    }
    if (!connector) throw new SendError(0, 'NoTurn', undefined, 'send failed: the adapter did not run the turn');
    return connector;
  };
  const connectorFor = (to: ConversationRef): Promise<ConnectorClient> => {
    let connector = connectors.get(to.serviceUrl);
    if (!connector) {
      connector = openConnector(to);
      connectors.set(to.serviceUrl, connector);
      connector.catch(() => connectors.delete(to.serviceUrl));
    }
    return connector;
  };
  const withConnector = async <T>(to: ConversationRef, fn: (connector: ConnectorClient) => Promise<T>): Promise<T> => {
    const connector = await connectorFor(to);
    try {
      return await fn(connector);
    } catch (error) {
      throw toSendError(error);
    }
  };

  return {
    send: (to, message) =>
      withConnector(to, async (connector) => {
        const { activity, done } = activityOf(connector, message);
        try {
          const response = await connector.conversations.sendToConversation(to.conversationId, activity, { timeout });
          return { activityId: response.id ?? '' };
        } finally {
          done();
        }
      }),
    update: (to, activityId, message) =>
      withConnector(to, async (connector) => {
        const { activity, done } = activityOf(connector, message);
        try {
          await connector.conversations.updateActivity(
            to.conversationId,
            activityId,
            { ...activity, id: activityId },
            {
              timeout,
            },
          );
        } finally {
          done();
        }
      }),
  };
}
