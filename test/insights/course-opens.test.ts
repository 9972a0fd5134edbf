import { firstReply } from '../support/connector-double';
import { cardActionActivity, installActivity, messageActivity, person } from '../support/activities';
import { cardOf, cardText, settleWelcomes, startHarness, type Harness } from '../support/bot-harness';
import { mostOpenedCourses } from '../../src/insights/insights-reply';
import { seedPractice } from '../practice/seed-practice';
import { nudgeCourseIds } from '../../src/conversation/nudge-view';
import { selectNudge } from '../../src/delivery/select-nudge';
import { STORE_KINDS, openTestStore } from '../support/stores';

describe('course link opens', () => {
  let h: Harness;
  let practiceId = '';
  beforeAll(async () => {
    h = await startHarness();
    const p = person(950);
    practiceId = await seedPractice(h.app.store, {
      tenantId: p.tenantId,
      teamId: '19:team-950@thread.tacv2',
      name: 'Riverside',
      leadId: p.aadObjectId,
      members: [950, 951, 952, 953, 954].map((n) => person(n).aadObjectId),
    });
  });
  afterAll(async () => {
    await h.close();
  });

  const goUrls = (card: unknown) =>
    (JSON.stringify(card).match(/http:\/\/127\.0\.0\.1:\d+\/go\/[\w-]+\?t=[\w~-]+&h=[\w-]+&s=[\w-]+/g) ?? []).map((u) =>
      u.replace(/^http:\/\/127\.0\.0\.1:\d+/, h.baseUrl),
    );

  it("links courses in cards through /go, which counts per practice (the person's) and redirects to the provider", async () => {
    const p = person(950);
    await h.post(installActivity(p, h.connector.url));
    const before = h.connector.activities.length;
    await h.post(messageActivity(p, h.connector.url, 'courses compassion'));
    const [first] = goUrls(cardOf(firstReply(h.connector.activities, before)));
    expect(first).toBeDefined();
    expect(new URL(first!).searchParams.get('t')).toBe(`${p.tenantId}~${practiceId}`);
    const courseId = /\/go\/([\w-]+)/.exec(first!)![1]!;
    const course = h.app.deps.content.courses.find((c) => c.id === courseId)!;
    // Four colleagues open it (each counted once a week, however often they click)...
    for (let n = 0; n < 4; n++) {
      const colleague = person(951 + n);
      await h.post(installActivity(colleague, h.connector.url));
      const at = h.connector.activities.length;
      await h.post(messageActivity(colleague, h.connector.url, 'courses compassion'));
      const link = goUrls(cardOf(h.connector.activities[at])).find((u) => u.includes(`/go/${courseId}?`))!;
      for (let i = 0; i < 2; i++) {
        const res = await fetch(link, { redirect: 'manual' });
        expect(res.status).toBe(302);
        expect(res.headers.get('location')).toBe(course.url);
      }
    }
    expect(await mostOpenedCourses(h.app.deps, p.tenantId, practiceId)).toEqual([]); // 4 opens: under the minimum of 5
    await fetch(first!, { redirect: 'manual' });
    expect(await mostOpenedCourses(h.app.deps, p.tenantId, practiceId)).toEqual([
      { title: course.title, url: course.url, clicks: '5 opens' },
    ]);
    const stored = JSON.stringify(await h.app.store.aggregates.query({}));
    expect(stored).not.toContain(p.aadObjectId); // no person is recorded
  });

  it("links each organisation's weekly nudges to its own count, and each person's buttons to their delivery", async () => {
    const people = [person(960, 'tenant-a'), person(961, 'tenant-b'), person(962, 'tenant-a')];
    for (const p of people) {
      expect((await h.post(installActivity(p, h.connector.url))).status).toBe(200);
      // Consent first: weekly nudges begin only after "Start my nudges".
      expect((await h.post(cardActionActivity(p, h.connector.url, 'consent.start', {}))).status).toBe(200);
    }
    // Every install's welcome written and Start written back over it before the weekly run.
    await settleWelcomes(h, people);
    const users = await Promise.all(people.map((p) => h.app.store.users.get(p.aadObjectId, p.aadObjectId)));
    expect(users.map((u) => u?.consent?.state)).toEqual(people.map(() => 'started'));
    const latest = Math.max(...users.map((u) => Date.parse(u!.nextDueAt!)));
    await h.app.delivery.tick(new Date(latest + 60_000));
    for (const p of people) {
      const sent = h.connector.sentTo(p.conversationId).map(cardOf);
      const weekly = sent.find((c) => JSON.stringify(c).includes('"deliveryId"'));
      expect(weekly).toBeDefined();
      const urls = goUrls(weekly);
      expect(urls.length).toBeGreaterThan(0);
      for (const u of urls) expect(new URL(u).searchParams.get('t')).toBe(p.tenantId);
      const [delivery] = await h.app.store.deliveries.query({ partitionKey: p.aadObjectId });
      expect(JSON.stringify(weekly)).toContain(`"deliveryId":${JSON.stringify(delivery!.id)}`);
    }
  });

  it('refuses an id that is not in the catalogue (no open redirect)', async () => {
    const res = await fetch(`${h.baseUrl}/go/evil?t=x`, { redirect: 'manual' });
    expect(res.status).toBe(404);
    expect(res.headers.get('location')).toBeNull();
  });

  it('counts nothing for a link that names no practice, or another practice than it was signed for', async () => {
    const p = person(951);
    const outsider = person(959); // in no practice
    await h.post(installActivity(outsider, h.connector.url));
    let before = h.connector.activities.length;
    await h.post(messageActivity(outsider, h.connector.url, 'courses compassion'));
    const [tenantOnly] = goUrls(cardOf(firstReply(h.connector.activities, before)));
    expect(new URL(tenantOnly!).searchParams.get('t')).toBe(outsider.tenantId); // someone in no practice
    await h.post(installActivity(p, h.connector.url));
    before = h.connector.activities.length;
    await h.post(messageActivity(p, h.connector.url, 'courses compassion'));
    const [own] = goUrls(cardOf(firstReply(h.connector.activities, before)));
    const forged = new URL(own!);
    forged.searchParams.set('t', `${p.tenantId}~another-practice`);
    const countBefore = JSON.stringify(await mostOpenedCourses(h.app.deps, p.tenantId, practiceId, 50));
    for (let i = 0; i < 5; i++) {
      expect((await fetch(tenantOnly!, { redirect: 'manual' })).status).toBe(302);
      expect((await fetch(forged.toString(), { redirect: 'manual' })).status).toBe(302);
    }
    const stored = (await h.app.store.aggregates.query({})).filter((a) => a.groupId.startsWith('course-opens|'));
    expect(stored.map((a) => a.groupId)).toEqual(stored.map(() => `course-opens|${p.tenantId}|${practiceId}`));
    expect(JSON.stringify(await mostOpenedCourses(h.app.deps, p.tenantId, practiceId, 50))).toBe(countBefore);
  });

  it("shows the practice's most-opened courses on its insights card", async () => {
    const { insightsReply } = await import('../../src/insights/insights-reply');
    const reply = await insightsReply(h.app.deps, {
      kind: 'practice',
      tenantId: person(950).tenantId,
      practiceId,
      name: 'Riverside',
    });
    expect(cardText(reply.card)).toMatch(/5 opens/);
  });
});

