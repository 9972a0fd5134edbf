import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PERSONAL_VERBS } from '../../src/cards/verbs';
import { loadContent } from '../../src/content/load';
import Database from 'better-sqlite3';
import { createEmbeddedStore } from '../../src/store/embedded/embedded-store';
import { practiceGroupId, type AggregateRecord, type DeliveryRecord } from '../../src/domain';
import { seedPractice } from '../practice/seed-practice';
import {
  cardActionActivity,
  installActivity,
  messageActivity,
  person,
  TENANT,
  type ActivityJson,
  type Person,
  startNudgesActivity,
} from '../support/activities';
import { cardOf, cardText, startHarness, type Harness } from '../support/bot-harness';
import { readNudgeCard, reflectionSave, type NudgeOnCard } from '../support/nudged-person';
import { STORE_KINDS, type StoreKind } from '../support/stores';
import {
  botAddedToTeam,
  channelCardAction,
  channelMessage,
  teamChannel,
  type TeamChannel,
} from '../team/team-activities';
import { storeFor } from '../team/test-stores';
import { sentDelivery } from '../support/sent-delivery';

/**
 * The privacy promises played against a determined colleague (issue 14): every case drives the real
 * bot over HTTP (and the connector double standing in for Teams), on both stores, and looks only at
 * what an attacker could see or what ended up stored.
 */

const content = loadContent();
const FOREIGN = '99999999-0000-0000-0000-000000000009';
type InvokeBody = { statusCode: number; value: Record<string, unknown> };

const invokeCard = (res: { body: unknown }): Record<string, unknown> => (res.body as InvokeBody).value;

