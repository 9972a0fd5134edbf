import { createHmac } from 'node:crypto';

/**
 * Ids that point at a person or a chat (Entra object ids, Teams user ids, conversation and delivery
 * ids) must not reach logs or telemetry in the clear (security review N4): they outlive "delete my
 * data" there for 30 days. Logs carry a keyed pseudonym instead (the same person gives the same
 * pseudonym, so an operator can still follow one person's failures); telemetry carries nothing.
 */

/** Log fields whose value is a person's or a chat's id. */
export const PERSONAL_ID_FIELDS: ReadonlySet<string> = new Set([
  'userId',
  'aadObjectId',
  'conversationId',
  'deliveryId',
  'ownerId',
  'teamsId',
  'userTeamsId',
  'memberId',
  'fromId',
  'recipientId',
  'actorId',
  'personId',
  'teamId',
  'channelId',
  'activityId',
  'replyToId',
  'responseId',
]);

/** Objects whose `id` field is a person's or a chat's id (`from.id`, `conversation.id`...). */
const ID_HOLDERS: ReadonlySet<string> = new Set([
  'from',
  'recipient',
  'user',
  'member',
  'conversation',
  'team',
  'channel',
]);

/** Fields kept as they are: an organisation's tenant id, not a person's. */
const KEPT_FIELDS: ReadonlySet<string> = new Set([
  'tenantId',
  'tenantIds',
  'instanceId',
  'msg',
  'event',
  'level',
  'time',
]);

const GUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
/** Teams and Bot Framework ids: 29:… (user), 28:… (bot), 8:orgid:…, 19:…@thread… (chat), a:… / f:… (personal chat). */
const TEAMS_ID = /(?<![\w:%])(?:29|28|19|8|a|f)(?::|%3[Aa])[^\s/"'?&|,;)}\]]+/g;

/** Replaces every id-looking part of free text (an error message, a URL) with `replace(id)`. */
export function scrubIds(text: string, replace: (id: string) => string): string {
  return text.replace(TEAMS_ID, replace).replace(GUID, replace);
}

/** Gives keyed pseudonyms of ids once it has a key; '[id]' (nothing) until then. */
export interface Pseudonymiser {
  setKey(key: string): void;
  /** `p_` and 16 characters of HMAC-SHA256 under the key: stable per id, not reversible without the key. */
  of(id: string): string;
  /** A copy of a log record with every personal id replaced by its pseudonym. */
  scrubRecord(record: object): Record<string, unknown>;
}

export function createPseudonymiser(): Pseudonymiser {
  let key: string | undefined;
  const of = (id: string): string =>
    key === undefined
      ? '[id]'
      : `p_${createHmac('sha256', key).update(`log-pseudonym\n${id}`).digest('base64url').slice(0, 16)}`;
  const pseudonymOrText = (value: unknown): unknown =>
    typeof value === 'string' ? of(value) : typeof value === 'number' ? of(String(value)) : scrub(value, 1);

  function scrub(value: unknown, depth: number): unknown {
    if (typeof value === 'string') return scrubIds(value, of);
    if (value === null || typeof value !== 'object') return value;
    if (depth > 6) return '[deep]';
    if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1));
    const source: Record<string, unknown> =
      value instanceof Error
        ? {
            name: value.name,
            message: value.message,
            code: (value as { code?: unknown }).code,
            status: (value as { status?: unknown }).status,
            statusCode: (value as { statusCode?: unknown }).statusCode,
            stack: value.stack,
          }
        : (value as Record<string, unknown>);
    const out: Record<string, unknown> = {};
    for (const [field, v] of Object.entries(source)) {
      if (v === undefined) continue;
      if (KEPT_FIELDS.has(field)) out[field] = v;
      else if (PERSONAL_ID_FIELDS.has(field))
        out[field] = Array.isArray(v) ? v.map(pseudonymOrText) : pseudonymOrText(v);
      else if (ID_HOLDERS.has(field) && v && typeof v === 'object' && !Array.isArray(v)) {
        const inner = scrub(v, depth + 1) as Record<string, unknown>;
        const id = (v as { id?: unknown }).id;
        out[field] = typeof id === 'string' ? { ...inner, id: of(id) } : inner;
      } else out[field] = scrub(v, depth + 1);
    }
    return out;
  }

  return {
    setKey: (k) => {
      key = k;
    },
    of,
    scrubRecord: (record) => scrub(record, 0) as Record<string, unknown>,
  };
}
