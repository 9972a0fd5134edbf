/** A short-lived export a person can download with an unguessable token. */
export interface ExportRecord {
  id: string; // the token
  userId: string;
  tenantId: string;
  json: string;
  text: string;
  expiresAt: string;
  /** The formats already downloaded: each link works once (security review L2). */
  downloaded?: ('json' | 'text')[];
  ttl?: number;
}
