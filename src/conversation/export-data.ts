import { randomBytes } from 'node:crypto';
import type {
  DeliveryRecord,
  ExportRecord,
  Preferences,
  ReflectionRecord,
  ResponseRecord,
  UserRecord,
} from '../domain';
import type { ConversationDeps, Reply } from './deps';
import { formatLocal } from '../cards/time-format';
import { requireUser } from './users';
import { readRolloutRecordsOf } from './rollout-person';
import { isPreconditionFailed } from '../store/errors';

/** How long an export download link works. */
export const EXPORT_TTL_MINUTES = 15;

const strip = <T extends object>(doc: T): Omit<T, 'etag' | 'ttl'> => {
  const { etag: _e, ttl: _t, ...rest } = doc as T & { etag?: string; ttl?: number };
  return rest;
};

/** Reflections as plain text, ready to paste into an appraisal or revalidation portfolio. */
export function reflectionsAsText(
  deps: Pick<ConversationDeps, 'content'>,
  reflections: ReflectionRecord[],
  where: Pick<Preferences, 'timeZone' | 'locale'>,
): string {
  const lines = [
    'Leadership Nudges: my reflections',
    'Reflective notes on collective leadership, written after weekly nudges. No patient- or colleague-identifiable details should appear here.',
    '',
  ];
  for (const r of reflections) {
    const nudge = deps.content.nudges.find((n) => n.id === r.nudgeId);
    const behaviour = deps.content.behaviours.find((b) => b.id === r.behaviourId);
    lines.push(`Date: ${formatLocal(r.savedAt, where.timeZone, where.locale)}`);
    lines.push(`Behaviour: ${behaviour?.title ?? 'a behaviour no longer offered'}`);
    if (nudge) {
      lines.push(`Nudge: ${nudge.title}`);
      lines.push(`Prompt: ${nudge.reflection}`);
    }
    lines.push('Reflection:', r.text, '');
  }
  return lines.join('\n');
}

/**
 * Everything stored about one person, as the export file holds it: their record when there is one,
 * and every record in their partitions whether or not there is (someone who only answered team polls
 * has answers and votes but no record: a subject access request must find those too, review L7), and
 * the roll-out records kept under their keyed hash. Refused only when nothing at all is stored.
 */
export async function collectPersonalData(deps: ConversationDeps, userId: string) {
  const [user, deliveries, responses] = await Promise.all([
    deps.store.users.get(userId, userId),
    deps.store.deliveries.query({ partitionKey: userId }) as Promise<DeliveryRecord[]>,
    deps.store.responses.query({ partitionKey: userId }) as Promise<ResponseRecord[]>,
  ]);
  const tenantId = user?.tenantId ?? responses[0]?.tenantId ?? deliveries[0]?.tenantId;
  const rollout = tenantId ? await readRolloutRecordsOf(deps, tenantId, user?.aadObjectId ?? userId) : [];
  if (!user && deliveries.length === 0 && responses.length === 0) await requireUser(deps, userId); // nothing: says so
  const reflections = responses.filter((r): r is ReflectionRecord => r.kind === 'reflection');
  reflections.sort((a, b) => a.savedAt.localeCompare(b.savedAt));
  const { conversation, ...profile } = user ? strip(user as UserRecord) : { conversation: undefined };
  const where = user?.prefs ?? { timeZone: deps.config.defaultTimeZone };
  return {
    user,
    data: {
      exportedAt: deps.now().toISOString(),
      about:
        'Everything Leadership Nudges stores about you. Team and organisation results are anonymous counts and are not included.',
      profile,
      // How the bot reaches the person in Teams (service URL, conversation and Teams user ids): stored, so exported.
      conversationReference: conversation,
      deliveries: deliveries.map(strip),
      pollAnswers: responses.filter((r) => r.kind === 'poll').map(strip),
      pollVotes: responses.filter((r) => r.kind === 'vote').map(strip),
      reflections: reflections.map(strip),
      feedback: responses.filter((r) => r.kind === 'feedback').map(strip),
      courseClicks: responses.filter((r) => r.kind === 'course').map(strip),
      // Minutes the person recorded against nudges and courses (their portfolio's learning-time log).
      learningTime: responses.filter((r) => r.kind === 'learning').map(strip),
      // Pseudonymous roll-out records under their keyed hash: team memberships and what they said to it.
      rollout: rollout.map(strip),
      reflectionsText: reflectionsAsText(deps, reflections, where),
    },
  };
}

