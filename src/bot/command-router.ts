/**
 * Plain-text commands, registered by name (the same list appears in the Teams manifest).
 * Matching is case-insensitive and ignores surrounding punctuation and a leading '/'.
 */
export interface ParsedCommand {
  name: string;
  args: string;
}

export const COMMAND_NAMES = [
  'help',
  'nudge',
  'courses',
  'settings',
  'pause',
  'resume',
  'history',
  'portfolio',
  'export',
  'delete my data',
  'insights',
  'status',
  'practice',
] as const;

/**
 * Everyday words a person types that are not menu commands (the manifest lists only the commands
 * above): they get a short, friendly answer instead of "I did not understand that".
 */
export const CHAT_WORDS = ['stop', 'unsubscribe', 'hello', 'hi', 'hey', 'thanks', 'thank you', 'cheers'] as const;

export type CommandName = (typeof COMMAND_NAMES)[number] | (typeof CHAT_WORDS)[number];

const MAX_COMMAND_TEXT = 200;

/** Finds the command in a message's text; undefined when none matches. */
export function parseCommand(text: string | undefined): ParsedCommand | undefined {
  if (!text) return undefined;
  const cleaned = text
    .slice(0, MAX_COMMAND_TEXT)
    .replace(/<[^>]*>/g, ' ') // Teams wraps @mentions in <at>..</at>
    .replace(/&nbsp;/g, ' ')
    .trim()
    .replace(/^\/+/, '')
    .replace(/[.!?]+$/, '')
    .replace(/\s+/g, ' ')
    .toLowerCase();
  // Longest names first so 'delete my data' wins over a hypothetical 'delete'.
  const names = [...COMMAND_NAMES].sort((a, b) => b.length - a.length);
  for (const name of names) {
    if (cleaned === name) return { name, args: '' };
    if (cleaned.startsWith(`${name} `)) return { name, args: cleaned.slice(name.length + 1).trim() };
  }
  // A chat word alone (or with a greeting's usual extras: "hi there", "thanks a lot").
  const word = CHAT_WORDS.find(
    (w) => cleaned === w || new RegExp(`^${w}( there| all| a lot| very much)?$`).test(cleaned),
  );
  if (word) return { name: word, args: '' };
  return undefined;
}
