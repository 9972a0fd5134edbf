import { isConflict } from '../store/errors';
import type { Store } from '../store/port';
import { practiceLeadId, type PracticeDoc, type PracticeLeadRecord } from '../domain';
import { PracticeError } from './errors';
import { isPracticeMember } from './membership';
import type { PracticeDeps } from './practice-deps';
import { readPractice } from './practice-records';

/** The most leads a practice may have (a practice is 5 to 100 people; leads are a few of them). */
export const MAX_LEADS = 20;

const leadsWhere = (tenantId: string, field: 'practiceId' | 'userId', value: string) => ({
  partitionKey: tenantId,
  where: [
    { field: 'tenantId', op: '=' as const, value: tenantId },
    { field: 'kind', op: '=' as const, value: 'lead' },
    { field, op: '=' as const, value },
  ],
});

/** The person ids of a practice's leads, sorted. */
export async function leadsOf(store: Store, tenantId: string, practiceId: string): Promise<string[]> {
  const rows = (await store.practices.query(leadsWhere(tenantId, 'practiceId', practiceId))) as PracticeLeadRecord[];
  return rows.map((r) => r.userId).sort();
}

/** Whether the person leads the practice (a point read: no list of practices is read). */
export async function isLead(store: Store, tenantId: string, practiceId: string, userId: string): Promise<boolean> {
  return (await store.practices.get(tenantId, practiceLeadId(practiceId, userId)))?.kind === 'lead';
}

/** The active practices a person leads, by name (one query on their lead records, then point reads). */
export async function practicesLedBy(store: Store, tenantId: string, userId: string): Promise<PracticeDoc[]> {
  const rows = (await store.practices.query(leadsWhere(tenantId, 'userId', userId))) as PracticeLeadRecord[];
  const practices = await Promise.all(rows.map((r) => readPractice(store, tenantId, r.practiceId)));
  return practices
    .filter((p): p is NonNullable<typeof p> => p?.status === 'active')
    .sort((a, b) => a.name.localeCompare(b.name) || a.practiceId.localeCompare(b.practiceId));
}

/** Makes a person a lead (idempotent). Checks are the caller's: see changeLeads. */
export async function addLeadRecord(deps: PracticeDeps, tenantId: string, practiceId: string, userId: string) {
  const record: PracticeLeadRecord = {
    id: practiceLeadId(practiceId, userId),
    kind: 'lead',
    tenantId,
    practiceId,
    userId,
    createdAt: deps.now().toISOString(),
  };
  try {
    await deps.store.practices.create(record);
  } catch (e) {
    if (!isConflict(e)) throw e;
  }
}

/** Removes a lead (idempotent); true when they were one. */
export async function removeLeadRecord(deps: PracticeDeps, tenantId: string, practiceId: string, userId: string) {
  return deps.store.practices.delete(tenantId, practiceLeadId(practiceId, userId));
}

/**
 * A lead changes who leads the practice: `wanted` is the whole new list (from the settings card's
 * people picker, Entra object ids, which are the project's person ids). Only a lead of this practice
 * may; every new lead must be a member of the practice (in one of its teams' rosters); at least one
 * lead stays. Returns the leads after the change.
 */
export async function changeLeads(
  deps: PracticeDeps,
  who: { tenantId: string; userId: string },
  practiceId: string,
  wanted: readonly string[],
): Promise<string[]> {
  const practice = await readPractice(deps.store, who.tenantId, practiceId);
  if (!practice || practice.status !== 'active' || !(await isLead(deps.store, who.tenantId, practiceId, who.userId))) {
    throw new PracticeError('forbidden', 'Only a lead of this practice can change its leads.');
  }
  const next = [...new Set(wanted.map((w) => w.trim()).filter((w) => w !== ''))];
  if (next.length === 0) throw new PracticeError('invalid_input', 'A practice needs at least one lead.');
  if (next.length > MAX_LEADS)
    throw new PracticeError('invalid_input', `A practice can have up to ${MAX_LEADS} leads.`);
  const current = await leadsOf(deps.store, who.tenantId, practiceId);
  const added = next.filter((id) => !current.includes(id));
  for (const id of added) {
    if (!/^[\w-]{1,100}$/.test(id) || !(await isPracticeMember(deps.store, who.tenantId, practiceId, id))) {
      throw new PracticeError(
        'invalid_input',
        'Leads must be members of the practice: people in one of its teams. Nothing was changed.',
      );
    }
  }
  for (const id of added) await addLeadRecord(deps, who.tenantId, practiceId, id);
  for (const id of current.filter((c) => !next.includes(c))) await removeLeadRecord(deps, who.tenantId, practiceId, id);
  return leadsOf(deps.store, who.tenantId, practiceId);
}

/**
 * The operator's support override (`nudges practice add-lead`): makes a member of the practice a lead,
 * for a practice whose leads have all left. The same rule as the card: members only.
 */
export async function addLeadAsOperator(
  deps: PracticeDeps,
  tenantId: string,
  practiceId: string,
  userId: string,
): Promise<string[]> {
  const practice = await readPractice(deps.store, tenantId, practiceId);
  if (!practice) throw new PracticeError('not_found', `No practice ${practiceId} in tenant ${tenantId}.`);
  if (!(await isPracticeMember(deps.store, tenantId, practiceId, userId))) {
    throw new PracticeError('invalid_input', 'That person is not in a team of this practice: leads must be members.');
  }
  await addLeadRecord(deps, tenantId, practiceId, userId);
  return leadsOf(deps.store, tenantId, practiceId);
}

/** The operator's `nudges practice remove-lead`: removes a lead, never the last one. */
export async function removeLeadAsOperator(
  deps: PracticeDeps,
  tenantId: string,
  practiceId: string,
  userId: string,
): Promise<string[]> {
  const practice = await readPractice(deps.store, tenantId, practiceId);
  if (!practice) throw new PracticeError('not_found', `No practice ${practiceId} in tenant ${tenantId}.`);
  const leads = await leadsOf(deps.store, tenantId, practiceId);
  if (!leads.includes(userId)) throw new PracticeError('not_found', 'That person is not a lead of this practice.');
  if (leads.length === 1)
    throw new PracticeError('invalid_input', 'A practice needs at least one lead: add another first.');
  await removeLeadRecord(deps, tenantId, practiceId, userId);
  return leadsOf(deps.store, tenantId, practiceId);
}
