import { welcomeCardData } from '../cards';
import type { UserRecord } from '../domain';
import type { ConversationDeps, Reply } from './deps';
import { retentionText } from './retention';

/** The welcome card a person gets on install: what the bot does, privacy, and their preferences to confirm. */
export function welcomeReply(deps: ConversationDeps, user: UserRecord): Reply {
  return {
    summary: 'Welcome to Leadership Nudges',
    card: deps.renderCard(
      'welcome',
      welcomeCardData(user.prefs, deps.content, retentionText(deps.config.retentionDays)),
    ),
  };
}

/**
 * The short prompt for someone who opens the chat again (after a restart, a reinstall of the app
 * page) without having started: no second welcome form, just where to begin.
 */
export function stillHereReply(deps: ConversationDeps): Reply {
  return {
    summary: "I'm here: type help",
    card: deps.renderCard('message', {
      title: "I'm here: type help",
      text: 'Type **help** to see what I can do, or **settings** to choose your role and start your weekly nudges.',
    }),
  };
}
