import { Writable } from 'node:stream';
import { errorCodeOf } from '../../src/bot/connector-rest';
import { ADMIN_BLOCK_STREAK } from '../../src/delivery/admin-refusals';
import { classifySendFailure } from '../../src/delivery/retry-policy';
import { SendError } from '../../src/delivery/sender';
import { createLogger } from '../../src/logger';
import { person, type Person } from '../support/activities';
import { startHarness, type Harness } from '../support/bot-harness';
import { TEAMS_ERRORS, teamsRefusal, type TeamsErrorCode } from '../support/connector-double';
import { installAndStart } from '../support/started-people';
import { VirtualClock } from '../support/virtual-clock';

/** The documented refusals after which a person is marked inactive and never called again. */
const INACTIVE_CODES = [
  'MessageWritesBlocked',
  'ConversationBlockedByUser',
  'BotNotInConversationRoster',
  'ConversationNotFound',
  'ForbiddenOperationException',
] as const;

/** The refusals that are the bot's own fault: each halts its tenant's run, settling no one. */
const HALT_CODES = { BotNotRegistered: 'auth', NotEnoughPermissions: 'permissions' } as const;

const OTHER_TENANT = '72f988bf-0000-0000-0000-000000000002';
const tenantOf = (code: string) =>
  code === 'BotNotRegistered'
    ? '72f988bf-0000-0000-0000-000000000401'
    : code === 'NotEnoughPermissions'
      ? '72f988bf-0000-0000-0000-000000000403'
      : undefined;

