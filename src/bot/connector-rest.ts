import { request as httpRequest, Agent as HttpAgent, type IncomingMessage } from 'node:http';
import { request as httpsRequest, Agent as HttpsAgent } from 'node:https';
import { SEND_TIMEOUT_CODE, SendError, TOKEN_FAILURE_CODE, type OutgoingCard } from '../delivery/sender';

/**
 * The two Bot Connector REST calls the Teams sender makes for the delivery engine: send an activity
 * to a conversation (`POST /v3/conversations/{id}/activities`) and update one
 * (`PUT /v3/conversations/{id}/activities/{activityId}`). botbuilder's ConnectorClient makes the same
 * calls through the Azure core-client pipeline, whose model serialiser and dozen policies cost about
 * 0.4 ms of CPU per call, more than everything else a weekly nudge costs together; with Teams'
 * per-tenant limit that does not matter for one practice, but it sets how many organisations one
 * instance can serve. Each request is signed by a RequestSigner (bot-token.ts: a token from
 * @azure/identity).
 */

/** What signs a request: sets its Authorization header (or nothing, in development mode). */
export interface RequestSigner {
  signRequest(resource: SignableRequest): Promise<unknown>;
}

/** The part of a request that credentials touch: its headers. */
export interface SignableRequest {
  headers: { set(name: string, value: string): void; get(name: string): string | undefined };
}

/**
 * Keep-alive agents shared by every call: one TCP (and in production TLS) connection per service URL
 * is reused instead of a handshake per message.
 */
const AGENTS = {
  http: new HttpAgent({ keepAlive: true, maxSockets: 128, maxFreeSockets: 64 }),
  https: new HttpsAgent({ keepAlive: true, maxSockets: 128, maxFreeSockets: 64 }),
};

/** Largest response body read (Teams answers with a small JSON object); the rest is discarded. */
const MAX_RESPONSE_BYTES = 64 * 1024;
const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';

/**
 * The activity for a card as UTF-8 JSON: a message with the card as its one attachment. A card that
 * is already serialised (`cardUtf8`) goes in as its bytes, never parsed.
 */
export function cardActivityBody(message: OutgoingCard, activityId?: string): Buffer {
  const head = JSON.stringify({
    type: 'message',
    ...(activityId === undefined ? {} : { id: activityId }),
    summary: message.summary,
  });
  const card = message.cardUtf8 ?? Buffer.from(JSON.stringify(message.card), 'utf8');
  return Buffer.concat([
    Buffer.from(`${head.slice(0, -1)},"attachments":[{"contentType":"${ADAPTIVE_CARD}","content":`, 'utf8'),
    card,
    Buffer.from('}]}', 'utf8'),
  ]);
}

/** The Bot Connector's create-conversation URL under a service URL (`POST /v3/conversations`). */
export function conversationsUrl(serviceUrl: string): URL {
  return new URL('v3/conversations', serviceUrl.endsWith('/') ? serviceUrl : `${serviceUrl}/`);
}

/**
 * The body that opens a bot's 1:1 chat with one person in a tenant, as Teams documents it
 * ("Proactive messages": create the conversation, then send to its id).
 */
export function personalChatBody(botId: string, userTeamsId: string, tenantId: string): Buffer {
  return Buffer.from(
    JSON.stringify({
      bot: { id: botId },
      members: [{ id: userTeamsId }],
      channelData: { tenant: { id: tenantId } },
      isGroup: false,
    }),
    'utf8',
  );
}

/** The URL of a conversation's activities (or one activity) under a service URL. */
export function activitiesUrl(serviceUrl: string, conversationId: string, activityId?: string): URL {
  const base = serviceUrl.endsWith('/') ? serviceUrl : `${serviceUrl}/`;
  const path = `v3/conversations/${encodeURIComponent(conversationId)}/activities`;
  return new URL(activityId === undefined ? path : `${path}/${encodeURIComponent(activityId)}`, base);
}

function retryAfterMs(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, date - Date.now()) : undefined;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * The channel's error code from an error body. Teams answers in two documented shapes:
 * `{"error":{"code":"ConversationBlockedByUser","message":...}}`, and for a blocked or removed bot
 * (403) `{"errorCode":209,"message":"{\"subCode\":\"MessageWritesBlocked\",...}"}`, where the code
 * is the `subCode` inside the JSON string `message`. The sub-code wins: it is the specific reason.
 */
