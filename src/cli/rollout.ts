import { readRolloutCounts, rolloutLine, shownRollout, suppressionNote } from '../team/rollout-status';
import { createCliContext, type CliContext } from './context';

/** Parses `--team ID [--json]`; throws with a message naming the option when it is wrong. */
export function parseRolloutArgs(args: readonly string[]): { teamId: string; json: boolean } {
  let teamId: string | undefined;
  let json = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--json') json = true;
    else if (arg === '--team') {
      const value = args[++i];
      if (!value || value.length > 200)
        throw new Error(`--team needs a team id (19:...@thread.tacv2), got "${value ?? ''}".`);
      teamId = value;
    } else throw new Error(`Unknown option "${arg}". Usage: nudges rollout --team ID [--json]`);
  }
  if (!teamId) throw new Error('Usage: nudges rollout --team ID [--json]  (the team id, 19:...@thread.tacv2)');
  return { teamId, json };
}

/**
 * `nudges rollout --team ID [--json]`: how a team's roll-out stands, as the team's `status` shows
 * it: members, invited, started, declined, not answered yet. Counts only, never a name. Exits 1
 * when the bot does not know the team.
 */
export async function runRollout(
  args: readonly string[],
  cli: CliContext = createCliContext(),
  write: (text: string) => void = (t) => console.log(t),
): Promise<number> {
  const { teamId, json } = parseRolloutArgs(args);
  try {
    const store = await cli.store();
    const team = await store.teams.get(teamId, teamId);
    if (!team) {
      console.error(`No team ${teamId} is known: add the bot to the team first.`);
      return 1;
    }
    const counts = await readRolloutCounts(store, team.tenantId, teamId);
    // The operator sees the same small-cell suppression as the team (a breakdown by "declined" only when
    // every cell is large enough): an operator is no more entitled to know who said no.
    const shown = shownRollout(counts, cli.config().minGroupSize, true);
    write(
      json
        ? JSON.stringify({ teamId, ...shown })
        : `Team ${teamId} (${team.status}): ${rolloutLine(shown)} ${suppressionNote(shown.threshold)}`,
    );
    return 0;
  } finally {
    await cli.close();
  }
}
