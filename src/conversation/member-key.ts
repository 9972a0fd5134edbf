import { createHash, createHmac } from 'node:crypto';

/**
 * The one key roll-out records know a person by: an HMAC-SHA256 of tenant and Entra object id with the
 * server's key (conversation/server-key.ts). It lets a roster read tell "already invited / said no /
 * deleted their data" without keeping the Entra id (or any name) in the roll-out records, and unlike a
 * plain hash it cannot be reversed by hashing a directory's ids without the key (security review L6).
 */
export function memberKey(secret: string, tenantId: string, aadObjectId: string): string {
  return createHmac('sha256', secret)
    .update(`rollout-member\n${tenantId.toLowerCase()}\n${aadObjectId.toLowerCase()}`)
    .digest('hex');
}

/**
 * The unsalted SHA-256 roll-out records used before keys were keyed (up to December 2026). Only read,
 * never written: a record found under it is re-keyed on its next use (rollout-person.ts), and the rest
 * expire with their TTL.
 */
export function legacyMemberKey(tenantId: string, aadObjectId: string): string {
  return createHash('sha256').update(`${tenantId.toLowerCase()}|${aadObjectId.toLowerCase()}`).digest('hex');
}