export function errorCodeOf(body: string): string | undefined {
  const parsed = parseJson(body) as { error?: { code?: unknown }; message?: unknown; code?: unknown } | undefined;
  if (!parsed || typeof parsed !== 'object') return undefined;
  const inner =
    typeof parsed.message === 'string' ? (parseJson(parsed.message) as { subCode?: unknown } | undefined) : undefined;
  const candidates = [inner?.subCode, parsed.error?.code, parsed.code];
  return candidates.find((c): c is string => typeof c === 'string' && c !== '');
}

/** A request's headers with the get/set that credentials expect; names are kept lower-case. */
function headerBag(initial: Record<string, string>): SignableRequest['headers'] & { all: Record<string, string> } {
  const all: Record<string, string> = {};
  for (const [k, v] of Object.entries(initial)) all[k.toLowerCase()] = v;
  return {
    all,
    set: (name, value) => void (all[name.toLowerCase()] = value),
    get: (name) => all[name.toLowerCase()],
  };
}

export interface ConnectorCall {
  method: 'GET' | 'POST' | 'PUT';
  url: URL;
  /** Absent for a GET. */
  body?: Buffer;
  /** Largest answer read (default 64 KB, enough for an id); a roster page of 500 members is larger. */
  maxResponseBytes?: number;
  signer: RequestSigner;
  /** The whole call, connection to last byte; beyond it the call ends as a timeout (it may have been delivered). */
  timeoutMs: number;
  userAgent: string;
}

/**
 * Makes one call (never retried here: the delivery engine owns retries) and resolves with the id
 * the channel gave the activity (and the parsed answer, for a GET such as the paged roster). Every failure is a SendError: the HTTP status with the channel's
 * error code and Retry-After, status 0 with the network error's code, or status 0 with code
 * `Timeout` when no answer came in time.
 */
export async function callConnector(call: ConnectorCall): Promise<{ id: string; json?: unknown }> {
  const headers = headerBag({
    ...(call.body
      ? { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': String(call.body.length) }
      : {}),
    Accept: 'application/json',
    'User-Agent': call.userAgent,
  });
  try {
    await call.signer.signRequest({ headers });
  } catch (err) {
    // No token (wrong secret, identity not yet propagated, identity endpoint down): nothing was sent.
    // Every call would fail alike, so the delivery engine stops the run and tries again in minutes.
    throw new SendError(0, TOKEN_FAILURE_CODE, undefined, `send failed: could not sign the request (${String(err)})`);
  }
  const https = call.url.protocol === 'https:';
  return new Promise<{ id: string; json?: unknown }>((resolve, reject) => {
    let settled = false;
    const fail = (err: SendError) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      reject(err);
    };
    const req = (https ? httpsRequest : httpRequest)(call.url, {
      method: call.method,
      headers: headers.all,
      agent: https ? AGENTS.https : AGENTS.http,
    });
    const timer = setTimeout(() => {
      fail(new SendError(0, SEND_TIMEOUT_CODE, undefined, `send failed: no answer within ${call.timeoutMs} ms`));
      req.destroy();
    }, call.timeoutMs);
    req.on('error', (err: NodeJS.ErrnoException) => {
      fail(new SendError(0, err.code ?? 'NetworkError', undefined, `send failed: ${err.code ?? err.message}`));
    });
    req.on('response', (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const maxBytes = call.maxResponseBytes ?? MAX_RESPONSE_BYTES;
      res.on('data', (chunk: Buffer) => {
        if (size < maxBytes) chunks.push(chunk);
        size += chunk.length;
      });
      res.on('error', (err: NodeJS.ErrnoException) => {
        fail(new SendError(0, err.code ?? 'NetworkError', undefined, `send failed: ${err.code ?? err.message}`));
      });
      res.on('end', () => {
        if (settled) return;
        const status = res.statusCode ?? 0;
        const text = Buffer.concat(chunks).toString('utf8');
        if (status >= 200 && status < 300) {
          settled = true;
          clearTimeout(timer);
          const json = parseJson(text);
          const id = (json as { id?: unknown } | undefined)?.id;
          // The answer itself only for a GET (a read); a send's answer is its id.
          resolve({ id: typeof id === 'string' ? id : '', ...(call.method === 'GET' ? { json } : {}) });
          return;
        }
        const retryAfter = res.headers['retry-after'];
        fail(
          new SendError(
            status,
            errorCodeOf(text),
            retryAfterMs(Array.isArray(retryAfter) ? retryAfter[0] : retryAfter),
            `send failed: ${status}`,
          ),
        );
      });
    });
    if (call.body) req.end(call.body);
    else req.end();
  });
}
