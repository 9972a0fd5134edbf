const STRING_FIELDS = ['type', 'id', 'serviceUrl', 'channelId', 'name', 'text', 'locale', 'replyToId', 'action'];
const OBJECT_FIELDS = ['from', 'recipient', 'conversation', 'channelData'];
const ARRAY_FIELDS = ['membersAdded', 'membersRemoved', 'entities', 'attachments'];

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * True when `body` has the shape botbuilder relies on before our handlers run: a string `type`,
 * strings, objects and arrays where the Bot Framework schema puts them, and string ids in `from`,
 * `recipient` and `conversation`. botbuilder reads these without checking (e.g. it lower-cases
 * `serviceUrl`), so anything else would fail inside it with a 500; we answer 400 instead.
 */
export function hasActivityShape(body: unknown): boolean {
  if (!isPlainObject(body) || typeof body.type !== 'string' || body.type.length === 0) return false;
  for (const f of STRING_FIELDS)
    if (body[f] !== undefined && body[f] !== null && typeof body[f] !== 'string') return false;
  for (const f of OBJECT_FIELDS) {
    const v = body[f];
    if (v === undefined || v === null) continue;
    if (!isPlainObject(v)) return false;
    if (f !== 'channelData' && v.id !== undefined && typeof v.id !== 'string') return false;
  }
  for (const f of ARRAY_FIELDS) {
    const v = body[f];
    if (v !== undefined && v !== null && (!Array.isArray(v) || !v.every(isPlainObject))) return false;
  }
  return true;
}
