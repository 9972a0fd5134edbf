import { installActivity, messageActivity, person, type Person } from '../support/activities';
import { startHarness, type Harness } from '../support/bot-harness';

const LIMIT = 2; // the tenant's limit here, requests per second

/**
 * A reply inside a turn is a call to the Bot Connector like any other: it counts against the
 * tenant's Teams limit, through the limiter the weekly run and card updates share.
 */
describe('in-turn replies and the tenant limit', () => {
  let h: Harness;
  const people: Person[] = Array.from({ length: 8 }, (_, i) => person(1200 + i));
  beforeAll(async () => {
    h = await startHarness({ env: { TENANT_RATE_LIMIT: String(LIMIT) } });
    for (const p of people) expect((await h.post(installActivity(p, h.connector.url))).status).toBe(200);
  });
  afterAll(async () => h.close());

  it('never puts more than the limit of replies into one second, however many people write at once', async () => {
    h.connector.reset();
    const answers = await Promise.all(people.map((p) => h.post(messageActivity(p, h.connector.url, 'help'))));
    for (const a of answers) expect(a.status).toBe(200);
    const replies = h.connector.accepted.filter((a) => a.kind === 'send');
    expect(replies.length).toBeGreaterThanOrEqual(people.length); // everyone was answered
    expect(h.connector.maxAcceptedPerSecond(['send'])).toBeLessThanOrEqual(LIMIT);
  }, 60_000);
});
