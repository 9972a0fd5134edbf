import { installActivity, messageActivity, person, type Person } from '../support/activities';
import { startHarness, type Harness } from '../support/bot-harness';
import { clockConnector, type ClockedConnector } from '../support/clocked-connector';
import { VirtualClock } from '../support/virtual-clock';

const LIMIT = 2; // the tenant's limit here, requests per second

/**
 * A reply inside a turn is a call to the Bot Connector like any other: it counts against the
 * tenant's Teams limit, through the limiter the weekly run and card updates share.
 * The limiter waits on a virtual clock, and calls per second are counted at the connector double on
 * that clock: seconds of waiting take none, and a busy machine cannot bunch the calls it counts.
 */
describe('in-turn replies and the tenant limit', () => {
  let h: Harness;
  let calls: ClockedConnector;
  const clock = new VirtualClock();
  const people: Person[] = Array.from({ length: 8 }, (_, i) => person(1200 + i));
  beforeAll(async () => {
    h = await startHarness({ env: { TENANT_RATE_LIMIT: String(LIMIT) }, timing: clock.timing });
    calls = clockConnector(clock, h.connector);
    for (const p of people) expect((await clock.run(h.post(installActivity(p, h.connector.url)))).status).toBe(200);
  });
  afterAll(async () => {
    calls.dispose();
    await h.close();
  });

  it('never puts more than the limit of replies into one second, however many people write at once', async () => {
    h.connector.reset();
    calls.reset();
    const answers = await clock.run(
      Promise.all(people.map((p) => h.post(messageActivity(p, h.connector.url, 'help')))),
    );
    for (const a of answers) expect(a.status).toBe(200);
    const replies = h.connector.accepted.filter((a) => a.kind === 'send');
    expect(replies.length).toBeGreaterThanOrEqual(people.length); // everyone was answered
    expect(calls.accepted.filter((a) => a.kind === 'send')).toHaveLength(replies.length); // all seen on the clock
    expect(calls.maxPerSecond(['send'])).toBeLessThanOrEqual(LIMIT);
  }, 60_000);
});
