import { cardActionActivity, installActivity, messageActivity, person } from '../support/activities';
import { cardText, startHarness, type Harness } from '../support/bot-harness';
import { installAndNudge, pollAnswer, reflectionSave, type NudgeOnCard } from '../support/nudged-person';

const OTHER_TENANT = '99999999-0000-0000-0000-000000000009';

async function countAll(h: Harness): Promise<number> {
  const s = h.app.store;
  const counts = await Promise.all([
    s.users.count({}),
    s.deliveries.count({}),
    s.responses.count({}),
    s.aggregates.count({}),
    s.exports.count({}),
  ]);
  return counts.reduce((a, b) => a + b, 0);
}

describe('activities from tenants outside ALLOWED_TENANTS', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: { ALLOWED_TENANTS: person(1).tenantId } });
  });
  afterAll(async () => h.close());

  it('are refused and leave nothing in the store, whatever their kind', async () => {
    const stranger = person(8001, OTHER_TENANT);
    const before = await countAll(h);
    await h.post(installActivity(stranger, h.connector.url));
    await h.post(messageActivity(stranger, h.connector.url, 'nudge'));
    await h.post(messageActivity(stranger, h.connector.url, 'export'));
    const invoke = await h.post(cardActionActivity(stranger, h.connector.url, 'settings.show', {}));
    expect(invoke.status).toBe(403);
    expect(await countAll(h)).toBe(before);
    expect(h.connector.sentTo(stranger.conversationId)).toHaveLength(0);
  });

  it('are refused when the tenant is missing altogether', async () => {
    const p = person(8002);
    const a = installActivity(p, h.connector.url);
    a.conversation = { ...(a.conversation as object), tenantId: undefined };
    a.channelData = {};
    await h.post(a);
    expect(await h.app.store.users.get(p.aadObjectId, p.aadObjectId)).toBeUndefined();
  });

  it('still serve people in the allowed tenant', async () => {
    const p = person(8003);
    await h.post(installActivity(p, h.connector.url));
    expect(await h.app.store.users.get(p.aadObjectId, p.aadObjectId)).toBeDefined();
  });
});

describe('card actions are checked against the acting person', () => {
  let h: Harness;
  let alice: NudgeOnCard;
  const bob = person(8102);
  beforeAll(async () => {
    h = await startHarness();
    alice = await installAndNudge(h, 8101);
    await h.post(installActivity(bob, h.connector.url));
  });
  afterAll(async () => h.close());

  const invokeCard = (body: unknown) =>
    (body as { value: unknown; statusCode: number }).statusCode === 200
      ? cardText((body as { value: unknown }).value)
      : '';

  it("does not let one person answer another person's poll", async () => {
    const res = await h.post(pollAnswer(h, alice, alice.optionIds[0] as string, bob));
    expect(res.status).toBe(200);
    expect(invokeCard(res.body)).toMatch(/not one of your nudges/i);
    expect(await h.app.store.responses.count({})).toBe(0);
    expect(await h.app.store.aggregates.count({})).toBe(0);
  });

  it("does not let one person write a reflection on another person's nudge", async () => {
    const res = await h.post(reflectionSave(h, alice, 'bob was here', bob));
    expect(res.status).toBe(200);
    expect(invokeCard(res.body)).toMatch(/not one of your nudges/i);
    expect(await h.app.store.responses.count({})).toBe(0);
  });

  it.each(['nudge.snooze', 'nudge.skip', 'nudge.feedback', 'card.refresh'])(
    "does not let one person act on another person's delivery with %s",
    async (verb) => {
      const before = await h.app.store.deliveries.get(alice.person.aadObjectId, alice.deliveryId);
      const res = await h.post(
        cardActionActivity(bob, h.connector.url, verb, {
          deliveryId: alice.deliveryId,
          nudgeId: alice.nudgeId,
          useful: false,
          minutes: 60,
        }),
      );
      expect(res.status).toBe(200);
      const after = await h.app.store.deliveries.get(alice.person.aadObjectId, alice.deliveryId);
      expect(after).toEqual(before);
      expect(await h.app.store.responses.count({})).toBe(0);
      // Bob's own welcome (his install is a delivery too) is his only delivery: nothing made from Alice's.
      const bobs = await h.app.store.deliveries.query({
        where: [{ field: 'ownerId', op: '=', value: bob.aadObjectId }],
      });
      expect(bobs.filter((d) => d.kind !== 'welcome')).toHaveLength(0);
    },
  );

  it("never shows one person's reflection in another person's history", async () => {
    const secret = 'alice-private-reflection-7f3a';
    const saved = await h.post(reflectionSave(h, alice, secret));
    expect(cardText((saved.body as { value: unknown }).value)).not.toMatch(/went wrong/i);
    const bobs = await h.post(
      cardActionActivity(bob, h.connector.url, 'history.show', { deliveryId: alice.deliveryId }),
    );
    expect(bobs.status).toBe(200);
    expect(JSON.stringify(bobs.body)).not.toContain(secret);
    const alices = await h.post(cardActionActivity(alice.person, h.connector.url, 'history.show', {}));
    expect(JSON.stringify(alices.body)).toContain(secret);
  });

  it('lets the owner answer their own poll (so the refusals above are meaningful)', async () => {
    const res = await h.post(pollAnswer(h, alice, alice.optionIds[0] as string));
    expect(res.status).toBe(200);
    expect(await h.app.store.responses.get(alice.person.aadObjectId, `poll|${alice.deliveryId}`)).toBeDefined();
  });
});
