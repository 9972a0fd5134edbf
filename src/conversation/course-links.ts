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

/** The signature of a course link for an organisation: HMAC-SHA256 over both, 128 bits, URL-safe. */
export function signCourseLink(key: string, courseId: string, tenantId: string): string {
  return createHmac('sha256', key)
    .update(`course-open\n${courseId}\n${tenantId}`)
    .digest()
    .subarray(0, 16)
    .toString('base64url');
}

/** Whether `signature` is the one this key gives the course and organisation (constant time). */
export function isSignedCourseLink(
  key: string | undefined,
  courseId: string,
  tenantId: string,
  signature: string,
): boolean {
  if (!key || !/^[A-Za-z0-9_-]{22}$/.test(signature)) return false;
  const expected = Buffer.from(signCourseLink(key, courseId, tenantId));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
