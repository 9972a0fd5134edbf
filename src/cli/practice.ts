import { PracticeError } from '../practice/errors';
import { addLeadAsOperator, leadsOf, removeLeadAsOperator } from '../practice/leads';
import { membersOfPractice } from '../practice/membership';
import { listPractices, readPractice, teamsOfPractice } from '../practice/practice-records';
import type { Store } from '../store/port';
import type { PracticeDoc } from '../domain';
import { createCliContext, type CliContext } from './context';

const USAGE = [
  'nudges practice list --tenant ID [--json]',
  'nudges practice show --tenant ID --practice ID [--json]',
  'nudges practice add-lead --tenant ID --practice ID --user ENTRA_OBJECT_ID',
  'nudges practice remove-lead --tenant ID --practice ID --user ENTRA_OBJECT_ID',
].join('\n  ');

export interface PracticeArgs {
  action: 'list' | 'show' | 'add-lead' | 'remove-lead';
  tenant: string;
  practice?: string;
  user?: string;
  json: boolean;
}

const ID = /^[\w.-]{1,100}$/;

/** Parses the practice command's arguments; throws with a message naming the wrong option. */
export function parsePracticeArgs(args: readonly string[]): PracticeArgs {
  const [action, ...rest] = args;
  if (action !== 'list' && action !== 'show' && action !== 'add-lead' && action !== 'remove-lead') {
    throw new Error(`Usage:\n  ${USAGE}`);
  }
  const out: Partial<PracticeArgs> & { json: boolean } = { action, json: false };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    const option = { '--tenant': 'tenant', '--practice': 'practice', '--user': 'user' }[arg ?? ''] as
      'tenant' | 'practice' | 'user' | undefined;
    if (arg === '--json') out.json = true;
    else if (option) {
      const value = rest[++i];
      if (!value || !ID.test(value)) throw new Error(`${arg} needs an id, got "${value ?? ''}".`);
      out[option] = value;
    } else throw new Error(`Unknown option "${arg}". Usage:\n  ${USAGE}`);
  }
  if (!out.tenant) throw new Error(`--tenant is needed. Usage:\n  ${USAGE}`);
  if (action !== 'list' && !out.practice) throw new Error(`--practice is needed. Usage:\n  ${USAGE}`);
  if ((action === 'add-lead' || action === 'remove-lead') && !out.user) {
    throw new Error(`--user is needed (the person's Entra object id). Usage:\n  ${USAGE}`);
  }
  return out as PracticeArgs;
}

/** What the operator sees of a practice: ids, place and counts, never a person (nor the practice's name). */
async function practiceFacts(store: Store, p: PracticeDoc) {
  const [teams, members, leads] = await Promise.all([
    teamsOfPractice(store, p.tenantId, p.practiceId),
    membersOfPractice(store, p.tenantId, p.practiceId),
    leadsOf(store, p.tenantId, p.practiceId),
  ]);
  return {
    practiceId: p.practiceId,
    odsCode: p.odsCode ?? '',
    place: p.place,
    status: p.status,
    teams: teams.length,
    members: members.length,
    leads: leads.length,
    createdAt: p.createdAt,
  };
}

const line = (f: Awaited<ReturnType<typeof practiceFacts>>) =>
  `${f.practiceId}  ${f.odsCode || '-'}  ${f.place}  ${f.status}  teams ${f.teams}, members ${f.members}, leads ${f.leads}`;

/**
 * `nudges practice list|show|add-lead|remove-lead`: the operator's support view of a tenant's
 * practices (counts only) and the lead override for a practice whose leads have left. Exits 1 on a
 * refused change or an unknown practice, with the reason.
 */
export async function runPractice(
  args: readonly string[],
  cli: CliContext = createCliContext(),
  write: (text: string) => void = (t) => console.log(t),
): Promise<number> {
  const a = parsePracticeArgs(args);
  try {
    const store = await cli.store();
    const deps = { store, now: () => cli.now() };
    if (a.action === 'list') {
      const facts = await Promise.all((await listPractices(store, a.tenant)).map((p) => practiceFacts(store, p)));
      if (a.json) write(JSON.stringify({ tenant: a.tenant, practices: facts }));
      else write(facts.length === 0 ? `No practices in tenant ${a.tenant}.` : facts.map(line).join('\n'));
      return 0;
    }
    const practice = await readPractice(store, a.tenant, a.practice!);
    if (!practice) {
      console.error(`No practice ${a.practice} in tenant ${a.tenant}.`);
      return 1;
    }
    if (a.action === 'add-lead') await addLeadAsOperator(deps, a.tenant, a.practice!, a.user!);
    if (a.action === 'remove-lead') await removeLeadAsOperator(deps, a.tenant, a.practice!, a.user!);
    const facts = await practiceFacts(store, practice);
    write(a.json ? JSON.stringify(facts) : line(facts));
    return 0;
  } catch (e) {
    if (!(e instanceof PracticeError)) throw e;
    console.error(e.userMessage);
    return 1;
  } finally {
    await cli.close();
  }
}
