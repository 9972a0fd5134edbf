import { PLACES } from '../content/places';
import { isConflict } from '../store/errors';
import type { Store } from '../store/port';
import { practiceDocId, type PracticeDoc, type PracticeSetupRecord } from '../domain';
import { PracticeError } from './errors';
import type { PracticeActor, PracticeDeps } from './practice-deps';
import { addLeadRecord, isLead } from './leads';
import { linkTeam, newPracticeId, practiceOfTeam, readPractice } from './practice-records';

/** What the team's setup card asks: the practice's name, where it is, and its ODS code if it has one. */
export interface PracticeSetupInput {
  name: string;
  place: string;
  odsCode?: string;
}

const MAX_NAME = 100;
const text = (input: Record<string, unknown>, name: string): string => {
  const v = input[name];
  return typeof v === 'string' ? v.trim() : '';
};

/** Checks the setup form; a PracticeError lists one message per bad field. Control characters are refused. */
export function validatePracticeSetup(input: Record<string, unknown>): PracticeSetupInput {
  const errors: string[] = [];
  const name = text(input, 'practiceName').replace(/\s+/g, ' ');
  if (name.length < 2 || name.length > MAX_NAME || !/^[\p{L}\p{M}\p{N} .,'’&()/-]+$/u.test(name)) {
    errors.push(
      `Practice name: 2 to ${MAX_NAME} letters, digits, spaces or . , ' & ( ) / -, for example "St Mary's Surgery".`,
    );
  }
  const place = text(input, 'place');
  if (!PLACES.some((p) => p.id === place)) errors.push('Nation or region: choose one from the list.');
  const ods = text(input, 'odsCode').toUpperCase();
  if (ods !== '' && !/^[A-Z0-9]{3,10}$/.test(ods)) {
    errors.push('ODS code: letters and digits only, for example A81001 (or leave it empty).');
  }
  if (errors.length > 0) throw new PracticeError('invalid_input', 'Some practice details need another look:', errors);
  return { name, place, ...(ods ? { odsCode: ods } : {}) };
}

const setupId = (teamId: string) => `setup|${teamId}`;

/** Notes who added the bot to a team (called on the add event; the first add wins). */
export async function noteTeamAddedBy(deps: PracticeDeps, tenantId: string, teamId: string, userId: string) {
  const record: PracticeSetupRecord = {
    id: setupId(teamId),
    kind: 'setup',
    tenantId,
    teamId,
    addedBy: userId,
    createdAt: deps.now().toISOString(),
  };
  try {
    await deps.store.practices.create(record);
  } catch (e) {
    if (!isConflict(e)) throw e;
  }
}

/** Who added the bot to the team, when it was noted (teams added before practices existed: nobody noted). */
async function addedBy(store: Store, tenantId: string, teamId: string): Promise<string | undefined> {
  const r = (await store.practices.get(tenantId, setupId(teamId))) as PracticeSetupRecord | undefined;
  return r?.kind === 'setup' ? r.addedBy : undefined;
}

/**
 * Sets up a new practice from a team's setup card: the practice, the team as its first team, and the
 * person who added the bot to the team as its first lead. Only that person may do it (anyone in the
 * team when the bot was added before this was noted). A team already in a practice is refused.
 */
export async function setUpPractice(
  deps: PracticeDeps,
  who: PracticeActor,
  input: PracticeSetupInput,
): Promise<PracticeDoc> {
  if (!who.teamId) throw new PracticeError('forbidden', 'A practice is set up from a channel of one of its teams.');
  const adder = await addedBy(deps.store, who.tenantId, who.teamId);
  if (adder !== undefined && adder !== who.userId) {
    throw new PracticeError(
      'forbidden',
      'Only the person who added me to this team can set it up as a practice team. They become its first lead and can add others.',
    );
  }
  if (await practiceOfTeam(deps.store, who.tenantId, who.teamId)) {
    throw new PracticeError('forbidden', 'This team is already part of a practice. Type "practice" to see it.');
  }
  const nowIso = deps.now().toISOString();
  const practiceId = newPracticeId();
  const practice: PracticeDoc = {
    id: practiceDocId(practiceId),
    kind: 'practice',
    tenantId: who.tenantId,
    practiceId,
    name: input.name,
    place: input.place,
    ...(input.odsCode ? { odsCode: input.odsCode } : {}),
    status: 'active',
    createdAt: nowIso,
    updatedAt: nowIso,
  };
  await deps.store.practices.create(practice);
  await linkTeam(deps, who.tenantId, who.teamId, practiceId);
  await addLeadRecord(deps, who.tenantId, practiceId, who.userId);
  return practice;
}

/**
 * "Part of an existing practice": a lead ties the team they are acting in to a practice they lead.
 * `practiceId` comes from card data, so it is checked against the practices the person leads: a
 * forged id (another practice, another tenant) is refused with the same words as an unknown one.
 */
export async function attachTeamToPractice(
  deps: PracticeDeps,
  who: PracticeActor,
  practiceId: string,
): Promise<PracticeDoc> {
  if (!who.teamId) throw new PracticeError('forbidden', 'A team is added to a practice from one of its channels.');
  const practice = await readPractice(deps.store, who.tenantId, practiceId);
  if (!practice || practice.status !== 'active' || !(await isLead(deps.store, who.tenantId, practiceId, who.userId))) {
    throw new PracticeError('forbidden', 'Only a lead of a practice can add a team to it.');
  }
  await linkTeam(deps, who.tenantId, who.teamId, practiceId);
  return practice;
}
