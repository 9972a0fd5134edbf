import { replyTo } from '../support/nudged-person';
import { signCourseLink } from '../../src/conversation/course-links';
import { readCourseOpens } from '../../src/conversation/course-opens';
import { installActivity, person, type Person } from '../support/activities';
import { cardOf, startHarness, type Harness } from '../support/bot-harness';
import { openTestStore, STORE_KINDS } from '../support/stores';
import { seedPractice } from '../practice/seed-practice';

jest.setTimeout(120_000);

describe.each(STORE_KINDS)('replayed /go course links on the %s store (security review L1)', (kind) => {
  let h: Harness;
  let practiceId = '';
  beforeAll(async () => {
    h = await startHarness({ store: openTestStore(kind) });
    // Course opens are counted per practice: everyone here works in one.
    const everyone = [7100, 7201, 7202, 7203, 7204, 7205, 7300, 7400].map((n) => person(n));
    practiceId = await seedPractice(h.app.store, {
      tenantId: everyone[0]!.tenantId,
      teamId: '19:team-7100@thread.tacv2',
      name: 'Replay Practice',
      leadId: everyone[0]!.aadObjectId,
      members: everyone.map((p) => p.aadObjectId),
    });
  });
  afterAll(async () => {
    await h.close();
  });

  /** The first course link on the `courses compassion` card the bot sends to `p`. */
  async function courseLinkFor(p: Person): Promise<URL> {
    await h.post(installActivity(p, h.connector.url));
    const card = cardOf(await replyTo(h, p, 'courses compassion')); // not the welcome, which may come later
    const link = /"url":"(http[^"]*\/go\/[^"]+)"/.exec(JSON.stringify(card))![1]!;
    const url = new URL(link);
    return new URL(url.pathname + url.search, h.baseUrl); // the card's host is PUBLIC_BASE_URL
  }
  const courseOf = (link: URL) => /\/go\/([\w-]+)/.exec(link.pathname)![1]!;
  const opensOf = async (tenantId: string, courseId: string) =>
    (await readCourseOpens(h.app.store, tenantId, practiceId, h.now(), 1)).get(courseId) ?? 0;
  const open = async (link: URL | string) => {
    const res = await fetch(link, { redirect: 'manual' });
    expect(res.status).toBe(302);
  };

  it('counts one signed link replayed 20 times as one open, and still redirects every time', async () => {
    const p = person(7100);
    const link = await courseLinkFor(p);
    const courseId = courseOf(link);
    const before = await opensOf(p.tenantId, courseId);
    for (let i = 0; i < 20; i++) await open(link);
    expect(await opensOf(p.tenantId, courseId)).toBe(before + 1);
  });

  it('counts each of five people once, however often each opens the course', async () => {
    const people = [7201, 7202, 7203, 7204, 7205].map((n) => person(n));
    const links = await Promise.all(people.map(courseLinkFor));
    const courseId = courseOf(links[0]!);
    expect(links.every((l) => courseOf(l) === courseId)).toBe(true);
    const before = await opensOf(people[0]!.tenantId, courseId);
    for (const link of links) for (let i = 0; i < 3; i++) await open(link);
    // The same person's second card gives the same holder: still one open.
    await open(await courseLinkFor(people[0]!));
    expect(await opensOf(people[0]!.tenantId, courseId)).toBe(before + 5);
  });

  it('counts nothing for a link whose holder was changed (the signature covers it)', async () => {
    const p = person(7300);
    const link = await courseLinkFor(p);
    const courseId = courseOf(link);
    const before = await opensOf(p.tenantId, courseId);
    for (let i = 0; i < 10; i++) {
      const forged = new URL(link);
      forged.searchParams.set('h', `forged${i}`);
      await open(forged);
    }
    expect(await opensOf(p.tenantId, courseId)).toBe(before);
  });

  it('counts nothing for a link from before practices and holders (signed for the organisation only), however often replayed', async () => {
    const p = person(7400);
    const link = await courseLinkFor(p); // installs the person, so the organisation counts
    const courseId = courseOf(link);
    const key = h.app.deps.config.linkSigningKey!;
    const old = new URL(`/go/${courseId}`, h.baseUrl);
    old.searchParams.set('t', p.tenantId);
    old.searchParams.set('s', signCourseLink(key, courseId, p.tenantId));
    const before = await opensOf(p.tenantId, courseId);
    for (let i = 0; i < 10; i++) await open(old);
    expect(await opensOf(p.tenantId, courseId)).toBe(before); // opens are counted per practice now
  });
});
