import { installActivity, messageActivity, person } from '../support/activities';
import { cardOf, cardText, startHarness, type Harness } from '../support/bot-harness';
import { mostOpenedCourses } from '../../src/insights/insights-reply';

describe('course link opens', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  const goUrls = (card: unknown) =>
    (JSON.stringify(card).match(/http:\/\/127\.0\.0\.1:\d+\/go\/[\w-]+\?t=[\w-]+/g) ?? []).map((u) =>
      u.replace(/^http:\/\/127\.0\.0\.1:\d+/, h.baseUrl),
    );

  it('links courses in cards through /go, which counts per organisation and redirects to the provider', async () => {
    const p = person(950);
    await h.post(installActivity(p, h.connector.url));
    const before = h.connector.activities.length;
    await h.post(messageActivity(p, h.connector.url, 'courses compassion'));
    const [first] = goUrls(cardOf(h.connector.activities[before]));
    expect(first).toBeDefined();
    const courseId = /\/go\/([\w-]+)/.exec(first!)![1]!;
    const course = h.app.deps.content.courses.find((c) => c.id === courseId)!;
    for (let i = 0; i < 4; i++) {
      const res = await fetch(first!, { redirect: 'manual' });
      expect(res.status).toBe(302);
      expect(res.headers.get('location')).toBe(course.url);
    }
    expect(await mostOpenedCourses(h.app.deps, p.tenantId)).toEqual([]); // 4 opens: under the minimum of 5
    await fetch(first!, { redirect: 'manual' });
    expect(await mostOpenedCourses(h.app.deps, p.tenantId)).toEqual([
      { title: course.title, url: course.url, clicks: '5 opens' },
    ]);
    const stored = JSON.stringify(await h.app.store.aggregates.query({}));
    expect(stored).not.toContain(p.aadObjectId); // no person is recorded
  });

  it('refuses an id that is not in the catalogue (no open redirect)', async () => {
    const res = await fetch(`${h.baseUrl}/go/evil?t=x`, { redirect: 'manual' });
    expect(res.status).toBe(404);
    expect(res.headers.get('location')).toBeNull();
  });

  it('shows the most-opened courses on the organisation insights card', async () => {
    const { insightsReply } = await import('../../src/insights/insights-reply');
    const reply = await insightsReply(h.app.deps, {
      kind: 'tenant',
      tenantId: person(950).tenantId,
      name: 'Riverside',
    });
    expect(cardText(reply.card)).toMatch(/5 opens/);
  });
});
