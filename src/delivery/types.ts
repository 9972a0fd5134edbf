import type { Nudge } from '../content/types';
import type { Logger } from '../logger';
import type { Store } from '../store/port';
import type { DeliveryRecord, RosterJobRecord, RosterMember } from '../domain';
import type { ConversationLimiter } from './conversation-limiter';
import type { Owner } from './owners';
import type { OutgoingCard, Sender } from './sender';
import type { TenantLimiters } from './tenant-limiters';

/** Where counters go (telemetry implements it). */
export interface MetricsSink {
  add(name: string, n: number): void;
}

/**
 * Builds the card for one nudge to one owner; the composition root wires the real card renderer.
 * `practiceId` is the person's practice (practiceOf), which their card's course links count in.
 */
export type ComposeNudge = (
  recipient: Owner,
  nudge: Nudge,
  delivery: DeliveryRecord,
  practiceId?: string,
) => OutgoingCard;

/** The practice a person's opens of course links count in (their first practice), or undefined for none. */
export type PracticeOf = (tenantId: string, userId: string) => Promise<string | undefined>;

/** The two messages someone who has not pressed Start can get: the welcome, and one reminder a week later. */
export type ConsentMessageKind = 'welcome' | 'reminder';

/** Builds the welcome (Start my nudges / No thanks) or the reminder card for a person; wired by the composition root. */
export type ComposeConsent = (recipient: Owner, kind: ConsentMessageKind) => OutgoingCard;

/** Points in a delivery's life where tests can make the process "crash" (throw). */
export type FaultPoint = 'after-claim' | 'after-sending' | 'after-send';

/**
 * What the team module does with a roster the engine reads for it (wired by the composition root:
 * src/team/roster-read.ts): apply one page of members, and after the last page take out those who left.
 */
export interface RosterJobHandler {
  /** Undefined when the team no longer has the bot (removed, deleted, archived): the read stops. */
  applyPage(job: RosterJobRecord, members: readonly RosterMember[]): Promise<RosterJobRecord['counts'] | undefined>;
  finish(job: RosterJobRecord): Promise<number>;
}

/** Tunables of the delivery engine. `deliveryConfigFrom` gives the defaults. */
export interface DeliveryConfig {
  /** Teams' per-app-per-tenant limit, requests per second; 0 = no limit (benchmarks only). */
  tenantRateLimit: number;
  /** A slot missed by less than this is still sent once; older ones are recorded as missed. */
  catchUpGraceHours: number;
  /** How long a claim on one delivery lasts before another instance may take it over. */
  deliveryLeaseMs: number;
  /** How long the per-tenant sender lease lasts without renewal. */
  senderLeaseMs: number;
  /** Use the per-tenant sender lease (one instance sends for a tenant at a time). */
  useSenderLease: boolean;
  /** Owners read per due-query page. */
  pageSize: number;
  /** Sends in flight at once per tenant. */
  concurrencyPerTenant: number;
  /**
   * Owners read but not yet finished, per tenant (bounds memory). A tenant at the bound does not hold
   * up the due read for the others: the rest of its owners come from a read of its own.
   */
  maxQueued: number;
  /** Send attempts per delivery before it is 'failed'. */
  maxAttempts: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** How far back self-ratings count towards the choice of nudge. */
  ratingsWindowDays: number;
}

/** Everything the engine needs, injected (no globals). */
export interface DeliveryDeps {
  store: Store;
  nudges: readonly Nudge[];
  sender: Sender;
  composeNudge: ComposeNudge;
  /**
   * Looks up a person's practice before their nudge card is composed (per person nudge: one small query
   * of their roster records, and for someone in a practice team a point read of the team's link and
   * of the practice); without it, or when it fails, the card's course links name no practice and count nothing.
   */
  practiceOf?: PracticeOf;
  /** The consent messages' cards; without it, welcomes and reminders are recorded 'failed' (no card). */
  composeConsent?: ComposeConsent;
  /** Business time: due times, leases. */
  now: () => Date;
  instanceId: string;
  logger: Logger;
  metrics: MetricsSink;
  config: DeliveryConfig;
  /**
   * The team nudge to post for a team delivery of a behaviour, recorded on the delivery when it is
   * claimed so a team poll answer can be checked against it. Undefined: none recorded.
   */
  teamNudgeFor?: (behaviourId: string, deliveryId: string) => string | undefined;
  /** Mixed into every selection seed; change it to reshuffle choices. */
  seed?: string;
  /** Elapsed-time clock for the limiter and backoff (default performance.now). */
  monotonicMs?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Random source for backoff jitter (default Math.random). */
  random?: () => number;
  /**
   * Per-tenant limits shared across ticks and with the card updates of clicks (default: new ones per
   * tick, with the interactive reserve kept free all the same).
   */
  tenantLimiters?: TenantLimiters;
  /** Per-conversation limits shared across ticks (default: a new one per tick). */
  conversationLimiter?: ConversationLimiter;
  /** Reads team rosters queued by the team module (src/delivery/roster-jobs.ts); without it none are read. */
  roster?: RosterJobHandler;
  /** Test hook: called after a roster page is applied and before its cursor is saved; throwing simulates a crash. */
  rosterFault?: (job: RosterJobRecord) => void;
  /** Test hook: called at each FaultPoint; throwing simulates a crash there. */
  fault?: (point: FaultPoint, delivery: DeliveryRecord) => void;
}

/** What one tick did, logged as one JSON line and sent to metrics. */
export interface TickCounters {
  due: number;
  claimed: number;
  sent: number;
  retried: number;
  failed: number;
  inactive: number;
  unknown: number;
  missed: number;
  skipped: number;
  /** Owners left for another instance: their tenant's sender lease or their delivery claim was held elsewhere. */
  busy: number;
  /** 429 answers received. */
  throttled: number;
  /** Claims given back unsent, to be tried again (the bot's own fault, a paused tenant, a welcome retried later). */
  released: number;
  durationMs: number;
}

/** A fresh set of zero counters. */
export function emptyCounters(): TickCounters {
  return {
    due: 0,
    claimed: 0,
    sent: 0,
    retried: 0,
    failed: 0,
    inactive: 0,
    unknown: 0,
    missed: 0,
    skipped: 0,
    busy: 0,
    throttled: 0,
    released: 0,
    durationMs: 0,
  };
}
