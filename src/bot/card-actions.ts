import { VERBS, type Verb } from '../cards/verbs';
import type { ConversationDeps, Reply } from '../conversation/deps';
import { answerPoll } from '../conversation/poll';
import { saveReflection } from '../conversation/reflection';
import { recordFeedback } from '../conversation/feedback';
import { parseCourseFilters, suggestCoursesFor } from '../conversation/courses';
import { saveSettings, showSettings } from '../conversation/settings';
import { cancelDelete, confirmDelete } from '../conversation/delete-data';
import { exportData } from '../conversation/export-data';
import { historyReply } from '../conversation/history';
import { helpReply } from '../conversation/help';
import { nudgeNow } from '../conversation/nudge-now';
import { skipNudge, snoozeNudge } from '../conversation/snooze-skip';
import { keepingTheNudgeCard } from '../conversation/nudge-refusal';
import { nudgeStateReply, requireOwnDelivery } from '../conversation/nudge-state';
import { requireUser } from '../conversation/users';
import { declineNudges, startNudges } from '../conversation/consent';
import { preparePortfolio, showPortfolio } from '../conversation/portfolio';
import { createPortfolio } from '../conversation/portfolio-create';
import type { Identity } from './identity';

const asRecord = (data: unknown): Record<string, unknown> =>
  data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : {};

/**
 * What a card action answers: the card that replaces the one acted on, and optionally a further
 * card sent as a new message (so, for example, "More courses" keeps the nudge card in place).
 */
export interface CardActionResult {
  replace: Reply;
  followUp?: Reply;
  /** Set when the action was refused: the error card goes to the clicking device only. */
  refused?: boolean;
}

/**
 * Verbs whose answer changes what the card shows for good (a saved answer, reflection, choice). Their
 * replacement card is also written to the message the click came from, because the invoke response
 * replaces the card only on the device that clicked (Learn "Universal Actions for Adaptive Cards";
 * botbuilder-js#4635): other devices, and the same one after a reload, would show the old card.
 * The welcome invite's Start / No thanks and the delete confirmation's buttons are among them: a phone
 * still showing "Start my nudges" after Start on the desktop invites a second answer, and "No thanks"
 * there deletes what was just set up.
 * `team.poll.answer` updates the shared channel card itself (src/team/team-poll.ts).
 */
export const VERBS_THAT_CHANGE_THE_CARD: ReadonlySet<Verb> = new Set<Verb>([
  VERBS.consentStart,
  VERBS.consentDecline,
  VERBS.dataDeleteConfirm,
  VERBS.dataDeleteCancel,
  VERBS.pollAnswer,
  VERBS.reflectionSave,
  VERBS.nudgeFeedback,
  VERBS.nudgeSnooze,
  VERBS.nudgeSkip,
  VERBS.settingsSave,
  VERBS.teamSettingsSave,
]);

/**
 * Personal verbs that work for someone the bot holds no record for, and store nothing for them: help,
 * and the delete confirmation (a team-poll-only person may have votes to erase). Every other click from
 * such a person is answered "Open a chat with me to start" (src/conversation/unknown-person.ts).
 */
export const VERBS_WITHOUT_A_RECORD: ReadonlySet<Verb> = new Set<Verb>([
  VERBS.helpShow,
  VERBS.dataDeleteConfirm,
  VERBS.dataDeleteCancel,
]);

/** One card action: validated data in, the card that replaces the current one out. */
export type CardActionHandler = (
  deps: ConversationDeps,
  who: Identity,
  data: unknown,
) => Promise<Reply | CardActionResult>;

export const isCardActionResult = (r: Reply | CardActionResult): r is CardActionResult => 'replace' in r;

/** "More courses" on a nudge card: the suggestions arrive as a new message and the nudge card stays. */
async function moreCourses(deps: ConversationDeps, who: Identity, data: unknown): Promise<Reply | CardActionResult> {
  const courses = await suggestCoursesFor(deps, who.userId, parseCourseFilters(deps, data));
  const deliveryId = asRecord(data).deliveryId;
  if (typeof deliveryId !== 'string' || deliveryId === '') return courses;
  const delivery = await requireOwnDelivery(deps, who.userId, deliveryId);
  const user = await requireUser(deps, who.userId);
  return { replace: await nudgeStateReply(deps, user, delivery), followUp: courses };
}

/**
 * Every personal card verb and its one handler. Team verbs are registered by the team module.
 * Search for a verb string (e.g. 'poll.answer') in src/cards/verbs.ts to find its constant here.
 */
export const personalCardActions: Partial<Record<Verb, CardActionHandler>> = {
  // A refused click on the nudge card answers with the same card and a note (nudge-refusal.ts).
  [VERBS.pollAnswer]: (deps, who, data) => keepingTheNudgeCard(answerPoll)(deps, who.userId, data),
  [VERBS.reflectionSave]: (deps, who, data) => keepingTheNudgeCard(saveReflection)(deps, who.userId, data),
  [VERBS.nudgeFeedback]: (deps, who, data) => keepingTheNudgeCard(recordFeedback)(deps, who.userId, data),
  [VERBS.nudgeSnooze]: (deps, who, data) => keepingTheNudgeCard(snoozeNudge)(deps, who.userId, data),
  [VERBS.nudgeSkip]: (deps, who, data) => keepingTheNudgeCard(skipNudge)(deps, who.userId, data),
  [VERBS.coursesSearch]: moreCourses,
  [VERBS.settingsSave]: async (deps, who, data) => (await saveSettings(deps, who.userId, asRecord(data))).reply,
  [VERBS.settingsShow]: (deps, who) => showSettings(deps, who.userId),
  [VERBS.dataExport]: (deps, who) => exportData(deps, who.userId),
  [VERBS.dataDeleteConfirm]: (deps, who) => confirmDelete(deps, who.userId),
  [VERBS.dataDeleteCancel]: async (deps) => cancelDelete(deps),
  [VERBS.historyShow]: (deps, who) => historyReply(deps, who.userId),
  [VERBS.helpShow]: async (deps) => helpReply(deps),
  [VERBS.nudgeNow]: async (deps, who) => (await nudgeNow(deps, who.userId)).reply,
  [VERBS.consentStart]: (deps, who) => startNudges(deps, who),
  [VERBS.consentDecline]: (deps, who) => declineNudges(deps, who),
  [VERBS.portfolioShow]: (deps, who) => showPortfolio(deps, who.userId),
  [VERBS.portfolioPrepare]: (deps, who, data) => preparePortfolio(deps, who.userId, data),
  [VERBS.portfolioCreate]: (deps, who, data) => createPortfolio(deps, who.userId, data),
};