describe.each(STORE_KINDS)("weekly nudge cards' course links (%s store)", (kind) => {
  let h: Harness;
  let practiceId = '';
  const TENANT = 'tenant-weekly-links';
  const members = [970, 971, 972, 973, 974].map((n) => person(n, TENANT));
  const outsider = person(979, TENANT); // in no practice team
  beforeAll(async () => {
    h = await startHarness({ store: openTestStore(kind) });
    practiceId = await seedPractice(h.app.store, {
      tenantId: TENANT,
      teamId: '19:team-970@thread.tacv2',
      name: 'Weekly Lane',
      leadId: members[0]!.aadObjectId,
      members: members.map((p) => p.aadObjectId),
    });
  });
  afterAll(async () => {
    await h.close();
  });

  const goUrls = (card: unknown) =>
    (JSON.stringify(card).match(/http:\/\/127\.0\.0\.1:\d+\/go\/[\w-]+\?t=[\w~-]+&h=[\w-]+&s=[\w-]+/g) ?? []).map((u) =>
      u.replace(/^http:\/\/127\.0\.0\.1:\d+/, h.baseUrl),
    );

  it("carry the person's practice, so opens from the weekly card count there; someone in no practice counts nothing", async () => {
    const everyone = [...members, outsider];
    for (const p of everyone) {
      expect((await h.post(installActivity(p, h.connector.url))).status).toBe(200);
      expect((await h.post(cardActionActivity(p, h.connector.url, 'consent.start', {}))).status).toBe(200);
    }
    // Every install's welcome written and Start written back over it before the records are changed
    // below (a plain upsert) and the weekly run: a write still under way would race with both.
    await settleWelcomes(h, everyone);
    // The same nudge for everyone (all others already seen, as after a cycle), so their cards link the same courses.
    const { content } = h.app.deps;
    const first = (await h.app.store.users.get(members[0]!.aadObjectId, members[0]!.aadObjectId))!;
    const target = content.nudges.find((n) => {
      const only = selectNudge({
        nudges: [n],
        role: first.prefs.role,
        everyoneOnly: first.onboarded === false,
        history: { ...first.history, seen: [] },
        focus: [],
        ratings: new Map(),
        seed: 'x',
      });
      return only && nudgeCourseIds({ content }, n, { role: first.prefs.role }).length > 0;
    })!;
    expect(target).toBeDefined();
    const seen = content.nudges.filter((n) => n.id !== target.id).map((n) => n.id);
    for (const p of everyone) {
      const u = (await h.app.store.users.get(p.aadObjectId, p.aadObjectId))!;
      await h.app.store.users.upsert({ ...u, prefs: { ...u.prefs, focus: [] }, history: { ...u.history, seen } });
    }
    const due = await Promise.all(everyone.map((p) => h.app.store.users.get(p.aadObjectId, p.aadObjectId)));
    // Everyone started (Start answers 200 with an error card if it could not save), so the weekly run
    // sends each a weekly nudge: a record still waiting for consent would get the welcome instead.
    expect(due.map((u) => u?.consent?.state)).toEqual(everyone.map(() => 'started'));
    const run = await h.app.delivery.tick(new Date(Math.max(...due.map((u) => Date.parse(u!.nextDueAt!))) + 60_000));
    expect(run.sent).toBe(everyone.length);

    const weeklyOf = (p: (typeof everyone)[number]) =>
      h.connector
        .sentTo(p.conversationId)
        .map(cardOf)
        .find((c) => JSON.stringify(c).includes('"deliveryId"'));
    const courseId = nudgeCourseIds({ content }, target, { role: first.prefs.role })[0]!;
    const course = content.courses.find((c) => c.id === courseId)!;
    const links = members.map((p) => {
      const weekly = weeklyOf(p);
      expect(JSON.stringify(weekly)).toContain(target.title);
      const urls = goUrls(weekly);
      expect(urls.length).toBeGreaterThan(0);
      for (const u of urls) expect(new URL(u).searchParams.get('t')).toBe(`${TENANT}~${practiceId}`);
      return urls.find((u) => u.includes(`/go/${courseId}?`))!;
    });
    for (const link of links.slice(0, 4)) {
      const res = await fetch(link, { redirect: 'manual' });
      expect(res.status).toBe(302);
      expect(res.headers.get('location')).toBe(course.url);
    }
    expect(await mostOpenedCourses(h.app.deps, TENANT, practiceId)).toEqual([]); // 4 people: under the minimum
    expect((await fetch(links[4]!, { redirect: 'manual' })).status).toBe(302);
    expect(await mostOpenedCourses(h.app.deps, TENANT, practiceId)).toEqual([
      { title: course.title, url: course.url, clicks: '5 opens' },
    ]);

    // Someone in no practice: tenant-only links, which open the course and count nothing anywhere.
    const outsiderUrls = goUrls(weeklyOf(outsider));
    expect(outsiderUrls.length).toBeGreaterThan(0);
    for (const u of outsiderUrls) expect(new URL(u).searchParams.get('t')).toBe(TENANT);
    const before = JSON.stringify(await h.app.store.aggregates.query({}));
    for (const u of outsiderUrls) expect((await fetch(u, { redirect: 'manual' })).status).toBe(302);
    expect(JSON.stringify(await h.app.store.aggregates.query({}))).toBe(before);
  });
});
