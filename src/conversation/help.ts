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
