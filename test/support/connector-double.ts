import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local fake of the Teams Bot Connector REST API (the part a bot calls: send, reply, update,
 * create conversation). It records everything the bot sends and can be told to answer like Teams
 * does under pressure: 429 with Retry-After, 5xx, slow answers, a tenant-wide rate limit, and
 * Teams' documented refusals with their real bodies (TEAMS_ERRORS: the 403 `errorCode` 209 shape with
 * the sub-code inside `message`, and the `{"error":{"code"}}` shape; AUTHORIZATION_DENIED: the bare 401).
 * Fault rules answer sends and updates unless their `on` names other kinds of call too: create-
 * conversation (`throttledCreate`, a per-member refusal) or every call (`deniedAuthorization`). Every
 * accepted call is logged with the double's own clock, to count calls per second (`accepted`).
 */

export interface RecordedActivity {
  method: 'POST' | 'PUT';
  conversationId: string;
  /** Set for replies (POST .../activities/:replyToId) and updates (PUT .../activities/:id). */
  activityId?: string;
  /** The id the double gave to the new activity (POST) or the updated activity id (PUT). */
  assignedId: string;
  body: Record<string, unknown>;
  at: number;
  /** The Authorization header the call carried, if any. */
  authorization?: string;
}

/**
 * The first reply (a POST answering an incoming activity) in `list` from index `from` on. A test that
 * posts one message and reads "the next activity" can otherwise pick up a welcome or a card update
 * still on its way from an earlier step.
 */
export function firstReply(list: readonly RecordedActivity[], from = 0): RecordedActivity | undefined {
  return list.slice(from).find((a) => a.method === 'POST' && a.activityId !== undefined);
}

/** The kinds of Bot Connector call the double tells apart. */
export type CallKind = 'send' | 'update' | 'create' | 'read';

/** The kind of a Bot Connector call, from its method and its path's parts (`v3`, `conversations`, ...). */
export function callKindOf(method: string, parts: readonly string[]): CallKind {
  if (parts.length === 2 && method === 'POST') return 'create';
  if (method === 'GET') return 'read';
  return method === 'PUT' ? 'update' : 'send';
}

/** The most of `times` (ms, ascending) that fall in any one-second window. */
export function busiestSecond(times: readonly number[]): number {
  let best = 0;
  for (let start = 0, end = 0; end < times.length; end++) {
    while (times[end]! - times[start]! >= 1000) start++;
    best = Math.max(best, end - start + 1);
  }
  return best;
}

/** A call as a fault rule's `match` sees it. */
export interface FaultCall {
  method: string;
  kind: CallKind;
  /** The conversation written to or read; '' for create-conversation. */
  conversationId: string;
  /** Create-conversation only: the member the 1:1 chat is asked for (`members[0].id`). */
  member?: string;
  body: Record<string, unknown>;
}

export interface FaultRule {
  /** Which calls the rule applies to (within `on`). Default: all of them. */
  match?: (call: FaultCall) => boolean;
  /** The kinds of call the rule can answer. Default: sends and updates only. */
  on?: readonly CallKind[];
  status: number;
  /** Seconds, sent as Retry-After on 429. */
  retryAfter?: number;
  code?: string;
  /** How many matching calls to fail; Infinity for all. */
  times: number;
  /** Probability (0..1) a matching call fails; default 1. */
  probability?: number;
  /** Delay before answering (ms), e.g. beyond the client's timeout. */
  delayMs?: number;
  /** Holds the call until this settles (then applies the rest of the rule): a call as slow as the test needs. */
  until?: Promise<unknown>;
  /** The exact error body to answer with (e.g. one of TEAMS_ERRORS); default `{"error":{"code":...}}`. */
  body?: unknown;
}

/** Teams' documented refusal: the status and the body exactly as Teams sends it. */
export interface TeamsError {
  status: number;
  body: unknown;
}

/**
 * The 403 Teams documents for a bot the person blocked or removed (Learn "Send proactive messages"):
 * `errorCode` 209 and the real reason as `subCode` inside the JSON string `message`.
 */
