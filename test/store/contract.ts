import { StoreError, type StoreErrorCode } from '../../src/store/errors';
import type { Store } from '../../src/store/port';
import type { DeliveryRecord } from '../../src/domain';
import { buildDelivery, buildUser } from './builders';

/** What an adapter's test file provides to run the shared contract. */
export interface StoreFactory {
  /** A fresh, initialised, empty store. */
  create(): Promise<Store>;
  /** An initialised-looking store whose backend cannot be reached (closed file, stopped server). */
  createUnreachable(): Promise<Store>;
}

async function expectStoreError(promise: Promise<unknown>, code: StoreErrorCode): Promise<void> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(StoreError);
  expect((err as StoreError).code).toBe(code);
}

const ids = (docs: { id: string }[]): string[] => docs.map((d) => d.id);

/** The behaviour every Store adapter must share; run by each adapter's test file. */
export function describeStoreContract(name: string, factory: StoreFactory): void {
  describe(`${name} store contract`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await factory.create();
    });
    afterEach(async () => {
      await store.close();
    });

    describe('single documents', () => {
      it('creates a document and reads it back with an etag and no system fields', async () => {
        const user = buildUser();
        const created = await store.users.create(user);
        expect(typeof created.etag).toBe('string');
        expect(created).toEqual({ ...user, etag: created.etag });
        const read = await store.users.get('user-1', 'user-1');
        expect(read).toEqual({ ...user, etag: created.etag });
      });

      it('returns undefined for a document that does not exist', async () => {
        expect(await store.users.get('nobody', 'nobody')).toBeUndefined();
      });

      it('refuses to create a document whose id already exists in the partition', async () => {
        await store.users.create(buildUser());
        await expectStoreError(store.users.create(buildUser({ status: 'inactive' })), 'conflict');
        expect((await store.users.get('user-1', 'user-1'))?.status).toBe('active');
      });

      it('replaces with a fresh etag and gives a new etag', async () => {
        const created = await store.users.create(buildUser());
        const replaced = await store.users.replace(buildUser({ status: 'inactive' }), created.etag);
        expect(replaced.etag).not.toBe(created.etag);
        expect(replaced.status).toBe('inactive');
        expect(await store.users.get('user-1', 'user-1')).toEqual(replaced);
      });

      it('refuses a replace with a stale etag and keeps the newer document', async () => {
        const created = await store.users.create(buildUser());
        await store.users.replace(buildUser({ status: 'inactive' }), created.etag);
        await expectStoreError(
          store.users.replace(buildUser({ status: 'uninstalled' }), created.etag),
          'precondition_failed',
        );
        expect((await store.users.get('user-1', 'user-1'))?.status).toBe('inactive');
      });

      it('reports not_found when replacing a document that does not exist', async () => {
        await expectStoreError(store.users.replace(buildUser(), 'some-etag'), 'not_found');
      });

      it('does not store the etag property of the document passed in', async () => {
        const created = await store.users.create(buildUser());
        const replaced = await store.users.replace({ ...created, status: 'inactive' }, created.etag);
        expect(replaced.etag).not.toBe(created.etag);
        expect((await store.users.get('user-1', 'user-1'))?.etag).toBe(replaced.etag);
      });

      it('upserts: creates when absent, overwrites when present, new etag each time', async () => {
        const first = await store.users.upsert(buildUser());
        const second = await store.users.upsert(buildUser({ status: 'inactive' }));
        expect(second.etag).not.toBe(first.etag);
        expect(await store.users.get('user-1', 'user-1')).toEqual(second);
      });

      it('deletes a document and reports whether it existed', async () => {
        await store.users.create(buildUser());
        expect(await store.users.delete('user-1', 'user-1')).toBe(true);
        expect(await store.users.get('user-1', 'user-1')).toBeUndefined();
        expect(await store.users.delete('user-1', 'user-1')).toBe(false);
      });

      it('deletes conditionally: a stale etag fails, the current one succeeds', async () => {
        const created = await store.users.create(buildUser());
        const replaced = await store.users.replace(buildUser({ status: 'inactive' }), created.etag);
        await expectStoreError(store.users.delete('user-1', 'user-1', created.etag), 'precondition_failed');
        expect(await store.users.delete('user-1', 'user-1', replaced.etag)).toBe(true);
      });

      it('keeps documents with the same id in different partitions apart', async () => {
        await store.deliveries.create(buildDelivery({ ownerId: 'a', id: 'same' }));
        await store.deliveries.create(buildDelivery({ ownerId: 'b', id: 'same', state: 'sent' }));
        expect((await store.deliveries.get('a', 'same'))?.state).toBe('claimed');
        expect((await store.deliveries.get('b', 'same'))?.state).toBe('sent');
      });

      it('writes the ttl field through to the stored item', async () => {
        await store.users.create(buildUser({ ttl: 3600 }));
        expect((await store.users.get('user-1', 'user-1'))?.ttl).toBe(3600);
      });

      it('lets exactly one of many concurrent conditional replaces win', async () => {
        const created = await store.users.create(buildUser());
        const attempts = Array.from({ length: 10 }, (_, i) =>
          store.users.replace(buildUser({ updatedAt: `2026-01-05T09:00:0${i}.000Z` }), created.etag),
        );
        const results = await Promise.allSettled(attempts);
        const won = results.filter((r) => r.status === 'fulfilled');
        const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
        expect(won).toHaveLength(1);
        expect(lost).toHaveLength(9);
        for (const r of lost) expect((r.reason as StoreError).code).toBe('precondition_failed');
      });
    });

    describe('queries', () => {
      const seed = async (): Promise<void> => {
        const docs: DeliveryRecord[] = [
          buildDelivery({
            ownerId: 'u1',
            period: 'p1',
            state: 'sent',
            attempts: 1,
            leaseUntil: '2026-01-05T09:01:00Z',
          }),
          buildDelivery({ ownerId: 'u1', period: 'p2', state: 'failed', attempts: 3, interaction: { skipped: true } }),
          buildDelivery({
            ownerId: 'u2',
            period: 'p1',
            state: 'claimed',
            attempts: 0,
            leaseUntil: '2026-01-05T09:03:00Z',
          }),
          buildDelivery({ ownerId: 'u3', period: 'p1', state: 'sent', attempts: 2, interaction: { skipped: false } }),
          buildDelivery({ ownerId: 'u3', period: 'p2', state: 'sending', attempts: 1, tenantId: 'tenant-b' }),
        ];
        for (const d of docs) await store.deliveries.create(d);
      };

      it('filters with = on strings and numbers', async () => {
        await seed();
        const sent = await store.deliveries.query({ where: [{ field: 'state', op: '=', value: 'sent' }] });
        expect(ids(sent).sort()).toEqual(['u1|p1', 'u3|p1']);
        const once = await store.deliveries.query({ where: [{ field: 'attempts', op: '=', value: 1 }] });
        expect(ids(once).sort()).toEqual(['u1|p1', 'u3|p2']);
      });

      it('filters with != (documents missing the field do not match)', async () => {
        await seed();
        const notSent = await store.deliveries.query({ where: [{ field: 'state', op: '!=', value: 'sent' }] });
        expect(ids(notSent).sort()).toEqual(['u1|p2', 'u2|p1', 'u3|p2']);
      });

      it('filters with <, <=, >, >= on numbers', async () => {
        await seed();
        const q = async (op: '<' | '<=' | '>' | '>=') =>
          ids(await store.deliveries.query({ where: [{ field: 'attempts', op, value: 1 }] })).sort();
        expect(await q('<')).toEqual(['u2|p1']);
        expect(await q('<=')).toEqual(['u1|p1', 'u2|p1', 'u3|p2']);
        expect(await q('>')).toEqual(['u1|p2', 'u3|p1']);
        expect(await q('>=')).toEqual(['u1|p1', 'u1|p2', 'u3|p1', 'u3|p2']);
      });

      it('compares ISO time strings and ignores documents missing the field', async () => {
        await seed();
        const expired = await store.deliveries.query({
          where: [{ field: 'leaseUntil', op: '<=', value: '2026-01-05T09:02:00Z' }],
        });
        expect(ids(expired)).toEqual(['u1|p1']);
      });

      it('filters on dotted fields, including booleans', async () => {
        await seed();
        const skipped = await store.deliveries.query({
          where: [{ field: 'interaction.skipped', op: '=', value: true }],
        });
        expect(ids(skipped)).toEqual(['u1|p2']);
        const notSkipped = await store.deliveries.query({
          where: [{ field: 'interaction.skipped', op: '=', value: false }],
        });
        expect(ids(notSkipped)).toEqual(['u3|p1']);
      });

      it('matches a missing or null field with = null, and only present ones with != null', async () => {
        await seed();
        await store.deliveries.create(
          buildDelivery({ ownerId: 'u4', period: 'p1', leaseUntil: null as unknown as string }),
        );
        const noLease = await store.deliveries.query({ where: [{ field: 'leaseUntil', op: '=', value: null }] });
        expect(ids(noLease).sort()).toEqual(['u1|p2', 'u3|p1', 'u3|p2', 'u4|p1']);
        const withLease = await store.deliveries.query({ where: [{ field: 'leaseUntil', op: '!=', value: null }] });
        expect(ids(withLease).sort()).toEqual(['u1|p1', 'u2|p1']);
      });

      it('ANDs several conditions, including on the id and the partition key field', async () => {
        await seed();
        const found = await store.deliveries.query({
          where: [
            { field: 'state', op: '=', value: 'sent' },
            { field: 'attempts', op: '>=', value: 2 },
          ],
        });
        expect(ids(found)).toEqual(['u3|p1']);
        const byKey = await store.deliveries.query({
          where: [
            { field: 'ownerId', op: '=', value: 'u1' },
            { field: 'id', op: '=', value: 'u1|p2' },
          ],
        });
        expect(ids(byKey)).toEqual(['u1|p2']);
      });

      it('orders ascending and descending and limits the page', async () => {
        await seed();
        const asc = await store.deliveries.query({ orderBy: [{ field: 'attempts' }], limit: 2, where: [] });
        expect(asc.map((d) => d.attempts)).toEqual([0, 1]);
        const desc = await store.deliveries.query({ orderBy: [{ field: 'attempts', dir: 'desc' }], limit: 2 });
        expect(ids(desc)).toEqual(['u1|p2', 'u3|p1']);
      });

      it('orders by a string field with a filter', async () => {
        await seed();
        const found = await store.deliveries.query({
          where: [{ field: 'state', op: '!=', value: 'claimed' }],
          orderBy: [{ field: 'state', dir: 'asc' }],
        });
        expect(found.map((d) => d.state)).toEqual(['failed', 'sending', 'sent', 'sent']);
      });

      it('restricts a query to one partition', async () => {
        await seed();
        const u1 = await store.deliveries.query({ partitionKey: 'u1' });
        expect(ids(u1).sort()).toEqual(['u1|p1', 'u1|p2']);
        const u3Sent = await store.deliveries.query({
          partitionKey: 'u3',
          where: [{ field: 'state', op: '=', value: 'sent' }],
        });
        expect(ids(u3Sent)).toEqual(['u3|p1']);
      });

      it('counts matching documents, optionally in one partition', async () => {
        await seed();
        expect(await store.deliveries.count({})).toBe(5);
        expect(await store.deliveries.count({ where: [{ field: 'tenantId', op: '=', value: 'tenant-a' }] })).toBe(4);
        expect(await store.deliveries.count({ partitionKey: 'u3' })).toBe(2);
        expect(await store.deliveries.count({ partitionKey: 'nobody' })).toBe(0);
      });

      it('returns documents with their etags', async () => {
        await seed();
        const [doc] = await store.deliveries.query({ partitionKey: 'u2' });
        const read = await store.deliveries.get('u2', 'u2|p1');
        expect(doc).toEqual(read);
      });

      it('refuses a field path that is not a plain dotted identifier', async () => {
        await expectStoreError(
          store.deliveries.query({ where: [{ field: "state') OR 1=1 --", op: '=', value: 'x' }] }),
          'invalid',
        );
      });
    });

    describe('partitions', () => {
      it('deletes every document of one partition and reports how many', async () => {
        await store.deliveries.create(buildDelivery({ ownerId: 'u1', period: 'p1' }));
        await store.deliveries.create(buildDelivery({ ownerId: 'u1', period: 'p2' }));
        await store.deliveries.create(buildDelivery({ ownerId: 'u2', period: 'p1' }));
        expect(await store.deliveries.deletePartition('u1')).toBe(2);
        expect(await store.deliveries.count({ partitionKey: 'u1' })).toBe(0);
        expect(await store.deliveries.count({})).toBe(1);
        expect(await store.deliveries.deletePartition('u1')).toBe(0);
      });
    });

    describe('health', () => {
      it('answers ping when the backend is up', async () => {
        await expect(store.ping()).resolves.toBeUndefined();
      });

      it('fails reads, writes and ping with unavailable when the backend cannot be reached', async () => {
        const down = await factory.createUnreachable();
        try {
          await expectStoreError(down.ping(), 'unavailable');
          await expectStoreError(down.users.get('user-1', 'user-1'), 'unavailable');
          await expectStoreError(down.users.create(buildUser()), 'unavailable');
          await expectStoreError(down.deliveries.query({ partitionKey: 'u1' }), 'unavailable');
        } finally {
          await down.close();
        }
      });

      it('counts operations per kind in metrics', async () => {
        store.resetMetrics();
        await store.users.create(buildUser());
        await store.users.get('user-1', 'user-1');
        await store.users.get('user-1', 'user-1');
        const ops = store.metrics().ops;
        expect(ops['users.create']?.count).toBe(1);
        expect(ops['users.get']?.count).toBe(2);
        store.resetMetrics();
        expect(store.metrics().ops).toEqual({});
      });
    });
  });
}
