import { VERBS } from '../../src/cards/verbs';
import { cardActionActivity, installActivity, messageActivity, person } from '../support/activities';
import { cardOf, startHarness, type Harness } from '../support/bot-harness';
import { readNudgeCard } from '../support/nudged-person';

const LIMIT = 10; // requests per second per tenant (Teams: 50; small here so the run lasts a few seconds)
const PEOPLE = 60;

/** Most calls the double accepted within any one second, among those at or after `from`. */
function busiestSecond(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let start = 0, end = 0; end < sorted.length; end++) {
    while (sorted[end]! - sorted[start]! >= 1000) start++;
    best = Math.max(best, end - start + 1);
  }
  return best;
}

describe("a click's card update while the weekly run fills the tenant's limit", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: { TENANT_RATE_LIMIT: String(LIMIT) } });
  });
  afterAll(async () => h.close());

  it('goes out from the reserved share while the run is still sending, and no second ever holds more than the limit', async () => {
    for (let i = 0; i < PEOPLE; i++) await h.post(installActivity(person(900 + i), h.connector.url));
    const clicker = person(900);
    await h.post(messageActivity(clicker, h.connector.url, 'nudge'));
    const message = h.connector.sentTo(clicker.conversationId).at(-1)!;
    const nudge = readNudgeCard(cardOf(message), clicker);
    await new Promise((r) => setTimeout(r, 1100)); // the installs' welcomes leave the window
    h.connector.setRateLimit({ perSecond: LIMIT, retryAfterSeconds: 1 }); // Teams' 429 beyond the limit

    const users = await h.app.store.users.query({ limit: 1000 });
    const at = new Date(Math.max(...users.map((u) => Date.parse(u.nextDueAt ?? ''))) + 60_000);
    const runStarted = Date.now();
    const run = h.app.delivery.tick(at);
    await new Promise((r) => setTimeout(r, 2000)); // the run is now sending flat out
    const weeklyBefore = h.connector.activities.filter((a) => a.at >= runStarted && a.method === 'POST').length;

    const clickedAt = Date.now();
    const res = await h.post(
      cardActionActivity(
        clicker,
        h.connector.url,
        VERBS.pollAnswer,
        { deliveryId: nudge.deliveryId, nudgeId: nudge.nudgeId, pollId: nudge.pollId, optionId: nudge.optionIds[0] },
        { replyToId: message.assignedId },
      ),
    );
    expect(res.status).toBe(200);
    await h.app.followUps.settled();
    const update = h.connector.sentTo(clicker.conversationId).find((a) => a.method === 'PUT');
    const counters = await run;

    expect(counters.sent).toBe(PEOPLE);
    expect(weeklyBefore).toBeGreaterThanOrEqual(LIMIT); // the run really was saturating the tenant
    expect(update).toBeDefined();
    // It did not wait for the weekly run to finish: the run was still sending after it. (How soon it went is
    // the limiter's to promise, tested on a virtual clock in tenant-limiter.test.ts; not timed here.)
    const weeklyAfter = h.connector.activities.filter((a) => a.method === 'POST' && a.at > update!.at).length;
    expect(weeklyAfter).toBeGreaterThan(0);
    expect(update!.at).toBeGreaterThanOrEqual(clickedAt);
    const runCalls = h.connector.activities.filter((a) => a.at >= runStarted).map((a) => a.at);
    expect(busiestSecond(runCalls)).toBeLessThanOrEqual(LIMIT);
    expect(h.connector.refused.filter((r) => r.status === 429)).toHaveLength(0);
  }, 60_000);
});
