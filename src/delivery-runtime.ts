import type { Config } from './config';
import type { CardRenderer } from './cards/render';
import { createStampedCards } from './cards/stamped-cards';
import type { Content } from './content/types';
import { courseLinkHolder, signCourseLink } from './conversation/course-links';
import { linkScope } from './conversation/course-opens';
import { countingGroupsOf } from './practice/practice-groups';
import { inviteReply } from './conversation/consent';
import { nudgeCourseIds, nudgeViewFor } from './conversation/nudge-view';
import { composeTeamNudge, pickTeamNudge } from './team/team-nudge-card';
import { welcomeCardData } from './cards';
import { retentionText } from './conversation/retention';
import { deliverToUserNow } from './delivery/deliver-now';
import type { Logger } from './logger';
import type { Store } from './store/port';
import { deliveryConfigFrom } from './delivery/delivery-config';
import { runTick } from './delivery/run-tick';
import { Scheduler } from './delivery/scheduler';
import { serialisedCard, type Sender } from './delivery/sender';
import { performance } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import { ConversationLimiter } from './delivery/conversation-limiter';
import type { Timing } from './delivery/tenant-limiter';
import { InstanceShare } from './delivery/instance-share';
import { TenantLimiters } from './delivery/tenant-limiters';
import type { ComposeNudge, DeliveryDeps, MetricsSink, RosterJobHandler, TickCounters } from './delivery/types';

export interface DeliveryRuntimeOptions {
  config: Config;
  store: Store;
  content: Content;
  cards: CardRenderer;
  sender: Sender;
  logger: Logger;
  now: () => Date;
  instanceId: string;
  metrics?: MetricsSink;
  /** What the engine does with team rosters it reads (src/team/roster-read.ts); none are read without it. */
  roster?: RosterJobHandler;
  /**
   * How the engine sleeps and reads elapsed time (limiter waits, backoff, Retry-After): real time
   * unless given. Tests of long fault scenarios pass a virtual clock so that a minute of backoff
   * takes no real time; nothing else changes.
   */
  timing?: Timing;
}

export interface DeliveryRuntime {
  deps: DeliveryDeps;
  /** The per-tenant limiters every outbound call of this process passes (weekly runs and clicks). */
  tenantLimiters: TenantLimiters;
  /** The per-conversation limits, shared likewise. */
  conversationLimiter: ConversationLimiter;
  /** Shares each tenant's limit with the other instances on the store (start with the app, stop with it). */
  instanceShare: InstanceShare;
  scheduler: Scheduler;
  /** One tick now (or as if at `at`). */
  tick(at?: Date): Promise<TickCounters>;
  /** What is due to one person now, through the engine's claim and the tenant's shared limiter. */
  deliverNow(userId: string): Promise<TickCounters>;
}

/** Wires the delivery engine to the real card renderer and the Teams sender. */
export function createDeliveryRuntime(options: DeliveryRuntimeOptions): DeliveryRuntime {
  const { content, cards } = options;
  // A person's nudge card depends on the nudge, their role, place and time for courses; the delivery id (its buttons' data) and
  // the organisation and practice (its course links) are stamped in: one template expansion per nudge and kind of person,
  // however many organisations and practices the bot serves.
  const nudgeCards = createStampedCards();
  const composeNudge: ComposeNudge = (recipient, nudge, delivery, practiceId) => {
    if (recipient.kind === 'team') {
      return composeTeamNudge(
        content,
        (name, data) => cards.render(name, data),
        nudge,
        delivery,
        options.config.minGroupSize,
      );
    }
    const person = { role: recipient.role ?? 'other', place: recipient.place, time: recipient.learningTime } as const;
    // Course links name the organisation and the person's practice (their opens count there; none: nothing
    // counts), as one scope stamped in like the tenant id, with a signature per course over it.
    const scope = linkScope(recipient.tenantId, practiceId);
    const linkKey = options.config.linkSigningKey;
    const courseIds = nudgeCourseIds({ content }, nudge, person);
    // ...and the person's holder reference, so each person's opens of a course count once a week.
    const holder = linkKey ? courseLinkHolder(linkKey, recipient.tenantId, recipient.id) : '';
    const signatures = linkKey ? courseIds.map((c) => signCourseLink(linkKey, c, scope, holder)) : [];
    const key = `${nudge.id}|${person.role}|${person.place ?? ''}|${person.time ?? ''}|${linkKey ? 'signed' : 'unsigned'}`;
    const card = nudgeCards.utf8(key, [delivery.id, scope, holder, ...signatures], ([id, linkScoped, held, ...sigs]) =>
      cards.render(
        'nudge',
        nudgeViewFor({ content }, nudge, id!, person, {
          baseUrl: options.config.publicBaseUrl,
          tenantId: linkScoped!,
          ...(linkKey ? { holder: held!, sign: (courseId: string) => sigs[courseIds.indexOf(courseId)] ?? '' } : {}),
        }),
      ),
    );
    return serialisedCard(`This week: ${nudge.title}`, card);
  };
  const timing: Timing = options.timing ?? { monotonicMs: () => performance.now(), sleep: (ms) => delay(ms) };
  const tenantLimiters = new TenantLimiters(options.config.tenantRateLimit, timing);
  const conversationLimiter = new ConversationLimiter(timing);
  const deps: DeliveryDeps = {
    tenantLimiters,
    conversationLimiter,
    monotonicMs: timing.monotonicMs,
    sleep: timing.sleep,
    store: options.store,
    nudges: content.nudges,
    sender: options.sender,
    roster: options.roster,
    composeNudge,
    // The practice a person's weekly card's course links count in: the first of theirs, as on every other card.
    practiceOf: async (tenantId, userId) => (await countingGroupsOf(options.store, tenantId, userId))[0]?.practiceId,
    composeConsent: (recipient, kind) => {
      // Someone who installed the bot themselves (or by an admin's setup policy) gets the full welcome
      // with the form to confirm their preferences; someone met in a team roster gets the short invite.
      if (kind === 'welcome' && recipient.consent?.via === 'install') {
        const prefs = {
          role: recipient.role ?? 'other',
          timeZone: recipient.schedule.timeZone,
          day: recipient.schedule.day,
          time: recipient.schedule.time,
          frequency: recipient.schedule.frequency,
          focus: recipient.focus,
          place: recipient.place,
          learningTime: recipient.learningTime,
        } as const;
        return {
          summary: 'Welcome to Leadership Nudges',
          card: cards.render('welcome', welcomeCardData(prefs, content, retentionText(options.config.retentionDays))),
        };
      }
      return inviteReply({ renderCard: (name, data) => cards.render(name, data), config: options.config }, kind);
    },
    teamNudgeFor: (behaviourId, deliveryId) => pickTeamNudge(content, behaviourId, deliveryId)?.id,
    now: options.now,
    instanceId: options.instanceId,
    logger: options.logger,
    metrics: options.metrics ?? { add: () => undefined },
    config: deliveryConfigFrom(options.config),
  };
  const tick = (at?: Date) => runTick(deps, { at });
  const scheduler = new Scheduler({ tick: (signal) => runTick(deps, { signal }), logger: options.logger });
  const deliverNow = (userId: string) => deliverToUserNow(deps, userId);
  const instanceShare = new InstanceShare(
    options.store,
    options.instanceId,
    tenantLimiters,
    options.now,
    options.logger,
  );
  return { deps, scheduler, tick, deliverNow, tenantLimiters, conversationLimiter, instanceShare };
}
