import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { ClientRequest } from 'node:http';
import { busiestSecond, callKindOf, type CallKind, type ConnectorDouble } from './connector-double';
import type { VirtualClock } from './virtual-clock';

/** A call that reached the connector double, stamped with the virtual clock's time. */
export interface ClockedCall {
  kind: CallKind;
  method: string;
  conversationId: string;
  /** The virtual clock's time (ms) when the call arrived. */
  at: number;
}

export interface ClockedConnector {
  /** Calls the double went on to answer (no 429 from the limit below), in arrival order. */
  accepted: ClockedCall[];
  /** Calls refused with 429 by `setRateLimit`. */
  refused: ClockedCall[];
  /** Teams' tenant-wide limit on the virtual clock: sends and updates beyond `perSecond` in any second get 429. */
  setRateLimit(limit: { perSecond: number; retryAfterSeconds?: number } | undefined): void;
  /** The most accepted calls of these kinds in any one-second window of the virtual clock. */
  maxPerSecond(kinds?: readonly CallKind[]): number;
  /** Forgets the calls logged so far and the rate limit. */
  reset(): void;
  /** Stops holding the clock for HTTP calls (the route stays, recording). */
  dispose(): void;
}

/**
 * Puts a connector double on a VirtualClock, for tests whose engine waits (tenant limiter, Retry-After)
 * run on that clock: every HTTP call this process makes to the double holds the clock still until it is
 * answered (so a call arrives at the virtual time it was let go), and every call that arrives is logged
 * with the clock's time, so calls per second are counted on the clock the limiter keeps to, however busy
 * the machine is. The double's own `accepted` times are real time, where a virtual second is an instant.
 */
export function clockConnector(clock: VirtualClock, connector: ConnectorDouble): ClockedConnector {
  const host = new URL(connector.url).host;
  const accepted: ClockedCall[] = [];
  const refused: ClockedCall[] = [];
  let limit: { perSecond: number; retryAfterSeconds?: number } | undefined;

  const onRequest = (message: unknown): void => {
    const request = (message as { request: ClientRequest }).request;
    if (request.getHeader('host') !== host) return;
    clock.hold(new Promise<void>((resolve) => request.once('close', () => resolve())));
  };
  subscribe('http.client.request.created', onRequest);

  connector.addRoute(({ method, parts }) => {
    const kind = callKindOf(method, parts);
    const call: ClockedCall = { kind, method, conversationId: parts[2] ?? '', at: clock.now };
    if (limit && (kind === 'send' || kind === 'update')) {
      const inLastSecond = accepted.filter(
        (a) => (a.kind === 'send' || a.kind === 'update') && call.at - a.at < 1000,
      ).length;
      if (inLastSecond >= limit.perSecond) {
        refused.push(call);
        return {
          status: 429,
          body: { error: { code: 'Throttled', message: 'rate limit' } },
          headers: { 'retry-after': String(limit.retryAfterSeconds ?? 1) },
        };
      }
    }
    accepted.push(call);
    return undefined; // the double answers it as usual
  });

  return {
    accepted,
    refused,
    setRateLimit: (l) => {
      limit = l;
    },
    maxPerSecond: (kinds = ['send', 'update', 'create', 'read']) =>
      busiestSecond(accepted.filter((a) => kinds.includes(a.kind)).map((a) => a.at)),
    reset: () => {
      accepted.length = 0;
      refused.length = 0;
      limit = undefined;
    },
    dispose: () => unsubscribe('http.client.request.created', onRequest),
  };
}
