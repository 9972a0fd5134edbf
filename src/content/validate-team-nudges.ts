import { parseEntries, type ContentFile } from './parse-entries';
import { teamNudgeSchema } from './team-nudge-schema';
import type { Nudge, TeamNudge } from './types';

/** Every behaviour needs at least this many team nudges, so a team does not see the same one within weeks. */
export const MIN_TEAM_NUDGES_PER_BEHAVIOUR = 4;

function duplicates(ids: readonly string[]): string[] {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const id of ids) (seen.has(id) ? dup : seen).add(id);
  return [...dup];
}

/**
 * Validates team-nudges.json: schema, known behaviours, ids starting with "team-<behaviour>-",
 * unique nudge ids, poll ids unique across team AND personal nudges, unique option ids, and at
 * least four team nudges per behaviour. Pushes one message per problem (file, entry, field).
 */
export function checkTeamNudges(
  source: ContentFile,
  behaviourIds: readonly string[],
  personal: readonly Pick<Nudge, 'id' | 'poll'>[],
  problems: string[],
): TeamNudge[] {
  const { entries, problems: parsed } = parseEntries(source, 'team nudge', teamNudgeSchema);
  problems.push(...parsed);
  const personalPollIds = new Set(personal.map((n) => n.poll.id));
  const personalIds = new Set(personal.map((n) => n.id));
  for (const n of entries) {
    const entry = `team nudge "${n.id}"`;
    if (!behaviourIds.includes(n.behaviour)) {
      problems.push(
        `${source.file}: ${entry} field "behaviour": unknown behaviour "${n.behaviour}"; expected one of ${behaviourIds.join(', ')}`,
      );
    } else if (!n.id.startsWith(`team-${n.behaviour}-`)) {
      problems.push(`${source.file}: ${entry} field "id": must start with "team-${n.behaviour}-"`);
    }
    if (personalIds.has(n.id)) problems.push(`${source.file}: ${entry} field "id": also used by a personal nudge`);
    if (personalPollIds.has(n.poll.id)) {
      problems.push(`${source.file}: ${entry} field "poll.id": duplicate id "${n.poll.id}" (also a personal poll)`);
    }
    for (const id of duplicates(n.poll.options.map((o) => o.id))) {
      problems.push(`${source.file}: ${entry} field "poll.options.id": duplicate id "${id}"`);
    }
  }
  for (const id of duplicates(entries.map((n) => n.id))) {
    problems.push(`${source.file}: team nudge "${id}" field "id": duplicate id "${id}"`);
  }
  for (const id of duplicates(entries.map((n) => n.poll.id))) {
    problems.push(`${source.file}: team nudge poll field "poll.id": duplicate id "${id}"`);
  }
  // Counted over every entry, broken ones too: an entry that fails the schema is reported once, for its own
  // field, not a second time as a coverage hole.
  const written: unknown[] = Array.isArray(source.data) ? source.data : [];
  for (const behaviour of behaviourIds) {
    const count = written.filter((n) => (n as { behaviour?: unknown } | null)?.behaviour === behaviour).length;
    if (count < MIN_TEAM_NUDGES_PER_BEHAVIOUR) {
      problems.push(
        `${source.file}: behaviour "${behaviour}" field "team nudges": has ${count}, needs at least ${MIN_TEAM_NUDGES_PER_BEHAVIOUR}`,
      );
    }
  }
  return entries as TeamNudge[];
}
