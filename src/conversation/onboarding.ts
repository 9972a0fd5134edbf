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