function errorCode209(subCode: string, details: string): TeamsError {
  return {
    status: 403,
    body: {
      errorCode: 209,
      message: JSON.stringify({ subCode, details, errorCode: null, errorSubCode: null }, null, 2).replace(
        /\n/g,
        '\r\n',
      ),
    },
  };
}

/** The `{"error":{"code","message"}}` shape of the Bot API status-code table (msteams-docs "Bot API status codes"). */
function errorObject(status: number, code: string, message: string): TeamsError {
  return { status, body: { error: { code, message } } };
}

/** Teams' documented refusals of a bot's message, as a fault rule's status and body. */
export const TEAMS_ERRORS = {
  MessageWritesBlocked: errorCode209('MessageWritesBlocked', 'Thread is blocked from message writes.'),
  ConversationBlockedByUser: errorObject(
    403,
    'ConversationBlockedByUser',
    'User blocked the conversation with the bot.',
  ),
  BotNotInConversationRoster: errorObject(
    403,
    'BotNotInConversationRoster',
    'The bot is not part of the conversation roster.',
  ),
  BotDisabledByAdmin: errorObject(403, 'BotDisabledByAdmin', 'The tenant admin disabled this bot.'),
  ConversationNotFound: errorObject(404, 'ConversationNotFound', 'Conversation not found.'),
  MessageSizeTooBig: errorObject(413, 'MessageSizeTooBig', 'Message size too large.'),
  BotNotRegistered: errorObject(401, 'BotNotRegistered', 'No registration found for this bot.'),
  ForbiddenOperationException: errorObject(
    403,
    'ForbiddenOperationException',
    "Bot isn't installed in user's personal scope",
  ),
  NotEnoughPermissions: errorObject(403, 'NotEnoughPermissions', "Bot doesn't have required permissions"),
} as const satisfies Record<string, TeamsError>;

/**
 * The 401 the Bot Connector answers when it rejects the bot's token (wrong app id or secret, or an
 * identity not allowed in the tenant): no `error.code`, only this message (msteams-docs#11153).
 */
export const AUTHORIZATION_DENIED: TeamsError = {
  status: 401,
  body: { message: 'Authorization has been denied for this request.' },
};

/** Every call of every kind (sends, updates, create-conversation, roster reads) answered 401 for `times` calls. */
export function deniedAuthorization(rule: Omit<FaultRule, 'status' | 'body' | 'on'> = { times: Infinity }): FaultRule {
  return { ...rule, on: ['send', 'update', 'create', 'read'], ...AUTHORIZATION_DENIED };
}

/**
 * Create-conversation answered 429 with Retry-After (the documented throttling shape) for `times`
 * calls, for one member or all.
 */
export function throttledCreate(times: number, options: { member?: string; retryAfter?: number } = {}): FaultRule {
  return {
    on: ['create'],
    times,
    status: 429,
    retryAfter: options.retryAfter ?? 1,
    body: { error: { code: 'Throttled', message: 'Too many requests' } },
    match: options.member === undefined ? undefined : (c) => c.member === options.member,
  };
}

export type TeamsErrorCode = keyof typeof TEAMS_ERRORS;

/** A fault rule answering `times` matching calls with Teams' documented refusal `code`. */
export function teamsRefusal(code: TeamsErrorCode, rule: Omit<FaultRule, 'status' | 'body'> = { times: 1 }): FaultRule {
  return { ...rule, status: TEAMS_ERRORS[code].status, body: TEAMS_ERRORS[code].body };
}

/** A call as an extra route sees it (see test/support/connector-roster.ts). */
export interface ConnectorCall {
  method: string;
  /** Path segments after the host, decoded: ['v3', 'conversations', ...]. */
  parts: string[];
  query: URLSearchParams;
  body: Record<string, unknown>;
}

/** An answer from an extra route; undefined lets the double handle the call itself. */
export type ConnectorRoute = (
  call: ConnectorCall,
) => { status: number; body: unknown; headers?: Record<string, string> } | undefined;

const DEFAULT_FAULT_KINDS: readonly CallKind[] = ['send', 'update'];

