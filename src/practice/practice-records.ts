import { randomUUID } from 'node:crypto';
import { isConflict, isPreconditionFailed } from '../store/errors';
import type { Store, Versioned } from '../store/port';
import { practiceDocId, practiceTeamId, type PracticeDoc, type PracticeTeamRecord } from '../domain';
import { PracticeError } from './errors';
import type { PracticeDeps } from './practice-deps';

/** A new practice's id: random, so it says nothing about the practice or who set it up. */
export const newPracticeId = (): string => randomUUID();

/** A practice of the tenant, or undefined (a practice of another tenant is never found: it lives in its own partition). */
export async function readPractice(
  store: Store,
  tenantId: string,
  practiceId: string,
): Promise<Versioned<PracticeDoc> | undefined> {
  const doc = await store.practices.get(tenantId, practiceDocId(practiceId));
  return doc?.kind === 'practice' ? (doc as Versioned<PracticeDoc>) : undefined;
}

/** The practice a team belongs to, if any. */
export async function practiceOfTeam(
  store: Store,
  tenantId: string,
  teamId: string,
): Promise<Versioned<PracticeDoc> | undefined> {
  const link = (await store.practices.get(tenantId, practiceTeamId(teamId))) as PracticeTeamRecord | undefined;
  if (link?.kind !== 'team') return undefined;
  const practice = await readPractice(store, tenantId, link.practiceId);
  return practice?.status === 'active' ? practice : undefined;
}

/** The teams of a practice (ids only). */
export async function teamsOfPractice(store: Store, tenantId: string, practiceId: string): Promise<string[]> {
  const links = (await store.practices.query({
    partitionKey: tenantId,
    where: [
      { field: 'tenantId', op: '=', value: tenantId },
      { field: 'kind', op: '=', value: 'team' },
      { field: 'practiceId', op: '=', value: practiceId },
    ],
  })) as PracticeTeamRecord[];
  return links.map((l) => l.teamId).sort();
}

/** Every practice of a tenant (for the operator's counts), oldest first. */
export async function listPractices(store: Store, tenantId: string): Promise<PracticeDoc[]> {
  const docs = (await store.practices.query({
    partitionKey: tenantId,
    where: [
      { field: 'tenantId', op: '=', value: tenantId },
      { field: 'kind', op: '=', value: 'practice' },
    ],
  })) as PracticeDoc[];
  return docs.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.practiceId.localeCompare(b.practiceId));
}

/**
 * Changes a practice with a conditional write, retrying when another instance wrote in between.
 * `change` may throw (a refused change) and sees the latest version each time.
 */
export async function updatePractice(
  deps: PracticeDeps,
  tenantId: string,
  practiceId: string,
  change: (p: PracticeDoc) => PracticeDoc,
): Promise<Versioned<PracticeDoc>> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const current = await readPractice(deps.store, tenantId, practiceId);
    if (!current) throw new PracticeError('not_found', 'I could not find that practice.');
    const { etag, ...doc } = current;
    const next = { ...change(doc), updatedAt: deps.now().toISOString() };
    try {
      return (await deps.store.practices.replace(next, etag)) as Versioned<PracticeDoc>;
    } catch (e) {
      if (isPreconditionFailed(e)) continue;
      throw e;
    }
  }
  throw new PracticeError('invalid_input', 'The practice was being changed by someone else. Please try again.');
}

/**
 * Ties a team to a practice. A team belongs to one practice: a team already in one is refused
 * (its link is created once; a conflict means it is taken).
 */
export async function linkTeam(
  deps: PracticeDeps,
  tenantId: string,
  teamId: string,
  practiceId: string,
): Promise<void> {
  const link: PracticeTeamRecord = {
    id: practiceTeamId(teamId),
    kind: 'team',
    tenantId,
    teamId,
    practiceId,
    createdAt: deps.now().toISOString(),
  };
  try {
    await deps.store.practices.create(link);
  } catch (e) {
    if (!isConflict(e)) throw e;
    const existing = (await deps.store.practices.get(tenantId, link.id)) as PracticeTeamRecord | undefined;
    if (existing?.practiceId === practiceId) return;
    throw new PracticeError('forbidden', 'This team is already part of a practice.');
  }
}
