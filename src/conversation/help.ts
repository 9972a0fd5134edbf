import { HELP_COMMANDS, helpCardData } from '../cards';
import type { ConversationDeps, Reply } from './deps';

export function helpReply(deps: ConversationDeps): Reply {
  return { summary: 'What I can do', card: deps.renderCard('help', helpCardData()) };
}

/** The answer to text that is not a command: never silence. */
export function notUnderstoodReply(deps: ConversationDeps): Reply {
  return {
    summary: 'I did not understand that',
    card: deps.renderCard('message', {
      title: 'I did not understand that',
      text: `I answer to these words: ${HELP_COMMANDS.map((c) => `"${c.command}"`).join(', ')}. Type "help" for what each does.`,
    }),
  };
}

/** Commands that work in a team channel (the Teams manifest lists the same for the team scope). */
export const TEAM_COMMANDS = ['help', 'settings', 'insights', 'status', 'practice'] as const;

/** Help in a team channel: what works there, and where personal nudges live. */
export function teamHelpReply(deps: ConversationDeps): Reply {
  return {
    summary: 'Leadership Nudges in this team',
    card: deps.renderCard('message', {
      title: 'Leadership Nudges in this team',
      text: "Each week I post a team nudge here with a question for your next huddle or practice meeting and a quick anonymous poll. Mention me with **settings** to choose the day, time and channel, **insights** for the team's figures (shown only when 5 or more have answered), **status** for how many members started their personal nudges (counts only), or **practice** to set up or see the practice this team belongs to (its leads see the practice's figures). For your own weekly nudge, open a personal chat with me and type **help**.",
    }),
  };
}

/**
 * The answer to a personal button (history, export, settings, a nudge's poll...) pressed in a team
 * channel or group chat: personal things are shown only in the person's own chat with the bot, so
 * this names none of them and says where to go.
 */
export function personalOnlyReply(deps: Pick<ConversationDeps, 'renderCard'>): Reply {
  return {
    summary: 'Open a chat with me',
    card: deps.renderCard('message', {
      title: 'Open a chat with me',
      text: 'That is personal, so it works only in your own chat with me, never here where others can see. Open a chat with Leadership Nudges and type **help**.',
    }),
  };
}