export interface RateLimit {
  /** Max accepted sends per rolling second across all conversations; beyond gets 429. */
  perSecond: number;
  retryAfterSeconds?: number;
}

export interface ConnectorDouble {
  url: string;
  activities: RecordedActivity[];
  /** Calls refused with an error status, for assertions (`kind` and `member` set for create-conversation faults). */
  refused: { status: number; conversationId: string; at: number; kind?: CallKind; member?: string }[];
  /** Every call answered with success, of every kind (the double's own clock, ms), for counting rates. */
  accepted: { kind: CallKind; at: number; conversationId: string }[];
  /** The most calls of these kinds accepted in any one-second window of the double's clock. */
  maxAcceptedPerSecond(kinds?: readonly CallKind[]): number;
  addFault(rule: FaultRule): void;
  /** Serves more of the Bot Connector API (paged members, create conversation...) ahead of the built-in routes. */
  addRoute(route: ConnectorRoute): void;
  clearFaults(): void;
  setRateLimit(limit: RateLimit | undefined): void;
  /** Every accepted POST/PUT to this conversation. */
  sentTo(conversationId: string): RecordedActivity[];
  /** Resolves when at least n activities have been recorded (or rejects after timeoutMs). */
  waitFor(n: number, timeoutMs?: number): Promise<void>;
  /** The most accepted sends in any one-second window (sliding, by arrival time). */
  maxPerSecond(): number;
  reset(): void;
  close(): Promise<void>;
}

