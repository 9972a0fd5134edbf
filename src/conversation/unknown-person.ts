import type { ConversationDeps, Reply } from './deps';

/** Whether the bot holds a record for this person (they installed, wrote to it, or were invited). */
export async function isKnownPerson(deps: Pick<ConversationDeps, 'store'>, userId: string): Promise<boolean> {
  return (await deps.store.users.get(userId, userId)) !== undefined;
}

/**
 * The answer to a click on an old card from someone the bot holds nothing about (most often: they
 * deleted their data). Nothing is stored for them: no record, no conversation, no consent, no welcome.
 * Typing in the chat is how they start again, on purpose rather than by one stray click.
 */
export function startInChatReply(deps: Pick<ConversationDeps, 'renderCard'>): Reply {
  return {
    summary: 'Open a chat with me to start',
    card: deps.renderCard('message', {
      title: 'Open a chat with me to start',
      text: 'I keep nothing about you now (your data was deleted, or we have not met yet), so this old card does nothing and nothing was saved. To start, type **help** in your chat with me.',
    }),
  };
}