describe.each<StoreKind>(STORE_KINDS)('privacy attacks (%s store)', (kind) => {
  let h: Harness;
  let clock = new Date('2026-11-26T10:00:00.000Z');
  const tick = (ms = 1000) => {
    clock = new Date(clock.getTime() + ms);
  };

  beforeAll(async () => {
    h = await startHarness({ store: storeFor(kind), now: () => clock, env: { ALLOWED_TENANTS: TENANT } });
  });
  afterAll(async () => h.close());

  const sentCard = (p: Person) => cardOf(h.connector.sentTo(p.conversationId).at(-1));

  /**
   * The same nudge reaching `p` `times` times: the card a "nudge" request brings, then that nudge again
   * as later weekly deliveries (as the weekly run stores them once sent), each with its own delivery id.
   */
  async function sameNudgeTimes(p: Person, times: number): Promise<NudgeOnCard[]> {
    tick();
    expect((await h.post(messageActivity(p, h.connector.url, 'nudge'))).status).toBe(200);
    const first = readNudgeCard(sentCard(p), p);
    const nudge = content.nudges.find((n) => n.id === first.nudgeId)!;
    const cards = [first];
    for (let week = 1; week < times; week++) {
      tick();
      const delivery = sentDelivery(p, nudge, `2026-W${48 + week}`, clock.toISOString());
      await h.app.store.deliveries.create(delivery);
      cards.push({ ...first, deliveryId: delivery.id });
    }
    return cards;
  }

  const answerOn = (n: NudgeOnCard, optionId: string, rating?: string) =>
    h.post(
      cardActionActivity(n.person, h.connector.url, 'poll.answer', {
        deliveryId: n.deliveryId,
        nudgeId: n.nudgeId,
        pollId: n.pollId,
        optionId,
        ...(rating ? { rating } : {}),
      }),
    );

  describe('one person answering one poll many times', () => {
    it('counts the person once, however many deliveries of the nudge they answer', async () => {
      const attacker = person(9101);
      await h.post(installActivity(attacker, h.connector.url));
      const practiceId = await seedPractice(h.app.store, {
        tenantId: TENANT,
        teamId: '19:team-9101@thread.tacv2',
        name: 'Attacker practice',
        leadId: attacker.aadObjectId,
        members: [attacker.aadObjectId],
      });
      const group = practiceGroupId(practiceId);
      const cards = await sameNudgeTimes(attacker, 5);
      let last: Record<string, unknown> = {};
      for (const [i, c] of cards.entries()) {
        tick();
        last = invokeCard(await answerOn(c, c.optionIds[i % 2]!));
      }
      const text = cardText(last);
      expect(text).not.toMatch(/Results from/);
      expect(text).toMatch(/4 more needed/);
      const agg = (await h.app.store.aggregates.get(group, `${group}|${cards[0]!.pollId}`)) as AggregateRecord;
      expect(agg.total).toBe(1);
      expect(agg.published).toBeUndefined();
    });
  });

  describe('the team poll', () => {
    const where: TeamChannel = teamChannel(91);
    const members = Array.from({ length: 12 }, (_, i) => person(9200 + i));
    let delivery: DeliveryRecord = {} as DeliveryRecord;
    let data: Record<string, unknown> = {};
    let options: string[];

    beforeAll(async () => {
      await h.post(botAddedToTeam(h.connector.url, where));
      clock = new Date('2026-11-30T09:00:30.000Z');
      await h.app.delivery.tick(clock);
      delivery = ((await h.app.store.deliveries.query({ partitionKey: where.teamId })) as DeliveryRecord[])[0]!;
      const posted = h.connector.sentTo(where.channelId).find((a) => a.assignedId === delivery.activityId);
      const body = JSON.stringify(cardOf(posted));
      data = JSON.parse(/"verb":"team.poll.answer","style":"positive","data":(\{[^}]*\})/.exec(body)![1]!) as Record<
        string,
        unknown
      >;
      options = [...body.matchAll(/\{"title":"[^"]*","value":"([^"]+)"\}/g)].map((m) => m[1]!);
    });

    const teamAnswer = (p: Person, optionId: string, extra: Record<string, unknown> = {}) =>
      h.post(channelCardAction(p, h.connector.url, where, 'team.poll.answer', { ...data, optionId, ...extra }));
    /** The shared channel card as it stands once the follow-up queue (after the invoke) has written it. */
    const sharedCard = async () => {
      // The answer's turn queues the channel card's update before the invoke is answered.
      await h.app.followUps.settled();
      return cardText(
        cardOf(
          h.connector
            .sentTo(where.channelId)
            .filter((a) => a.method === 'PUT')
            .at(-1),
        ),
      );
    };

    it('records the team nudge posted on the delivery, server side', () => {
      expect(delivery.teamNudgeId).toBe(data.nudgeId);
    });

    it('refuses card data naming another team nudge of the same behaviour, and moves no count', async () => {
      const other = (content.teamNudges ?? []).find(
        (n) => n.behaviour === delivery.behaviourId && n.id !== delivery.teamNudgeId,
      )!;
      const res = await teamAnswer(members[0]!, other.poll.options[0]!.id, {
        nudgeId: other.id,
        pollId: other.poll.id,
      });
      expect(cardText(invokeCard(res))).toMatch(/does not belong to this team poll/);
      expect(await h.app.store.aggregates.count({ partitionKey: where.teamId })).toBe(0);
      expect(await h.app.store.responses.count({ partitionKey: members[0]!.aadObjectId })).toBe(0);
    });

    it('lets a watcher learn nothing from the shared card when one more person answers', async () => {
      for (const p of members.slice(0, 5)) await teamAnswer(p, options[0]!);
      const atFive = await sharedCard();
      expect(atFive).toMatch(/Team results: 5 people/);
      const watcherBefore = cardText(invokeCard(await teamAnswer(members[0]!, options[0]!)));
      // the sixth person answers something else: neither the shared card nor the watcher's own changes
      await teamAnswer(members[5]!, options[1]!);
      expect(await sharedCard()).toBe(atFive);
      expect(cardText(invokeCard(await teamAnswer(members[0]!, options[0]!)))).toBe(watcherBefore);
      // a member switching answers back and forth moves only their own vote, and shows nothing either
      for (const o of [options[1]!, options[0]!, options[1]!]) await teamAnswer(members[1]!, o);
      expect(await sharedCard()).toBe(atFive);
      // only when five more people are counted does the card refresh, for everyone at once
      for (const p of members.slice(6, 10)) await teamAnswer(p, options[0]!);
      expect(await sharedCard()).toMatch(/Team results: 10 people/);
      const agg = (await h.app.store.aggregates.query({ partitionKey: where.teamId })) as AggregateRecord[];
      expect(agg).toHaveLength(1);
      expect(agg[0]!.total).toBe(10);
    });

    it('keeps the team insights card the same when one more person answers, and shows no organisation figures', async () => {
      // replies to a channel message go to its thread: `${channelId};messageid=...`
      const inChannel = () =>
        h.connector.activities.filter((a) => a.method === 'POST' && a.conversationId.startsWith(where.channelId));
      const insights = async () => {
        const before = inChannel().length;
        await h.post(channelMessage(members[0]!, h.connector.url, where, 'insights'));
        return cardText(cardOf(inChannel()[before]));
      };
      const before = await insights();
      await teamAnswer(members[10]!, options[1]!);
      expect(await insights()).toBe(before);
      expect(before).not.toMatch(/opens/);
    });
  });

  describe('insights windows', () => {
    const VIEWER = person(9300);
    const nudge = content.nudges[0]!;
    const people = Array.from({ length: 6 }, (_, i) => person(9310 + i));

    /** A delivery of `nudge` to `p` as the weekly run stores it (the person then answers over HTTP). */
    async function deliveredTo(p: Person, at: Date): Promise<NudgeOnCard> {
      const id = `${p.aadObjectId}|seed-${at.toISOString()}`;
      await h.app.store.deliveries.create({
        id,
        ownerId: p.aadObjectId,
        ownerKind: 'user',
        tenantId: p.tenantId,
        period: 'seed',
        kind: 'scheduled',
        nudgeId: nudge.id,
        behaviourId: nudge.behaviour,
        state: 'sent',
        attempts: 1,
        dueAt: at.toISOString(),
        createdAt: at.toISOString(),
        updatedAt: at.toISOString(),
        sentAt: at.toISOString(),
      });
      return {
        person: p,
        deliveryId: id,
        nudgeId: nudge.id,
        pollId: nudge.poll.id,
        optionIds: nudge.poll.options.map((o) => o.id),
      };
    }

    it('never lets the 4-week and 12-week columns, or two days of them, differ by one person', async () => {
      const h2 = await startHarness({
        store: storeFor(kind),
        now: () => clock,
        env: { INSIGHTS_VIEWERS: VIEWER.aadObjectId },
      });
      const insights = async () => {
        const before = h2.connector.sentTo(VIEWER.conversationId).filter((a) => a.method === 'POST').length;
        await h2.post(messageActivity(VIEWER, h2.connector.url, 'insights'));
        return cardText(cardOf(h2.connector.sentTo(VIEWER.conversationId).filter((a) => a.method === 'POST')[before]));
      };
      try {
        const saved = h;
        h = h2;
        await h2.post(installActivity(VIEWER, h2.connector.url));
        // one practice: the viewer (INSIGHTS_VIEWERS, the operator's override) sees it as its leads do
        await seedPractice(h2.app.store, {
          tenantId: TENANT,
          teamId: '19:team-9300@thread.tacv2',
          name: 'Windows practice',
          leadId: people[0]!.aadObjectId,
          members: people.map((p) => p.aadObjectId),
        });
        clock = new Date('2026-10-12T10:00:00.000Z'); // 7 weeks before
        for (const p of people.slice(0, 5)) {
          await h2.post(installActivity(p, h2.connector.url));
          tick();
          await answerOn(await deliveredTo(p, clock), nudge.poll.options[0]!.id, '4');
        }
        clock = new Date('2026-11-30T10:00:00.000Z');
        const before = await insights();
        const victim = people[5]!;
        await h2.post(installActivity(victim, h2.connector.url));
        await answerOn(await deliveredTo(victim, clock), nudge.poll.options[1]!.id, '1');
        const after = await insights();
        h = saved;
        // the victim's answer and rating appear in neither window, on no day (deliveries may change:
        // that someone got a nudge is no answer)
        const answerFigures = (text: string) => text.slice(text.indexOf('Poll answers'));
        expect(answerFigures(after)).toBe(answerFigures(before));
        expect(after).toMatch(/self-rating 4\.0\/5/);
        expect(after).not.toMatch(/self-rating 3\.5/);
        // the two columns: the older snapshot counts in the 12-week column only, as a whole
        const row = after.split('\n');
        const answersAt = row.findIndex((l) => l.startsWith('Poll answers'));
        expect(row.slice(answersAt + 1, answersAt + 3)).toEqual(['fewer than 5', '5']);
      } finally {
        await h2.close();
      }
    });
  });

  describe('personal verbs outside personal chat', () => {
    const owner = person(9400);
    const SECRET = 'PRIVATE-NOTE: I struggled with my manager';
    let nudgeCard: NudgeOnCard;
    const where: TeamChannel = teamChannel(94);
    const groupChat = { conversationType: 'groupChat', isGroup: true, id: '19:group-94@thread.v2', tenantId: TENANT };

    beforeAll(async () => {
      await h.post(installActivity(owner, h.connector.url));
      tick();
      await h.post(messageActivity(owner, h.connector.url, 'nudge'));
      nudgeCard = readNudgeCard(sentCard(owner), owner);
      await h.post(reflectionSave(h, nudgeCard, SECRET));
    });

    const dataFor = (verb: string) => ({
      verb,
      deliveryId: nudgeCard.deliveryId,
      nudgeId: nudgeCard.nudgeId,
      pollId: nudgeCard.pollId,
      optionId: nudgeCard.optionIds[0],
      reflection: 'posted from a channel',
    });

    const inGroupChat = (a: ActivityJson): ActivityJson => ({
      ...a,
      conversation: groupChat,
      channelData: { tenant: { id: TENANT } },
    });

    const places: [string, (verb: string) => ActivityJson[]][] = [
      [
        'a team channel',
        (verb) => [
          channelCardAction(owner, h.connector.url, where, verb, dataFor(verb)),
          // Action.Submit: the card's data as a message value, replying to the clicked card's message
          {
            ...channelMessage(owner, h.connector.url, where, ''),
            text: '',
            value: dataFor(verb),
            replyToId: '1700000000999',
          },
        ],
      ],
      [
        'a group chat',
        (verb) => [
          inGroupChat(cardActionActivity(owner, h.connector.url, verb, dataFor(verb))),
          inGroupChat(
            messageActivity(owner, h.connector.url, '', { value: dataFor(verb), replyToId: '1700000000998' }),
          ),
        ],
      ],
    ];

    it('covers every personal verb', () => {
      expect(PERSONAL_VERBS).toEqual(expect.arrayContaining(['history.show', 'data.export', 'settings.show']));
      expect(PERSONAL_VERBS.some((v) => v.startsWith('team.'))).toBe(false);
    });

    it.each(places)(
      'answers every personal verb from %s with "open a chat with me", on both paths',
      async (_, make) => {
        const stored = async () =>
          Promise.all([
            h.app.store.responses.count({ partitionKey: owner.aadObjectId }),
            h.app.store.deliveries.count({ partitionKey: owner.aadObjectId }),
            h.app.store.exports.count({ partitionKey: owner.aadObjectId }),
          ]);
        const storedBefore = await stored();
        const userBefore = JSON.stringify(await h.app.store.users.get(owner.aadObjectId, owner.aadObjectId));
        for (const verb of PERSONAL_VERBS) {
          for (const activity of make(verb)) {
            const sentBefore = h.connector.activities.length;
            const res = await h.post(activity);
            expect(res.status).toBe(200);
            const shown = [
              // what reached the channel or group chat (the owner's own chat is theirs)
              ...h.connector.activities
                .slice(sentBefore)
                .filter((a) => a.conversationId.startsWith(where.channelId) || a.conversationId === groupChat.id)
                .map((a) => cardText(cardOf(a))),
              ...(activity.type === 'invoke' ? [cardText(invokeCard(res))] : []),
            ];
            expect(shown).toHaveLength(1);
            expect(shown[0]).toMatch(/^Open a chat with me\n/);
            expect(shown[0]).not.toContain(SECRET);
            expect(shown[0]).not.toMatch(/api\/export|Your history|Your settings|Thank you/);
          }
        }
        // nothing personal was made, changed or sent anywhere (no nudge, no export, no answer)
        expect(await stored()).toEqual(storedBefore);
        // and no clicked card (in a channel perhaps the shared team card) was written over (a turn
        // queues any update before it is answered)
        await h.app.followUps.settled();
        expect(h.connector.activities.filter((a) => a.activityId?.startsWith('170000000099'))).toEqual([]);
        expect(JSON.stringify(await h.app.store.users.get(owner.aadObjectId, owner.aadObjectId))).toBe(userBefore);
      },
    );
  });

  describe('bodies that are not JSON', () => {
    const uploads = () => readdirSync(tmpdir()).filter((f) => f.startsWith('upload_'));

    it('refuses multipart before reading it: 415, and no upload file is left in the temp folder', async () => {
      const before = new Set(uploads());
      const form = new FormData();
      form.append('file', new Blob([Buffer.alloc(300_000, 'x')]), 'big.bin');
      const res = await fetch(`${h.baseUrl}/api/messages`, { method: 'POST', body: form });
      expect(res.status).toBe(415);
      expect(uploads().filter((f) => !before.has(f))).toEqual([]);
    });

    it.each(['text/plain', 'application/x-www-form-urlencoded', 'application/xml', ''])(
      'refuses content type "%s" with 415 and stores nothing',
      async (type) => {
        const users = await h.app.store.users.count({});
        const res = await fetch(`${h.baseUrl}/api/messages`, {
          method: 'POST',
          headers: type ? { 'content-type': type } : {},
          body: JSON.stringify(installActivity(person(9501), h.connector.url)),
        });
        expect(res.status).toBe(415);
        expect(await h.app.store.users.count({})).toBe(users);
      },
    );
  });

  describe('course links and foreign tenants', () => {
    // Course opens are counted per practice: every count of a tenant, whichever practice it is kept for.
    const opens = async (tenantId: string) =>
      (await h.app.store.aggregates.query({}))
        .filter((a) => a.groupId.startsWith(`course-opens|${tenantId}|`) || a.groupId === `course-opens|${tenantId}`)
        .reduce((n, a) => n + (a as AggregateRecord).total, 0);
    const go = (path: string) => fetch(`${h.baseUrl}${path}`, { redirect: 'manual' });

    it('counts a link the bot signed for an installed, allowed organisation', async () => {
      const p = person(9600);
      await h.post(installActivity(p, h.connector.url));
      await seedPractice(h.app.store, {
        tenantId: TENANT,
        teamId: '19:team-9600@thread.tacv2',
        name: 'Course practice',
        leadId: p.aadObjectId,
        members: [p.aadObjectId],
      });
      tick();
      // A courses card (a weekly card may have no course that fits an unset role and place).
      await h.post(messageActivity(p, h.connector.url, 'courses compassion'));
      const link = /"url":"(http[^"]*\/go\/[^"]+)"/.exec(JSON.stringify(sentCard(p)))![1]!;
      expect(link).toMatch(/[?&]s=[A-Za-z0-9_-]{22}/);
      const before = await opens(TENANT);
      const res = await go(new URL(link).pathname + new URL(link).search); // the card's host is PUBLIC_BASE_URL
      expect(res.status).toBe(302);
      expect(await opens(TENANT)).toBe(before + 1);
    });

    it('redirects but counts nothing for an unsigned, forged or foreign link', async () => {
      const course = content.courses[0]!;
      const before = await opens(TENANT);
      const paths = [
        `/go/${course.id}?t=${TENANT}`,
        `/go/${course.id}?t=${TENANT}&s=AAAAAAAAAAAAAAAAAAAAAA`,
        `/go/${course.id}?t=${FOREIGN}`,
        `/go/${course.id}?t=anything-at-all`,
      ];
      for (const path of paths) {
        const res = await go(path);
        expect(res.status).toBe(302);
        expect(res.headers.get('location')).toBe(course.url);
      }
      expect(await opens(TENANT)).toBe(before);
      expect(await opens(FOREIGN)).toBe(0);
      expect(await opens('anything-at-all')).toBe(0);
    });

    it('refuses a foreign tenant on invokes and messages, storing nothing', async () => {
      const stranger = person(9601, FOREIGN);
      const res = await h.post(cardActionActivity(stranger, h.connector.url, 'poll.answer', { optionId: 'x' }));
      expect(res.status).toBe(403);
      await h.post(messageActivity(stranger, h.connector.url, 'nudge'));
      expect(await h.app.store.users.get(stranger.aadObjectId, stranger.aadObjectId)).toBeUndefined();
      expect(await h.app.store.responses.count({ partitionKey: stranger.aadObjectId })).toBe(0);
      expect(h.connector.sentTo(stranger.conversationId)).toHaveLength(0);
    });
  });

  describe('retention on every record kind', () => {
    it('gives every stored document an expiry, including scheduled, missed and team deliveries and inactive people', async () => {
      // a scheduled run (with one person Teams refuses: marked inactive) and a missed slot
      const refused = person(9700);
      const missed = person(9701);
      for (const p of [refused, missed]) {
        await h.post(installActivity(p, h.connector.url));
        // Consent first: weekly nudges only after the welcome form is saved (here: Mondays 09:00).
        await h.post(startNudgesActivity(p, h.connector.url));
      }
      h.connector.addFault({
        match: (c) => c.conversationId === refused.conversationId,
        status: 403,
        code: 'MessageWritesBlocked',
        times: Infinity,
      });
      clock = new Date('2026-12-07T09:00:30.000Z');
      await h.app.delivery.tick(clock);
      h.connector.clearFaults();
      clock = new Date('2026-12-16T09:00:30.000Z'); // a week's slot long past: recorded 'missed'
      await h.app.delivery.tick(clock);
      expect((await h.app.store.users.get(refused.aadObjectId, refused.aadObjectId))?.status).toBe('inactive');
      // and the rest: a team, an on-request nudge answered and reflected on, feedback, an export
      const p = person(9702);
      await h.post(botAddedToTeam(h.connector.url, teamChannel(97)));
      await h.post(installActivity(p, h.connector.url));
      tick();
      await h.post(messageActivity(p, h.connector.url, 'nudge'));
      const n = readNudgeCard(sentCard(p), p);
      await answerOn(n, n.optionIds[0]!, '3');
      await h.post(reflectionSave(h, n, 'kept for a while'));
      await h.post(
        cardActionActivity(p, h.connector.url, 'nudge.feedback', {
          deliveryId: n.deliveryId,
          nudgeId: n.nudgeId,
          useful: true,
        }),
      );
      await h.post(messageActivity(p, h.connector.url, 'export'));

      const all = {
        users: await h.app.store.users.query({ limit: 10_000 }),
        teams: await h.app.store.teams.query({ limit: 10_000 }),
        deliveries: await h.app.store.deliveries.query({ limit: 10_000 }),
        responses: await h.app.store.responses.query({ limit: 10_000 }),
        aggregates: await h.app.store.aggregates.query({ limit: 10_000 }),
        leases: await h.app.store.leases.query({ limit: 10_000 }),
        exports: await h.app.store.exports.query({ limit: 10_000 }),
      };
      const retention = h.config.retentionDays * 86_400;
      const kinds = new Set<string>();
      for (const [container, docs] of Object.entries(all)) {
        for (const doc of docs as { id: string; ttl?: number; kind?: string; state?: string }[]) {
          kinds.add(`${container}:${container === 'deliveries' ? doc.state : (doc.kind ?? '')}`);
          if (doc.id === 'link-signing-key') continue; // the signing key, no personal data, kept
          expect({ container, id: doc.id, ttl: doc.ttl }).toEqual({
            container,
            id: doc.id,
            ttl: expect.any(Number) as number,
          });
          expect(doc.ttl!).toBeGreaterThan(0);
          expect(doc.ttl!).toBeLessThanOrEqual(retention);
        }
      }
      for (const k of [
        'users:',
        'teams:',
        'aggregates:',
        'leases:',
        'exports:',
        'responses:poll',
        'responses:feedback',
        'responses:vote',
        'responses:reflection',
        'deliveries:sent',
        'deliveries:inactive',
        'deliveries:missed',
      ])
        expect(kinds).toContain(k);
    });
  });

  if (kind === 'embedded') {
    describe('erasure on disk', () => {
      it('leaves the reflection in neither the database nor its WAL after "delete my data", in a private folder', async () => {
        const p = person(9800);
        const SECRET = `ERASE-ME-${Date.now()}-reflection text`;
        await h.post(installActivity(p, h.connector.url));
        tick();
        await h.post(messageActivity(p, h.connector.url, 'nudge'));
        await h.post(reflectionSave(h, readNudgeCard(sentCard(p), p), SECRET));
        const file = join(h.dataDir, 'nudges.sqlite');
        const onDisk = () =>
          [file, `${file}-wal`].filter((f) => existsSync(f) && readFileSync(f).includes(Buffer.from(SECRET)));
        await new Promise((r) => setTimeout(r, 50)); // the group commit
        expect(onDisk().length).toBeGreaterThan(0); // the check can see it while stored
        await h.post(cardActionActivity(p, h.connector.url, 'data.delete.confirm', {}));
        expect(onDisk()).toEqual([]);
        for (const f of readdirSync(h.dataDir))
          expect([f, statSync(join(h.dataDir, f)).mode & 0o777]).toEqual([f, 0o600]);
      });

      it('has an expiry on every row, and the sweep removes them once the retention period is over', async () => {
        const db = new Database(join(h.dataDir, 'nudges.sqlite'), { readonly: true });
        const tables = ['users', 'teams', 'deliveries', 'responses', 'aggregates', 'leases', 'exports'];
        const rows = (where: string) =>
          tables.reduce(
            (n, t) =>
              n +
              (
                db.prepare(`SELECT COUNT(*) AS n FROM "${t}" WHERE id != 'link-signing-key' AND ${where}`).get() as {
                  n: number;
                }
              ).n,
            0,
          );
        try {
          expect(rows('1 = 1')).toBeGreaterThan(20);
          expect(rows('expires_at IS NULL')).toBe(0);
          const later = new Date(clock.getTime() + (h.config.retentionDays + 1) * 86_400_000);
          const sweeper = createEmbeddedStore({ dataDir: h.dataDir, now: () => later, purgeIntervalMs: 0 });
          await sweeper.init(); // the sweep runs at start-up and every 10 minutes
          await sweeper.close();
          expect(rows('1 = 1')).toBe(0);
        } finally {
          db.close();
        }
      });

      it('makes its data folder readable by the bot alone', async () => {
        const dir = join(mkdtempSync(join(tmpdir(), 'nudges-mode-')), 'data');
        const store = createEmbeddedStore({ dataDir: dir });
        await store.init();
        await store.users.count({});
        await store.close();
        expect(statSync(dir).mode & 0o777).toBe(0o700);
        expect(statSync(join(dir, 'nudges.sqlite')).mode & 0o777).toBe(0o600);
      });
    });
  }
});
