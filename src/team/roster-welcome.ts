import { defaultPreferences } from '../conversation/users';
import { readRolloutPerson, rolloutPersonId } from '../conversation/rollout-person';
import { hasStarted } from '../conversation/consent';
import { isConflict } from '../store/errors';
import type { PracticeDoc, RolloutPersonRecord, RosterMember, UserRecord } from '../domain';
import type { ConversationDeps } from '../conversation/deps';
import { recordPracticeMembership } from '../practice/membership';
import { withPracticeDefaults } from '../practice/practice-defaults';

export type { RosterMember, RosterPage } from '../domain';

/** What roster code needs: no cards, no follow-ups (the engine runs it outside any turn too). */
export type RosterDeps = Pick<ConversationDeps, 'store' | 'now' | 'config' | 'logger'>;

/** Where the bot meets the team's members: the team, its tenant, and how to reach Teams for them. */
export interface RosterPlace {
  teamId: string;
  tenantId: string;
  serviceUrl: string;
  /** The bot's Teams id (28:...), for opening 1:1 chats. */
  botId: string;
}

/** What meeting one member came to: a welcome queued, already known, or said no before. */
export type MeetOutcome = 'invited' | 'known' | 'declined';

/**
 * Introduces the bot to one member it may not know yet: a user record with consent pending and due
 * now, so the delivery engine sends them the welcome (within the tenant's limit, claimed once as
 * `welcome|tenant|user`). Idempotent: creating the record is the claim, so a second team, a repeated
 * event, a restart mid-way or two instances never invite anyone twice; a tombstone ("No thanks",
 * deleted data) is honoured. Stores ids only: the Entra and Teams ids on the user record (needed to
 * reach them), the hashed key in the roll-out record. At most 4 store operations.
 */
export async function meetMember(
  deps: RosterDeps,
  place: RosterPlace,
  m: RosterMember & { aadObjectId: string },
  key: string,
  /** The team's practice, when it is one's: a new member starts with its defaults (place, weekly slot). */
  practice?: PracticeDoc,
): Promise<MeetOutcome> {
  const nowIso = deps.now().toISOString();
  // Reads the record under the keyed hash, or under the old unsalted one (re-keyed on use).
  const person = await readRolloutPerson(deps, place.tenantId, m.aadObjectId);
  // Practice membership keeps the person id, except for someone who said no or erased their data
  // (kept by hashed key only: a member for the practice's roll-out counts, in no group).
  const declined = person?.state === 'declined';
  const rosterChange = {
    tenantId: place.tenantId,
    teamId: place.teamId,
    key,
    userId: declined ? undefined : m.aadObjectId,
  };
  await recordPracticeMembership(deps.store, rosterChange, 'joined', nowIso);
  if (declined) return 'declined';
  const existing = await deps.store.users.get(m.aadObjectId, m.aadObjectId);
  let outcome: MeetOutcome = 'known';
  let state: RolloutPersonRecord['state'] = 'invited';
  if (existing) state = hasStarted(existing) ? 'started' : 'invited';
  else {
    const created = await createIfAbsent(() => deps.store.users.create(invitee(deps, place, m, nowIso, practice)));
    if (created) outcome = 'invited';
  }
  if (!person) {
    const record: RolloutPersonRecord = {
      id: rolloutPersonId(key),
      kind: 'person',
      tenantId: place.tenantId,
      key,
      state,
      updatedAt: nowIso,
      ttl: deps.config.retentionDays * 86400,
    };
    await createIfAbsent(() => deps.store.rollout.create(record));
  }
  return outcome;
}

/** A person met in a roster: no chat with the bot yet (the engine opens one), consent pending, welcome due now. */
function invitee(
  deps: RosterDeps,
  place: RosterPlace,
  m: RosterMember & { aadObjectId: string },
  nowIso: string,
  practice?: PracticeDoc,
): UserRecord {
  return {
    id: m.aadObjectId,
    userId: m.aadObjectId,
    tenantId: place.tenantId,
    aadObjectId: m.aadObjectId,
    conversation: {
      serviceUrl: place.serviceUrl,
      conversationId: '',
      tenantId: place.tenantId,
      channelId: 'msteams',
      botId: place.botId,
      userTeamsId: m.teamsUserId,
      conversationType: 'personal',
    },
    prefs: withPracticeDefaults(defaultPreferences(deps, undefined, m.aadObjectId), practice),
    onboarded: false,
    status: 'active',
    history: { seen: [], notUseful: [], sentCount: 0 },
    consent: { state: 'pending', via: 'team' },
    nextDueAt: nowIso,
    createdAt: nowIso,
    updatedAt: nowIso,
  };
}

/** Runs a create; true when it made the record, false when it was already there. */
async function createIfAbsent(create: () => Promise<unknown>): Promise<boolean> {
  try {
    await create();
    return true;
  } catch (err) {
    if (isConflict(err)) return false;
    throw err;
  }
}
