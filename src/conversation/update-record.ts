import { isPreconditionFailed } from '../store/errors';
import type { Collection, Versioned } from '../store/port';
import { ConversationError } from './errors';

const MAX_ATTEMPTS = 5;

/**
 * Applies `change` to a record with a conditional write (its etag), re-reading and retrying when
 * another instance wrote in between; stamps `updatedAt`. After five conflicts in a row, a
 * ConversationError `store_unavailable` with `conflictMessage` for the person.
 */
export async function updateRecord<T extends { id: string; updatedAt: string }>(
  read: () => Promise<Versioned<T>>,
  collection: Pick<Collection<T>, 'replace'>,
  change: (doc: T) => T,
  now: () => Date,
  conflictMessage: string,
): Promise<Versioned<T>> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const { etag, ...doc } = await read();
    try {
      return await collection.replace({ ...change(doc as unknown as T), updatedAt: now().toISOString() }, etag);
    } catch (e) {
      if (!isPreconditionFailed(e)) throw e;
    }
  }
  throw new ConversationError('store_unavailable', conflictMessage);
}
