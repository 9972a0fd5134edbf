import { loadConfig } from '../../src/config';
import { deletePersonalData } from '../../src/conversation/delete-data';
import { runTick } from '../../src/delivery/run-tick';
import type { DeliveryRecord } from '../../src/domain';
import type { Collection, Store } from '../../src/store/port';
import { buildDeps, buildUser, FakeSender, seedUsers } from '../delivery/engine-fixture';
import { openTestStore, STORE_KINDS, type StoreKind } from '../support/stores';

/**
 * Security review 2026-12-07 L5 (issue 23.9): a weekly run already under way re-created an erased
 * person's delivery and sent them one more nudge. Here "delete my data" lands at each point of the
 * run's work for that person; afterwards nothing is stored for them, and nothing is sent once the
 * erasure has finished before the send began.
 */

type Moment = 'before the claim' | 'right after the claim' | 'right after sending is recorded';

/**
 * The real store, with the erasure of `victim` run (and awaited) at one moment of the run's writes
 * for them: the interleaving a busy organisation makes likely, made certain.
 */
function erasingAt(store: Store, victim: string, moment: Moment, erase: () => Promise<unknown>): Store {
  let done = false;
  const once = async () => {
    if (done) return;
    done = true;
    await erase();
  };
  const deliveries: Collection<DeliveryRecord> = Object.create(store.deliveries) as Collection<DeliveryRecord>;
  deliveries.create = async (doc) => {
    if (doc.ownerId === victim && moment === 'before the claim') await once();
    const created = await store.deliveries.create(doc);
    if (doc.ownerId === victim && moment === 'right after the claim') await once();
    return created;
  };
  deliveries.replace = async (doc, etag) => {
    const written = await store.deliveries.replace(doc, etag);
    if (doc.ownerId === victim && doc.state === 'sending' && moment === 'right after sending is recorded') await once();
    return written;
  };
  return Object.assign(Object.create(store) as Store, { deliveries });
}

describe.each<StoreKind>(STORE_KINDS)('"delete my data" during a weekly run (%s store)', (kind) => {
  let store: Store;
  const config = loadConfig({});

  beforeEach(async () => {
    store = openTestStore(kind);
    await store.init();
    await seedUsers(store, 6);
  });
  afterEach(async () => store.close());

  const victim = buildUser(5).id;
  const victimConversation = buildUser(5).conversation.conversationId;

  it.each<Moment>(['before the claim', 'right after the claim'])(
    'sends nothing to, and keeps nothing for, a person erased %s',
    async (moment) => {
      const sender = new FakeSender();
      const deps = buildDeps(
        erasingAt(store, victim, moment, () => deletePersonalData({ store, now: () => new Date(), config }, victim)),
        sender,
      );
      const counters = await runTick(deps);
      expect(sender.attempts.filter((s) => s.conversationId === victimConversation)).toEqual([]);
      expect(counters.sent).toBe(5);
      expect(await store.users.get(victim, victim)).toBeUndefined();
      expect(await store.deliveries.count({ partitionKey: victim })).toBe(0);
      // and the next run has no one to send to in their name either
      await runTick(buildDeps(store, sender, { now: () => new Date('2026-03-02T09:05:30.000Z') }));
      expect(sender.attempts.filter((s) => s.conversationId === victimConversation)).toEqual([]);
      expect(await store.deliveries.count({ partitionKey: victim })).toBe(0);
    },
  );

  it('keeps nothing for a person erased while their nudge is on its way', async () => {
    const sender = new FakeSender();
    const deps = buildDeps(
      erasingAt(store, victim, 'right after sending is recorded', () =>
        deletePersonalData({ store, now: () => new Date(), config }, victim),
      ),
      sender,
    );
    await runTick(deps);
    // the one send already under way when they erased may reach them; nothing about it is kept
    expect(sender.attempts.filter((s) => s.conversationId === victimConversation).length).toBeLessThanOrEqual(1);
    expect(await store.users.get(victim, victim)).toBeUndefined();
    expect(await store.deliveries.count({ partitionKey: victim })).toBe(0);
    expect(await store.users.count({})).toBe(5);
  });
});
