/** A named lease (e.g. the per-tenant sender lease). */
export interface LeaseRecord {
  id: string;
  owner: string;
  until: string;
  updatedAt: string;
  /** Seconds until the store removes the record (sender leases, tenant pauses). */
  ttl?: number;
}
