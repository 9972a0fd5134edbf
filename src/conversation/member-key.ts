import { createHash } from 'node:crypto';

/**
 * The one key roll-out records know a person by: a SHA-256 of tenant and Entra object id. It lets a
 * roster read tell "already invited / said no / deleted their data" without keeping the Entra id
 * (or any name) in the roll-out records, and it means nothing outside this tenant's roster.
 */
export function memberKey(tenantId: string, aadObjectId: string): string {
  return createHash('sha256').update(`${tenantId.toLowerCase()}|${aadObjectId.toLowerCase()}`).digest('hex');
}
