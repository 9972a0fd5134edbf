/** A named lease (e.g. the per-tenant sender lease). */
export interface LeaseRecord {
  id: string;
  owner: string;
  until: string;
  updatedAt: string;
  ttl?: number;
}
