/** A short-lived export a person can download with an unguessable token. */
export interface ExportRecord {
  id: string; // the token
  userId: string;
  tenantId: string;
  json: string;
  text: string;
  /** A ready-made file served instead of json/text (a portfolio's Word document), base64-encoded. */
  document?: ExportDocument;
  expiresAt: string;
  /** The formats already downloaded: each link works once (security review L2). */
  downloaded?: ('json' | 'text')[];
  ttl?: number;
}

/** A file an export link serves as it is (e.g. a portfolio .docx). */
export interface ExportDocument {
  fileName: string;
  contentType: string;
  base64: string;
}
