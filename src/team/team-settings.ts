import { dayChoices, dayTitle, timeZoneChoices } from '../cards';
import { isValidTimeZone } from '../config';
import type { Reply } from '../conversation/deps';
import { ConversationError } from '../conversation/errors';
import { formatLocal, timeSlotChoices } from '../cards/time-format';
import type { TeamRecord, TeamSettings, Weekday } from '../domain';
import { WEEKDAYS } from '../domain';
import { assertActsInTeam, TEAM_SETTINGS_RULE } from './team-access';
import type { TeamActor, TeamDeps } from './team-deps';
import { channelReference, requireTeam, updateTeam } from './team-records';
import { channelConversationId, nextTeamDue } from './team-schedule';

const EARLIEST = '07:00';
const LATEST = '19:00';

/**
 * The channels a team's nudges may go to: General (the team id), the current one, and the channel
 * the person is acting in. The bot learns channel ids only from activities (listing all channels
 * needs Microsoft Graph), so these are the ones it can vouch for.
 */
export function channelOptions(team: TeamRecord, who: TeamActor): { title: string; value: string }[] {
  const options = new Map<string, string>();
  options.set(team.teamId, 'General');
  const current = team.settings.channelId;
  if (!options.has(current)) options.set(current, 'The channel nudges go to now');
  const here = who.channelId ? channelConversationId(who.channelId) : undefined;
  if (here && !options.has(here)) options.set(here, 'This channel');
  return [...options].map(([value, title]) => ({ title, value }));
}

const field = (input: Record<string, unknown>, name: string): string | undefined => {
  const v = input[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'boolean') return String(v);
  if (typeof v !== 'string') return '\u0000';
  return v.trim();
};

/** Checks every field of the team settings form; a ConversationError lists one message per bad value. */
export function validateTeamSettings(
  input: Record<string, unknown>,
  current: TeamSettings,
  allowedChannels: readonly string[],
): TeamSettings {
  const errors: string[] = [];
  const enabledRaw = field(input, 'enabled') ?? String(current.enabled);
  if (enabledRaw !== 'true' && enabledRaw !== 'false') errors.push('Team nudges: choose on or off.');
  const day = field(input, 'day') ?? current.day;
  if (!WEEKDAYS.includes(day as Weekday)) errors.push('Day: choose a day of the week.');
  const time = field(input, 'time') ?? current.time;
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(time)) errors.push('Time: use the 24-hour form HH:MM, for example 09:00.');
  else if (time < EARLIEST || time > LATEST) errors.push(`Time: choose a time between ${EARLIEST} and ${LATEST}.`);
  const timeZone = field(input, 'timeZone') ?? current.timeZone;
  if (timeZone.length > 64 || !isValidTimeZone(timeZone)) {
    errors.push(`Time zone: "${timeZone.slice(0, 64)}" is not a time zone I know. Choose one such as Europe/London.`);
  }
  const guestsRaw = field(input, 'welcomeGuests') ?? String(current.welcomeGuests === true);
  if (guestsRaw !== 'true' && guestsRaw !== 'false') errors.push('Guests: choose on or off.');
  const channelId = field(input, 'channelId') ?? current.channelId;
  if (!allowedChannels.includes(channelId)) errors.push('Channel: choose one of the listed channels.');
  if (errors.length > 0) throw new ConversationError('invalid_input', 'Some team settings need another look:', errors);
  return {
    enabled: enabledRaw === 'true',
    day: day as Weekday,
    time,
    timeZone,
    channelId,
    welcomeGuests: guestsRaw === 'true',
  };
}

function settingsCard(deps: TeamDeps, team: TeamRecord, who: TeamActor): Reply {
  const s = team.settings;
  return {
    summary: 'Team nudge settings',
    card: deps.renderCard('team-settings', {
      enabled: s.enabled,
      welcomeGuests: s.welcomeGuests === true,
      day: s.day,
      time: s.time,
      timeZone: s.timeZone,
      channelId: s.channelId,
      dayChoices: dayChoices(),
      // A channel is read by many: team cards are written in the UK style (time-format.ts).
      timeChoices: timeSlotChoices(undefined, s.time),
      timeZoneChoices: timeZoneChoices(s.timeZone),
      channelChoices: channelOptions(team, who),
      whoCanChange: TEAM_SETTINGS_RULE,
    }),
  };
}

/** The team settings card with the team's current values (typed `settings` in a team channel). */
export async function showTeamSettings(deps: TeamDeps, who: TeamActor, teamId: string): Promise<Reply> {
  const team = await requireTeam(deps, teamId);
  assertActsInTeam(who, team);
  return settingsCard(deps, team, who);
}

/**
 * Validates and saves the team settings form (any member of the team, see TEAM_SETTINGS_RULE) and
 * recomputes the next due time; switching off clears it. Unknown fields are ignored, never stored.
 */
export async function saveTeamSettings(deps: TeamDeps, who: TeamActor, data: unknown): Promise<Reply> {
  const input = data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
  if (!who.teamId) {
    throw new ConversationError('forbidden', 'Team settings can only be changed from a channel of that team.');
  }
  const current = await requireTeam(deps, who.teamId);
  assertActsInTeam(who, current);
  if (current.status !== 'active') {
    throw new ConversationError('forbidden', 'I have been removed from this team. Add me again to use team nudges.');
  }
  const allowed = channelOptions(current, who).map((c) => c.value);
  const settings = validateTeamSettings(input, current.settings, allowed);
  const now = deps.now();
  const team = await updateTeam(deps, current.teamId, (t) => {
    const next: TeamRecord = {
      ...t,
      settings,
      conversation: channelReference(t.conversation, settings.channelId),
    };
    const due = nextTeamDue(settings, now);
    if (due) next.nextDueAt = due;
    else delete next.nextDueAt;
    return next;
  });
  deps.logger.info(
    {
      event: 'team.settings.saved',
      teamId: team.teamId,
      enabled: settings.enabled,
      welcomeGuests: settings.welcomeGuests,
    },
    'team settings saved',
  );
  const text = team.nextDueAt
    ? `Team nudges come every ${dayTitle(settings.day)} at ${settings.time} (${settings.timeZone}). The next one: ${formatLocal(team.nextDueAt, settings.timeZone)}.`
    : 'Team nudges are off. Type "settings" (mentioning me) to turn them back on.';
  return { summary: 'Team settings saved', card: deps.renderCard('message', { title: 'Team settings saved', text }) };
}
