import type { HelpCardData, HelpCommand } from './types';

/** The commands a person can type in personal chat, in the order the help card lists them. */
export const HELP_COMMANDS: readonly HelpCommand[] = [
  { command: 'nudge', description: 'Send me a nudge now' },
  { command: 'courses', description: 'Suggest courses, e.g. "courses compassion"' },
  { command: 'settings', description: 'Change my role, day, time or focus' },
  { command: 'pause / resume', description: 'Pause nudges (e.g. "pause 2 weeks"), or start again' },
  { command: 'history', description: 'My reflections and poll answers' },
  { command: 'portfolio', description: 'A Word document of my reflections for appraisal or revalidation' },
  { command: 'export', description: 'Download everything kept about me' },
  { command: 'delete my data', description: 'Erase everything kept about me' },
  { command: 'help', description: 'Show this list' },
];

/** The help card's data: {@link HELP_COMMANDS} unless the caller passes its own list. */
export const helpCardData = (commands: readonly HelpCommand[] = HELP_COMMANDS): HelpCardData => ({
  commands: [...commands],
});
