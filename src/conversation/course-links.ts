import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Config } from '../config';
import { isConflict } from '../store/errors';
import type { Store } from '../store/port';

/** Id of the stored link-signing key (in the leases container: a small document with no personal data). */
export const LINK_KEY_ID = 'link-signing-key';

/**
 * The key course links are signed with: LINK_SIGNING_KEY when set; else a random key made once and
 * kept in the store (embedded: inside the data folder's 0600 database file; Cosmos DB: one document
 * in `leases`), so every instance and restart signs alike without a secret in app settings.
 */
export async function resolveLinkSigningKey(store: Store, config: Pick<Config, 'linkSigningKey'>): Promise<string> {
  if (config.linkSigningKey) return config.linkSigningKey;
  for (let attempt = 0; attempt < 3; attempt++) {
    const found = await store.leases.get(LINK_KEY_ID, LINK_KEY_ID);
    if (found) return found.owner;
    try {
      // ttl -1: the key outlives the retention period, or links in old cards would stop counting.
      const created = await store.leases.create({
        id: LINK_KEY_ID,
        owner: randomBytes(32).toString('hex'),
        until: '9999-12-31T00:00:00.000Z',
        updatedAt: new Date().toISOString(),
        ttl: -1,
      });
      return created.owner;
    } catch (e) {
      if (!isConflict(e)) throw e;
    }
  }
  throw new Error('link signing key: could not be read or created');
}

/**
 * The signature of a course link for an organisation (and the person it was shown to, by their
 * holder reference): HMAC-SHA256 over them, 128 bits, URL-safe. Links made before holders existed
 * were signed without one and still verify with holder ''.
 */
export function signCourseLink(key: string, courseId: string, tenantId: string, holder = ''): string {
  return createHmac('sha256', key)
    .update(`course-open\n${courseId}\n${tenantId}${holder ? `\n${holder}` : ''}`)
    .digest()
    .subarray(0, 16)
    .toString('base64url');
}

/**
 * Who a course link was shown to, as a reference that counts their opens once (security review L1:
 * one link replayed 200 times counted 200 opens). HMAC of organisation and person under the link
 * key, 96 bits: the same for every card of that person, and no id can be read back from it.
 */
export function courseLinkHolder(key: string, tenantId: string, userId: string): string {
  return createHmac('sha256', key)
    .update(`course-holder\n${tenantId}\n${userId}`)
    .digest()
    .subarray(0, 12)
    .toString('base64url');
}

/** Whether `signature` is the one this key gives the course and organisation (constant time). */
export function isSignedCourseLink(
  key: string | undefined,
  courseId: string,
  tenantId: string,
  signature: string,
  holder = '',
): boolean {
  if (!key || !/^[A-Za-z0-9_-]{22}$/.test(signature)) return false;
  const expected = Buffer.from(signCourseLink(key, courseId, tenantId, holder));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
