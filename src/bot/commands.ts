import type { ConversationDeps, Reply } from '../conversation/deps';
import { helpReply } from '../conversation/help';
import { coursesCommand } from '../conversation/courses';
import { showSettings } from '../conversation/settings';
import { pauseNudges, resumeNudges } from '../conversation/pause';
import { historyReply } from '../conversation/history';
import { exportData } from '../conversation/export-data';
import { deleteConfirmReply } from '../conversation/delete-data';
import { showPortfolio } from '../conversation/portfolio';
import { explainStopping, greet, welcomeThanks } from '../conversation/chat-words';
import type { CommandName } from './command-router';
import type { Identity } from './identity';

/** A personal-chat command: the person and the words after the command in, a card out. */
export type CommandHandler = (deps: ConversationDeps, who: Identity, args: string) => Promise<Reply>;

/** Every personal command and its handler ('nudge' is handled by the bot: it records the sent activity id). */
export const personalCommands: Partial<Record<CommandName, CommandHandler>> = {
  help: async (deps) => helpReply(deps),
  courses: (deps, who, args) => coursesCommand(deps, who.userId, args),
  settings: (deps, who) => showSettings(deps, who.userId),
  pause: (deps, who, args) => pauseNudges(deps, who.userId, args),
  resume: (deps, who) => resumeNudges(deps, who.userId),
  history: (deps, who) => historyReply(deps, who.userId),
  portfolio: (deps, who) => showPortfolio(deps, who.userId),
  export: (deps, who) => exportData(deps, who.userId),
  'delete my data': async (deps) => deleteConfirmReply(deps),
  stop: (deps, who) => explainStopping(deps, who.userId),
  unsubscribe: (deps, who) => explainStopping(deps, who.userId),
  hello: (deps, who) => greet(deps, who.userId),
  hi: (deps, who) => greet(deps, who.userId),
  hey: (deps, who) => greet(deps, who.userId),
  thanks: (deps, who) => welcomeThanks(deps, who.userId),
  'thank you': (deps, who) => welcomeThanks(deps, who.userId),
  cheers: (deps, who) => welcomeThanks(deps, who.userId),
};