/** The weekly run against the connector double answering with Teams' documented refusal bodies. */
describe("Teams' documented refusals, as the connector double sends them", () => {
  let h: Harness;
  const lines: Record<string, unknown>[] = [];
  const refusedBy = new Map<TeamsErrorCode, Person>();
  const reachable = person(90);
  const disabledTenant: Person[] = [];
  // Teams' rate limit on a virtual clock: the installs and ticks run under it, and its waits take no real time.
  const clock = new VirtualClock();

  beforeAll(async () => {
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        for (const l of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(l) as never);
        done();
      },
    });
    h = await startHarness({ logger: createLogger({ level: 'info', destination: sink }), timing: clock.timing });
    const codes = Object.keys(TEAMS_ERRORS).filter((c) => c !== 'BotDisabledByAdmin') as TeamsErrorCode[];
    for (const [i, code] of codes.entries()) refusedBy.set(code, person(10 + i, tenantOf(code)));
    // More than ADMIN_BLOCK_STREAK plus the tenant's concurrency (16): some are never tried.
    for (let i = 0; i < 30; i++) disabledTenant.push(person(200 + i, OTHER_TENANT));
    // Consent first: weekly nudges begin only after "Start my nudges".
    await clock.run(installAndStart(h, [...refusedBy.values(), reachable, ...disabledTenant]));
  });
  afterAll(async () => h.close());

  it.each(Object.keys(TEAMS_ERRORS) as TeamsErrorCode[])(
    'reads the code of %s from the body Teams documents',
    (code) => {
      const { status, body } = TEAMS_ERRORS[code];
      expect(errorCodeOf(JSON.stringify(body))).toBe(code);
      expect(classifySendFailure(new SendError(status, code, undefined, 'x')).action).not.toBe('retry');
    },
  );

  it('marks blocked, removed, uninstalled and unknown conversations inactive, fails 413 loudly, halts on 401 and NotEnoughPermissions settling no one, and pauses a tenant whose admin blocked the app for everyone', async () => {
    h.connector.reset();
    for (const [code, p] of refusedBy) {
      h.connector.addFault(
        teamsRefusal(code, { match: (c) => c.conversationId === p.conversationId, times: Infinity }),
      );
    }
    const otherTenant = new Set(disabledTenant.map((p) => p.conversationId));
    h.connector.addFault(
      teamsRefusal('BotDisabledByAdmin', { match: (c) => otherTenant.has(c.conversationId), times: Infinity }),
    );
    const users = await h.app.store.users.query({ limit: 1000 });
    const at = new Date(Math.max(...users.map((u) => Date.parse(u.nextDueAt ?? ''))) + 60_000);
    lines.length = 0;
    await clock.run(h.app.delivery.tick(at));

    const callsTo = (p: Person) => h.connector.refused.filter((r) => r.conversationId === p.conversationId).length;
    const stateOf = async (p: Person) => {
      const [d] = await h.app.store.deliveries.query({ where: [{ field: 'ownerId', op: '=', value: p.aadObjectId }] });
      const u = await h.app.store.users.get(p.aadObjectId, p.aadObjectId);
      return { delivery: d?.state, outcome: d?.outcome, user: u?.status, calls: callsTo(p) };
    };
    for (const code of INACTIVE_CODES) {
      expect({ code, ...(await stateOf(refusedBy.get(code)!)) }).toMatchObject({
        code,
        delivery: 'inactive',
        user: 'inactive',
        calls: 1, // never retried
      });
    }
    expect({ code: 'MessageSizeTooBig', ...(await stateOf(refusedBy.get('MessageSizeTooBig')!)) }).toMatchObject({
      code: 'MessageSizeTooBig',
      delivery: 'failed',
      user: 'active',
      calls: 1,
    });
    expect(h.connector.sentTo(reachable.conversationId)).toHaveLength(1);
    const event = (name: string) => lines.filter((l) => l.event === name);
    expect(event('delivery.card_too_large')).toHaveLength(1);
    expect(event('delivery.card_too_large')[0]).toMatchObject({ level: 50 });

    // 401 and NotEnoughPermissions: the bot's own fault. The delivery is given back unsent, the person
    // is still due at the same time, and the tenant's run is halted with one alert naming the cause.
    for (const [code, cause] of Object.entries(HALT_CODES)) {
      const p = refusedBy.get(code as TeamsErrorCode)!;
      expect({ code, ...(await stateOf(p)) }).toMatchObject({ code, delivery: 'claimed', user: 'active', calls: 1 });
      const u = await h.app.store.users.get(p.aadObjectId, p.aadObjectId);
      expect(Date.parse(u!.nextDueAt!)).toBeLessThanOrEqual(at.getTime());
      expect(event('delivery.halted').filter((l) => l.tenantId === p.tenantId)).toEqual([
        expect.objectContaining({ level: 60, cause, scope: 'tenant' }),
      ]);
    }

    // BotDisabledByAdmin from ADMIN_BLOCK_STREAK different people in a row: logged once; the tenant's
    // sends stop (at most the ones already in flight went out).
    expect(event('tenant.paused')).toHaveLength(1);
    expect(event('tenant.paused')[0]).toMatchObject({ tenantId: OTHER_TENANT, level: 50 });
    const tried = disabledTenant.filter((p) => callsTo(p) > 0).length;
    expect(tried).toBeGreaterThanOrEqual(ADMIN_BLOCK_STREAK);
    expect(tried).toBeLessThanOrEqual(ADMIN_BLOCK_STREAK + 15); // plus those in flight (the tenant's concurrency)
    // The untried people keep their due time: the next run tries the tenant again.
    const untried = disabledTenant.filter((p) => callsTo(p) === 0);
    expect(untried.length).toBeGreaterThan(0);
    for (const p of untried) {
      const u = await h.app.store.users.get(p.aadObjectId, p.aadObjectId);
      expect([u?.status, Date.parse(u?.nextDueAt ?? '') <= at.getTime()]).toEqual(['active', true]);
    }

    // Next week: nobody inactive is called again.
    h.connector.reset();
    await clock.run(h.app.delivery.tick(new Date(at.getTime() + 7 * 86_400_000)));
    for (const code of INACTIVE_CODES) {
      expect(h.connector.sentTo(refusedBy.get(code)!.conversationId)).toHaveLength(0);
    }
    expect(h.connector.sentTo(reachable.conversationId)).toHaveLength(1);
  }, 60_000);
});
