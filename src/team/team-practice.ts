import { dayChoices, escapeCardText, placeChoices, timeZoneChoices } from '../cards';
import { timeSlotChoices } from '../cards/time-format';
import { isValidTimeZone } from '../config';
import type { Reply } from '../conversation/deps';
import { WEEKDAYS, type PracticeDoc, type PracticeSlot, type Weekday } from '../domain';
import {
  attachTeamToPractice,
  changeLeads,
  isLead,
  leadsOf,
  membersOfPractice,
  PracticeError,
  practiceOfTeam,
  practicesLedBy,
  practicesOf,
  readPractice,
  setUpPractice,
  teamsOfPractice,
  updatePractice,
  validatePracticeSetup,
} from '../practice';
import { requireTeam } from './team-records';
import { assertActsInTeam } from './team-access';
import type { TeamActor, TeamDeps } from './team-deps';
import { teamIntroReply } from './team-intro';
import { readPracticeRolloutCounts } from './practice-rollout';
import { rolloutLine, shownRollout } from './rollout-status';

const asRecord = (data: unknown): Record<string, unknown> =>
  data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : {};

const message = (deps: Pick<TeamDeps, 'renderCard'>, title: string, text: string): Reply => ({
  summary: title,
  card: deps.renderCard('message', { title, text }),
});

const places = () => placeChoices().filter((c) => c.value !== 'not-set');

/**
 * A practice's card: for its leads the settings form (name, place, ODS code, default slot, leads);
 * for anyone else a summary. Counts only: the leads are Entra ids the people picker shows by name on
 * the lead's own device; the bot never stores or sends a name.
 */
async function practiceCard(deps: TeamDeps, practice: PracticeDoc, canChange: boolean, notice = ''): Promise<Reply> {
  const [teams, members, leads] = await Promise.all([
    teamsOfPractice(deps.store, practice.tenantId, practice.practiceId),
    membersOfPractice(deps.store, practice.tenantId, practice.practiceId),
    leadsOf(deps.store, practice.tenantId, practice.practiceId),
  ]);
  const counts = `${teams.length} ${teams.length === 1 ? 'team' : 'teams'}, ${members.length} ${members.length === 1 ? 'member' : 'members'}, ${leads.length} ${leads.length === 1 ? 'lead' : 'leads'}.`;
  // The practice's roll-out (its members, each once), shown with the same suppression as a team's.
  const rollout = canChange
    ? ` Personal nudges in the practice: ${rolloutLine(
        shownRollout(
          await readPracticeRolloutCounts(deps.store, practice.tenantId, practice.practiceId),
          deps.config.minGroupSize,
          false,
        ),
      )}`
    : '';
  const who = canChange
    ? ` You lead this practice: you see its figures (type "insights") and can change these settings.${rollout}`
    : " Its leads see the practice's figures and change its settings.";
  const slot = practice.defaultSlot;
  return {
    summary: `Practice: ${practice.name}`,
    card: deps.renderCard('practice-settings', {
      practiceId: practice.practiceId,
      practiceName: escapeCardText(practice.name),
      nameValue: practice.name,
      summaryText: `${notice ? `${notice} ` : ''}${counts}${who}`,
      canChange,
      place: practice.place,
      odsCode: practice.odsCode ?? '',
      day: slot?.day ?? 'mon',
      time: slot?.time ?? '09:00',
      timeZone: slot?.timeZone ?? deps.config.defaultTimeZone,
      leadIds: canChange ? leads.join(',') : '',
      leadChoices: canChange ? leads.map((value, i) => ({ title: `Current lead ${i + 1}`, value })) : [],
      placeChoices: places(),
      dayChoices: dayChoices(),
      // The times a slot can be saved as (half hours 07:00-19:00), so the picker offers only what is kept.
      timeChoices: timeSlotChoices(undefined, slot?.time ?? '09:00'),
      timeZoneChoices: timeZoneChoices(slot?.timeZone ?? deps.config.defaultTimeZone),
    }),
  };
}

/**
 * `practice`: in a team channel, the team's practice (the settings form for its leads) or the setup
 * questions when the team is in none; in personal chat, the practices the person belongs to and leads.
 */
export async function showPractice(deps: TeamDeps, who: TeamActor): Promise<Reply> {
  if (who.scope === 'team' && who.teamId) {
    const team = await requireTeam(deps, who.teamId);
    assertActsInTeam(who, team);
    const practice = await practiceOfTeam(deps.store, who.tenantId, who.teamId);
    if (!practice) return teamIntroReply(deps, team, true);
    return practiceCard(deps, practice, await isLead(deps.store, who.tenantId, practice.practiceId, who.userId));
  }
  const [memberOf, led] = await Promise.all([
    practicesOf(deps.store, who.tenantId, who.userId),
    practicesLedBy(deps.store, who.tenantId, who.userId),
  ]);
  if (memberOf.length === 0 && led.length === 0) {
    return message(
      deps,
      'No practice yet',
      "You are not in a team that has been set up as a practice's. Everything personal works as usual; group results and insights are counted per practice, so there are none to show you. When someone adds me to your practice's team, its setup card asks for the practice.",
    );
  }
  const names = (ps: PracticeDoc[]) => ps.map((p) => `"${escapeCardText(p.name)}"`).join(', ');
  const lines = [
    memberOf.length > 0 ? `You are in: ${names(memberOf)}.` : '',
    led.length > 0
      ? `You lead: ${names(led)}. Type "practice" in one of its team's channels to change its settings.`
      : '',
    'Your poll answers count, as one person, in each practice you are in.',
  ];
  return message(deps, 'Your practices', lines.filter(Boolean).join(' '));
}

