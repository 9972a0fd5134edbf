import type { Container, ItemDefinition, SqlQuerySpec } from '@azure/cosmos';
import type { ContainerSpec } from '../containers';
import { StoreError } from '../errors';
import type { OpMetrics } from '../op-metrics';
import type { Collection, Query, Versioned } from '../port';
import { chargeOfError, mapCosmosError } from './map-cosmos-error';
import { translateCount, translateIds, translateQuery } from './translate-query';

/** How many deletes deletePartition keeps in flight. */
const DELETE_CONCURRENCY = 10;

/** Properties Cosmos DB adds to every item; callers never see them. */
const SYSTEM_FIELDS = ['_rid', '_self', '_ts', '_attachments', '_etag', '_lsn'];

/** Removes Cosmos DB system properties and exposes `_etag` as `etag`. */
export function toVersioned<T>(resource: ItemDefinition): Versioned<T> {
  const doc: Record<string, unknown> = { ...resource };
  for (const field of SYSTEM_FIELDS) delete doc[field];
  return { ...(doc as T), etag: String(resource._etag) };
}

/**
 * A Collection backed by one Cosmos DB container. Every call records its request charge under
 * `<container>.<operation>` (failed calls too), and every failure becomes a StoreError.
 */
export function createCosmosCollection<T extends { id: string }>(
  spec: ContainerSpec,
  container: () => Container,
  metrics: OpMetrics,
): Collection<T> {
  const call = async <R>(op: string, body: () => Promise<{ value: R; charge: number }>): Promise<R> => {
    const kind = `${spec.name}.${op}`;
    try {
      const { value, charge } = await body();
      metrics.record(kind, charge);
      return value;
    } catch (err) {
      metrics.record(kind, chargeOfError(err));
      throw mapCosmosError(err, kind);
    }
  };

  const partitionOf = (doc: T): string => {
    const pk = (doc as Record<string, unknown>)[spec.partitionField];
    if (typeof pk !== 'string' || pk === '') {
      throw new StoreError('invalid', `${spec.name} document needs a string ${spec.partitionField}`);
    }
    return pk;
  };

  const bodyOf = (doc: T): ItemDefinition => {
    const { etag: _etag, ...rest } = doc as T & { etag?: unknown };
    return rest;
  };

  const written = (resource: ItemDefinition | undefined, op: string): Versioned<T> => {
    if (!resource) throw new StoreError('unavailable', `${spec.name}.${op}: Cosmos DB returned no document`);
    return toVersioned<T>(resource);
  };

  /**
   * The conditions plus an explicit partition-key filter. Real Cosmos DB already scopes a query to
   * the partitionKey option, but @vercel/cosmosdb-server ignores that option, so the filter is also
   * written into the SQL (it costs nothing on a single-partition query).
   */
  const scoped = (q: Query): Query =>
    q.partitionKey === undefined
      ? q
      : { ...q, where: [...(q.where ?? []), { field: spec.partitionField, op: '=', value: q.partitionKey }] };

  const queryAll = async <R>(query: SqlQuerySpec, partitionKey?: string): Promise<{ value: R[]; charge: number }> => {
    const res = await container()
      .items.query<R>(query, partitionKey !== undefined ? { partitionKey } : {})
      .fetchAll();
    return { value: res.resources, charge: res.requestCharge };
  };

  const deleteItem = async (pk: string, id: string, etag?: string) => {
    const options = etag !== undefined ? { accessCondition: { type: 'IfMatch', condition: etag } } : undefined;
    const res = await container().item(id, pk).delete(options);
    return res.requestCharge;
  };

  return {
    get: (pk, id) =>
      call('get', async () => {
        // The SDK resolves a missing item with statusCode 404 and no resource rather than throwing.
        const res = await container().item(id, pk).read<ItemDefinition>();
        return { value: res.resource ? toVersioned<T>(res.resource) : undefined, charge: res.requestCharge };
      }),

    create: (doc) =>
      call('create', async () => {
        partitionOf(doc);
        const res = await container().items.create(bodyOf(doc));
        return { value: written(res.resource, 'create'), charge: res.requestCharge };
      }),

    upsert: (doc) =>
      call('upsert', async () => {
        partitionOf(doc);
        const res = await container().items.upsert(bodyOf(doc));
        return { value: written(res.resource, 'upsert'), charge: res.requestCharge };
      }),

    replace: (doc, etag) =>
      call('replace', async () => {
        const res = await container()
          .item(doc.id, partitionOf(doc))
          .replace(bodyOf(doc), { accessCondition: { type: 'IfMatch', condition: etag } });
        return { value: written(res.resource, 'replace'), charge: res.requestCharge };
      }),

    delete: (pk, id, etag) =>
      call('delete', async () => {
        try {
          return { value: true, charge: await deleteItem(pk, id, etag) };
        } catch (err) {
          if (mapCosmosError(err, 'delete').code === 'not_found') return { value: false, charge: chargeOfError(err) };
          throw err;
        }
      }),

    query: (q) =>
      call('query', async () => {
        const { value, charge } = await queryAll<ItemDefinition>(translateQuery(scoped(q)), q.partitionKey);
        return { value: value.map((r) => toVersioned<T>(r)), charge };
      }),

    count: (q) =>
      call('count', async () => {
        const { value, charge } = await queryAll<number>(translateCount(scoped(q)), q.partitionKey);
        // A cross-partition COUNT can come back as one partial count per partition range.
        return { value: value.reduce((sum, n) => sum + n, 0), charge };
      }),

    deletePartition: (pk) =>
      call('deletePartition', async () => {
        const ids = await queryAll<string>(translateIds(scoped({ partitionKey: pk })), pk);
        let charge = ids.charge;
        let deleted = 0;
        const pending = [...ids.value];
        const worker = async (): Promise<void> => {
          for (let id = pending.pop(); id !== undefined; id = pending.pop()) {
            try {
              charge += await deleteItem(pk, id);
              deleted += 1;
            } catch (err) {
              charge += chargeOfError(err);
              if (mapCosmosError(err, 'delete').code !== 'not_found') throw err;
            }
          }
        };
        await Promise.all(Array.from({ length: DELETE_CONCURRENCY }, worker));
        return { value: deleted, charge };
      }),
  };
}