/**
 * Stores a download for one person under an unguessable token and gives its link (valid for
 * {@link EXPORT_TTL_MINUTES}; the record is stored, so any instance can serve it). The one mechanism
 * behind both the data export and a portfolio's Word document.
 */
export async function storeDownload(
  deps: Pick<ConversationDeps, 'store' | 'now' | 'config'>,
  user: Pick<UserRecord, 'userId' | 'tenantId'>,
  content: Pick<ExportRecord, 'json' | 'text' | 'document'>,
): Promise<{ url: string; expiresAt: string }> {
  const token = randomBytes(24).toString('base64url');
  const expiresAt = new Date(deps.now().getTime() + EXPORT_TTL_MINUTES * 60_000).toISOString();
  const record: ExportRecord = {
    id: token,
    userId: user.userId,
    tenantId: user.tenantId,
    ...content,
    expiresAt,
    ttl: EXPORT_TTL_MINUTES * 60,
  };
  await deps.store.exports.create(record);
  return { url: `${deps.config.publicBaseUrl}/api/export/${token}`, expiresAt };
}

/**
 * Prepares a person's export and answers with a card holding a download link that works for
 * 15 minutes, guarded by an unguessable token (stored, so any instance can serve it).
 */
export async function exportData(deps: ConversationDeps, userId: string): Promise<Reply> {
  const user = await requireUser(deps, userId);
  const { data } = await collectPersonalData(deps, userId);
  const { url, expiresAt } = await storeDownload(deps, user, {
    json: JSON.stringify(data, null, 2),
    text: data.reflectionsText,
  });
  return {
    summary: 'Your data export',
    card: deps.renderCard('export', {
      url,
      textUrl: `${url}?format=text`,
      expiresText: `${formatLocal(expiresAt, user.prefs.timeZone, user.prefs.locale)} (in ${EXPORT_TTL_MINUTES} minutes)`,
    }),
  };
}

/** What the download route gets for a token: the file, 'used' (downloaded already), or undefined (unknown or expired). */
export type ExportDownload = { body: string | Buffer; fileName: string; contentType: string } | 'used' | undefined;

/**
 * Hands out an unexpired export by token, for the download route, once per format (the card's JSON
 * and text links each work once: security review L2 found a link that worked for 15 minutes to
 * anyone who saw it). The download is claimed with a conditional write, so two instances or two
 * quick clicks cannot both get it. Any instance can answer.
 */
export async function findExport(
  deps: Pick<ConversationDeps, 'store' | 'now'>,
  token: string,
  format: 'json' | 'text' = 'json',
): Promise<ExportDownload> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const found = await deps.store.exports.query({ where: [{ field: 'id', op: '=', value: token }], limit: 1 });
    const record = found[0];
    if (!record || Date.parse(record.expiresAt) <= deps.now().getTime()) return undefined;
    // A ready-made file (a portfolio's Word document) has one link and one use, whatever format is asked.
    const key = record.document ? 'json' : format;
    const downloaded = record.downloaded ?? [];
    if (downloaded.includes(key)) return 'used';
    const { etag, ...rest } = record;
    try {
      await deps.store.exports.replace({ ...rest, downloaded: [...downloaded, key] }, etag);
    } catch (e) {
      if (isPreconditionFailed(e)) continue; // another download of this export at the same moment: look again
      throw e;
    }
    if (record.document) {
      const { base64, fileName, contentType } = record.document;
      return { body: Buffer.from(base64, 'base64'), fileName, contentType };
    }
    return format === 'text'
      ? { body: record.text, fileName: 'leadership-nudges-reflections.txt', contentType: 'text/plain; charset=utf-8' }
      : {
          body: record.json,
          fileName: 'leadership-nudges-export.json',
          contentType: 'application/json; charset=utf-8',
        };
  }
  return 'used';
}