export async function startConnectorDouble(
  options: { port?: number; seed?: number; keepAliveTimeoutMs?: number } = {},
): Promise<ConnectorDouble> {
  const activities: RecordedActivity[] = [];
  const refused: ConnectorDouble['refused'] = [];
  const accepted: ConnectorDouble['accepted'] = [];
  let faults: (FaultRule & { used: number })[] = [];
  let rate: RateLimit | undefined;
  const acceptedTimes: number[] = [];
  let nextId = 1;
  let randomState = options.seed ?? 12345;
  const random = (): number => {
    // mulberry32: deterministic so fault tests are repeatable
    randomState |= 0;
    randomState = (randomState + 0x6d2b79f5) | 0;
    let t = Math.imul(randomState ^ (randomState >>> 15), 1 | randomState);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const waiters: { n: number; resolve: () => void }[] = [];
  const routes: ConnectorRoute[] = [];

  const sendJson = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void => {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(text);
  };

  const readBody = (req: IncomingMessage): Promise<Record<string, unknown>> =>
    new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        try {
          resolve(raw ? (JSON.parse(raw) as Record<string, unknown>) : {});
        } catch (e) {
          reject(e);
        }
      });
      req.on('error', reject);
    });

  const countInLastSecond = (now: number): number => {
    let n = 0;
    for (let i = acceptedTimes.length - 1; i >= 0; i--) {
      const t = acceptedTimes[i] as number;
      if (now - t >= 1000) break;
      n++;
    }
    return n;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    // /v3/conversations[/:id/activities[/:activityId]]
    if (parts[0] !== 'v3' || parts[1] !== 'conversations') return sendJson(res, 404, { error: { code: 'NotFound' } });
    const body = await readBody(req);
    const method = req.method ?? 'GET';
    const kind = callKindOf(method, parts);
    const member = kind === 'create' ? (body.members as { id?: string }[] | undefined)?.[0]?.id : undefined;
    const faultCall: FaultCall = { method, kind, conversationId: parts[2] ?? '', member, body };
    for (const rule of faults) {
      if (rule.used >= rule.times) continue;
      if (!(rule.on ?? DEFAULT_FAULT_KINDS).includes(kind)) continue;
      if (rule.match && !rule.match(faultCall)) continue;
      if (rule.probability !== undefined && random() >= rule.probability) continue;
      rule.used++;
      if (rule.delayMs) await new Promise((r) => setTimeout(r, rule.delayMs));
      if (rule.until) await rule.until.catch(() => undefined);
      if (rule.status >= 200 && rule.status < 300) break; // a delay-only rule
      refused.push({
        status: rule.status,
        conversationId: faultCall.conversationId,
        at: Date.now(),
        ...(kind === 'create' ? { kind, member } : {}),
      });
      const headers: Record<string, string> = {};
      if (rule.retryAfter !== undefined) headers['retry-after'] = String(rule.retryAfter);
      return sendJson(
        res,
        rule.status,
        rule.body ?? { error: { code: rule.code ?? `Status${rule.status}`, message: 'injected' } },
        headers,
      );
    }
    for (const route of routes) {
      const answer = route({ method, parts, query: url.searchParams, body });
      if (answer) {
        if (answer.status >= 200 && answer.status < 300) {
          accepted.push({ kind, at: Date.now(), conversationId: faultCall.conversationId });
        }
        return sendJson(res, answer.status, answer.body, answer.headers);
      }
    }
    if (kind === 'create') {
      const id = `a:conv-${nextId++}`;
      accepted.push({ kind, at: Date.now(), conversationId: id });
      return sendJson(res, 201, { id, activityId: body.activity ? `act-${nextId++}` : undefined });
    }
    const conversationId = parts[2] ?? '';
    if (parts[3] === 'members' && req.method === 'GET') {
      accepted.push({ kind, at: Date.now(), conversationId });
      return sendJson(res, 200, []);
    }
    if (parts[3] !== 'activities' || (req.method !== 'POST' && req.method !== 'PUT')) {
      return sendJson(res, 404, { error: { code: 'NotFound' } });
    }
    const now = Date.now();
    if (rate && countInLastSecond(now) >= rate.perSecond) {
      refused.push({ status: 429, conversationId, at: now });
      return sendJson(
        res,
        429,
        { error: { code: 'Throttled', message: 'rate limit' } },
        { 'retry-after': String(rate.retryAfterSeconds ?? 1) },
      );
    }
    acceptedTimes.push(now);
    accepted.push({ kind, at: now, conversationId });
    const assignedId = method === 'PUT' ? (parts[4] ?? '') : `act-${nextId++}`;
    activities.push({
      method: method as 'POST' | 'PUT',
      conversationId,
      activityId: parts[4],
      assignedId,
      body,
      at: now,
      authorization: req.headers.authorization,
    });
    for (const w of [...waiters]) {
      if (activities.length >= w.n) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    }
    return sendJson(res, method === 'PUT' ? 200 : 201, { id: assignedId });
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) sendJson(res, 400, { error: { code: 'BadRequest' } });
    });
  });
  // Node clients drop a keep-alive socket whose server hint is 1 s or less, so the 1 s default means
  // one connection per request; the benchmark passes a longer time, as Teams' connector keeps them.
  server.keepAliveTimeout = options.keepAliveTimeoutMs ?? 1000;
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/`,
    activities,
    refused,
    accepted,
    maxAcceptedPerSecond: (kinds = ['send', 'update', 'create', 'read']) => {
      const times = accepted.filter((a) => kinds.includes(a.kind)).map((a) => a.at);
      let best = 0;
      let start = 0;
      for (let end = 0; end < times.length; end++) {
        while ((times[end] as number) - (times[start] as number) >= 1000) start++;
        best = Math.max(best, end - start + 1);
      }
      return best;
    },
    addFault: (rule) => faults.push({ ...rule, used: 0 }),
    addRoute: (route) => routes.push(route),
    clearFaults: () => {
      faults = [];
    },
    setRateLimit: (limit) => {
      rate = limit;
    },
    sentTo: (conversationId) => activities.filter((a) => a.conversationId === conversationId),
    waitFor: (n, timeoutMs = 10000) =>
      activities.length >= n
        ? Promise.resolve()
        : new Promise<void>((resolve, reject) => {
            const timer = setTimeout(
              () => reject(new Error(`connector double: waited for ${n} activities, got ${activities.length}`)),
              timeoutMs,
            );
            waiters.push({
              n,
              resolve: () => {
                clearTimeout(timer);
                resolve();
              },
            });
          }),
    maxPerSecond: () => busiestSecond(acceptedTimes),
    reset: () => {
      activities.length = 0;
      refused.length = 0;
      accepted.length = 0;
      acceptedTimes.length = 0;
      faults = [];
      rate = undefined;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
