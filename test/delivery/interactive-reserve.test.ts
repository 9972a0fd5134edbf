import { VERBS } from '../../src/cards/verbs';
import { cardActionActivity, installActivity, messageActivity, person } from '../support/activities';
import { cardOf, startHarness, type Harness } from '../support/bot-harness';
import { clockConnector, type ClockedConnector } from '../support/clocked-connector';
import { readNudgeCard } from '../support/nudged-person';
import { VirtualClock } from '../support/virtual-clock';

const LIMIT = 10; // requests per second per tenant (Teams: 50; small here so the run lasts a few seconds)
const PEOPLE = 30; // the run still has two thirds of them to send when the click comes (after LIMIT sends)

/** Most calls within any one second. */
function busiestSecond(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let start = 0, end = 0; end < sorted.length; end++) {
    while (sorted[end]! - sorted[start]! >= 1000) start++;
    best = Math.max(best, end - start + 1);
  }
  return best;
}

/**
 * The limiter waits on a virtual clock, and the connector double's calls are logged on that clock
 * (clockConnector): the run's seconds at the limit take none, and a busy machine cannot bunch the calls
 * counted per second. Everything that may wait runs inside clock.run.
 */
describe("a click's card update while the weekly run fills the tenant's limit", () => {
  let h: Harness;
  let calls: ClockedConnector;
  const clock = new VirtualClock();
  beforeAll(async () => {
    h = await startHarness({ env: { TENANT_RATE_LIMIT: String(LIMIT) }, timing: clock.timing });
    calls = clockConnector(clock, h.connector);
  });
  afterAll(async () => {
    calls.dispose();
    await h.close();
  });

  it('goes out from the reserved share while the run is still sending, and no second ever holds more than the limit', async () => {
    for (let i = 0; i < PEOPLE; i++) await clock.run(h.post(installActivity(person(900 + i), h.connector.url)));
    const clicker = person(900);
    await clock.run(h.post(messageActivity(clicker, h.connector.url, 'nudge')));
    const message = h.connector.sentTo(clicker.conversationId).at(-1)!;
    const nudge = readNudgeCard(cardOf(message), clicker);
    await clock.run(clock.timing.sleep(1100)); // the installs' welcomes leave the window (virtual time)
    calls.setRateLimit({ perSecond: LIMIT, retryAfterSeconds: 1 }); // Teams' 429 beyond the limit

    const users = await h.app.store.users.query({ limit: 1000 });
    const at = new Date(Math.max(...users.map((u) => Date.parse(u.nextDueAt ?? ''))) + 60_000);
    const runStarted = clock.now;
    const weeklySoFar = () => calls.accepted.filter((a) => a.at >= runStarted && a.kind === 'send').length;
    const click = async () => {
      while (weeklySoFar() < LIMIT) await clock.timing.sleep(10); // until the run is sending flat out
      const weeklyBefore = weeklySoFar();
      const clickedAt = clock.now;
      // Time stands still while the click's turn is on the wire (it makes no Connector call of its own).
      const posted = h.post(
        cardActionActivity(
          clicker,
          h.connector.url,
          VERBS.pollAnswer,
          { deliveryId: nudge.deliveryId, nudgeId: nudge.nudgeId, pollId: nudge.pollId, optionId: nudge.optionIds[0] },
          { replyToId: message.assignedId },
        ),
      );
      clock.hold(posted);
      const res = await posted;
      await h.app.followUps.settled();
      return { weeklyBefore, clickedAt, res };
    };
    const [counters, { weeklyBefore, clickedAt, res }] = await clock.run(
      Promise.all([h.app.delivery.tick(at), click()]),
    );
    expect(res.status).toBe(200);
    const update = h.connector.sentTo(clicker.conversationId).find((a) => a.method === 'PUT');
    const updateAt = calls.accepted.find((a) => a.kind === 'update' && a.conversationId === clicker.conversationId)?.at;

    expect(counters.sent).toBe(PEOPLE);
    expect(weeklyBefore).toBeGreaterThanOrEqual(LIMIT); // the run really was saturating the tenant
    expect(update).toBeDefined();
    expect(updateAt).toBeDefined();
    // It did not wait for the weekly run to finish: the run was still sending after it. (How soon it went is
    // the limiter's to promise, tested in tenant-limiter.test.ts; not timed here.)
    const weeklyAfter = calls.accepted.filter((a) => a.kind === 'send' && a.at > updateAt!).length;
    expect(weeklyAfter).toBeGreaterThan(0);
    expect(updateAt!).toBeGreaterThanOrEqual(clickedAt);
    const runCalls = calls.accepted.filter((a) => a.at >= runStarted).map((a) => a.at);
    expect(busiestSecond(runCalls)).toBeLessThanOrEqual(LIMIT);
    expect(calls.refused).toHaveLength(0);
    expect(h.connector.refused.filter((r) => r.status === 429)).toHaveLength(0);
  }, 60_000);
});