/** The setup card's "Set up our practice": the team becomes the first team of a new practice. */
export async function setUpPracticeFromCard(deps: TeamDeps, who: TeamActor, data: unknown): Promise<Reply> {
  if (!who.teamId) throw new PracticeError('forbidden', 'A practice is set up from a channel of one of its teams.');
  assertActsInTeam(who, await requireTeam(deps, who.teamId));
  const input = validatePracticeSetup(asRecord(data));
  const practice = await setUpPractice(deps, who, input);
  deps.logger.info({ event: 'practice.set_up', practiceId: practice.practiceId }, 'practice set up');
  return practiceCard(deps, practice, true, 'Practice set up.');
}

/**
 * "Part of a practice already set up": a lead of the practice adds this team to it. The practice is
 * the one the acting person leads (by name in `practiceName` when they lead several); a practice id in
 * card data is honoured only if they lead it.
 */
export async function joinPracticeFromCard(deps: TeamDeps, who: TeamActor, data: unknown): Promise<Reply> {
  if (!who.teamId) throw new PracticeError('forbidden', 'A team is added to a practice from one of its channels.');
  assertActsInTeam(who, await requireTeam(deps, who.teamId));
  const input = asRecord(data);
  const led = await practicesLedBy(deps.store, who.tenantId, who.userId);
  const byId = typeof input.practiceId === 'string' ? input.practiceId : undefined;
  const byName = typeof input.practiceName === 'string' ? input.practiceName.trim().toLowerCase() : '';
  const chosen = byId
    ? led.filter((p) => p.practiceId === byId)
    : byName
      ? led.filter((p) => p.name.toLowerCase() === byName)
      : led;
  if (byId && chosen.length === 0)
    throw new PracticeError('forbidden', 'Only a lead of a practice can add a team to it.');
  if (led.length === 0) {
    return message(
      deps,
      'Ask a lead of your practice',
      'Only a lead of a practice can add a team to it. Ask one of your practice\'s leads to type "practice" in this channel (mentioning me) and press "Part of a practice already set up".',
    );
  }
  if (chosen.length !== 1) {
    return message(
      deps,
      'Which practice?',
      `You lead more than one practice: ${led.map((p) => `"${escapeCardText(p.name)}"`).join(', ')}. Type "practice join" and the practice's name in this channel (mentioning me).`,
    );
  }
  const practice = await attachTeamToPractice(deps, who, chosen[0]!.practiceId);
  deps.logger.info({ event: 'practice.team_added', practiceId: practice.practiceId }, 'team added to a practice');
  return practiceCard(deps, practice, true, 'This team is now part of the practice.');
}

/** Checks the default slot fields; undefined when none is given. */
function validateSlot(input: Record<string, unknown>, errors: string[]): PracticeSlot | undefined {
  const day = typeof input.day === 'string' ? input.day.trim() : '';
  const time = typeof input.time === 'string' ? input.time.trim() : '';
  const timeZone = typeof input.timeZone === 'string' ? input.timeZone.trim() : '';
  if (!day && !time && !timeZone) return undefined;
  if (!WEEKDAYS.includes(day as Weekday)) errors.push('Day: choose a day of the week.');
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(time) || time < '07:00' || time > '19:00') {
    errors.push('Time: choose a time between 07:00 and 19:00, for example 09:00.');
  }
  if (timeZone.length > 64 || !isValidTimeZone(timeZone)) errors.push('Time zone: choose one such as Europe/London.');
  return { day: day as Weekday, time, timeZone };
}

/**
 * A lead saves the practice settings card: name, place, ODS code, default weekly slot and leads. The
 * practice id comes from card data, so the acting person must lead that practice (a forged id, or a
 * lead removed since the card was sent, is refused and nothing changes); new leads must be members.
 */
export async function savePracticeSettings(deps: TeamDeps, who: TeamActor, data: unknown): Promise<Reply> {
  const input = asRecord(data);
  const practiceId = typeof input.practiceId === 'string' ? input.practiceId : '';
  const practice = /^[\w-]{1,100}$/.test(practiceId)
    ? await readPractice(deps.store, who.tenantId, practiceId)
    : undefined;
  if (!practice || !(await isLead(deps.store, who.tenantId, practiceId, who.userId))) {
    throw new PracticeError('forbidden', 'Only a lead of this practice can change its settings.');
  }
  const errors: string[] = [];
  let details: ReturnType<typeof validatePracticeSetup> | undefined;
  try {
    details = validatePracticeSetup(input);
  } catch (e) {
    if (e instanceof PracticeError) errors.push(...e.fieldErrors);
    else throw e;
  }
  const slot = validateSlot(input, errors);
  const leads = typeof input.leads === 'string' ? input.leads.split(',') : [];
  if (errors.length > 0 || !details) {
    throw new PracticeError('invalid_input', 'Some practice settings need another look:', errors);
  }
  const saved = details;
  await changeLeads(deps, who, practiceId, leads);
  const updated = await updatePractice(deps, who.tenantId, practiceId, (p) => {
    const next: PracticeDoc = { ...p, name: saved.name, place: saved.place };
    if (saved.odsCode) next.odsCode = saved.odsCode;
    else delete next.odsCode;
    if (slot) next.defaultSlot = slot;
    return next;
  });
  deps.logger.info({ event: 'practice.settings.saved', practiceId }, 'practice settings saved');
  const stillLead = await isLead(deps.store, who.tenantId, practiceId, who.userId);
  return practiceCard(deps, updated, stillLead, 'Practice settings saved.');
}
