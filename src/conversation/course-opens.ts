import { DateTime } from 'luxon';
import type { Content } from '../content/types';
import type { Store } from '../store/port';
import type { AggregateRecord } from '../domain';
import { applyCountChange } from './running-counts';
import { randomBytes } from 'node:crypto';
import type { Config } from '../config';
import { isConflict } from '../store/errors';
import { COURSE_OPEN_MARKER_PREFIX } from '../store/retention';
import { isSignedCourseLink } from './course-links';
import { readPractice } from '../practice/practice-records';

/**
 * Where course links point: the bot counts the open (per practice, anonymously) and redirects. The
 * link's `t` is the tenant, or `tenant~practice` for someone in a practice (see linkScope); only a
 * signed link with a practice counts, in that practice. A tenant-only link (someone in no practice, a
 * link from before practices) redirects and counts nothing.
 */
export interface CourseLinkBase {
  baseUrl: string;
  /** The link's scope: `tenantId` or `tenantId~practiceId` (what the signature covers). */
  tenantId: string;
  /** The link's signature for a course (see course-links); absent = unsigned (its opens count nothing). */
  sign?: (courseId: string) => string;
  /** Who the card is for, as a course-link holder reference (see course-links): opens count once per holder. */
  holder?: string;
}

/** The scope a course link carries and is signed over: the tenant, and the practice when there is one. */
export const linkScope = (tenantId: string, practiceId?: string): string =>
  practiceId ? `${tenantId}~${practiceId}` : tenantId;

/** Course opens are kept per practice; those kept per tenant before practices existed are never read. */
const groupOf = (tenantId: string, practiceId: string) => `course-opens|${tenantId}|${practiceId}`;
const weekOf = (at: Date) => {
  const dt = DateTime.fromJSDate(at, { zone: 'utc' });
  return `${dt.weekYear}-W${String(dt.weekNumber).padStart(2, '0')}`;
};

/** The link a card shows for a course: through the bot's /go route, which counts it and redirects. */
export function trackedCourseUrl(base: CourseLinkBase, courseId: string): string {
  const url = `${base.baseUrl}/go/${encodeURIComponent(courseId)}?t=${encodeURIComponent(base.tenantId)}`;
  const held = base.holder ? `${url}&h=${encodeURIComponent(base.holder)}` : url;
  return base.sign ? `${held}&s=${encodeURIComponent(base.sign(courseId))}` : held;
}

/** Whether an organisation may have course opens counted: allowed (ALLOWED_TENANTS) and installed. */
async function isCountableTenant(
  deps: { store: Store; config: Pick<Config, 'allowedTenants'> },
  tenantId: string,
): Promise<boolean> {
  const allowed = deps.config.allowedTenants;
  if (allowed.length > 0 && !allowed.includes(tenantId)) return false;
  const where = [{ field: 'tenantId', op: '=' as const, value: tenantId }];
  const [users, teams] = await Promise.all([
    deps.store.users.query({ where, limit: 1 }),
    deps.store.teams.query({ where, limit: 1 }),
  ]);
  return users.length > 0 || teams.length > 0;
}

/** How long an open marker is kept: the rest of its week at most, plus a day's slack. */
export const COURSE_OPEN_MARKER_SECONDS = 8 * 86_400;

/**
 * Whether this is the first open of the course this week by this holder (a link made before holders
 * existed has none: then by its organisation, so an old link counts once a week however often it
 * is replayed). A marker in `leases` (no personal id: the holder reference) claims the open.
 */
async function isFirstOpenThisWeek(
  store: Store,
  tenantId: string,
  courseId: string,
  holder: string,
  now: Date,
): Promise<boolean> {
  try {
    await store.leases.create({
      id: `${COURSE_OPEN_MARKER_PREFIX}${weekOf(now)}|${tenantId}|${courseId}|${holder || 'link'}`,
      owner: 'course-open',
      until: new Date(now.getTime() + COURSE_OPEN_MARKER_SECONDS * 1000).toISOString(),
      updatedAt: now.toISOString(),
      ttl: COURSE_OPEN_MARKER_SECONDS,
    });
    return true;
  } catch (e) {
    if (isConflict(e)) return false;
    throw e;
  }
}

/**
 * Counts one open of a catalogue course for a practice (no person is recorded) and returns the
 * provider's URL to redirect to. Undefined for an id not in the catalogue, so /go is no open redirect.
 * Only a link signed by this bot for that course and practice, of an active practice of an allowed
 * organisation the bot is installed in, is counted; any other still redirects and counts nothing (/go needs no sign-in).
 */
export async function recordCourseOpen(
  deps: {
    store: Store;
    content: Pick<Content, 'courses'>;
    config: Pick<Config, 'allowedTenants' | 'linkSigningKey'>;
    now: () => Date;
  },
  courseId: string,
  scope: string,
  signature: string,
  holder = '',
): Promise<string | undefined> {
  const course = deps.content.courses.find((c) => c.id === courseId);
  if (!course) return undefined;
  const [tenantId = '', practiceId, ...rest] = scope.split('~');
  if (!/^[\w-]{1,100}$/.test(tenantId) || rest.length > 0 || !/^[\w-]{0,40}$/.test(holder)) return course.url;
  if (!practiceId || !/^[\w-]{1,100}$/.test(practiceId)) return course.url;
  if (!isSignedCourseLink(deps.config.linkSigningKey, courseId, scope, signature, holder)) return course.url;
  if (!(await isCountableTenant(deps, tenantId))) return course.url;
  if ((await readPractice(deps.store, tenantId, practiceId))?.status !== 'active') return course.url;
  const now = deps.now();
  if (!(await isFirstOpenThisWeek(deps.store, tenantId, courseId, holder, now))) return course.url;
  await applyCountChange(
    deps.store,
    {
      groupId: groupOf(tenantId, practiceId),
      tenantId,
      pollId: weekOf(now),
      behaviourId: '',
      to: { optionId: courseId },
      opId: randomBytes(8).toString('hex'),
    },
    now.toISOString(),
  );
  return course.url;
}

/** Course opens per course for a practice over the last `weeks` weeks (weekly buckets). */
export async function readCourseOpens(
  store: Store,
  tenantId: string,
  practiceId: string,
  now: Date,
  weeks: number,
): Promise<Map<string, number>> {
  const since = weekOf(new Date(now.getTime() - (weeks - 1) * 7 * 86_400_000));
  const buckets = (await store.aggregates.query({
    partitionKey: groupOf(tenantId, practiceId),
    where: [{ field: 'pollId', op: '>=', value: since }],
  })) as AggregateRecord[];
  const totals = new Map<string, number>();
  for (const b of buckets) for (const [id, n] of Object.entries(b.counts)) totals.set(id, (totals.get(id) ?? 0) + n);
  return totals;
}
