import { KNOWN_WARNING_FLAGS, silenceKnownWarnings } from '../../../src/known-warnings';

/**
 * The end-to-end run prints only progress and the summary, like `npm test`: the known, harmless Node
 * warnings (src/known-warnings.ts) are dropped in this process,
 * where the bot runs in band, and in the child processes the tests start (the playground script).
 */
export default function globalSetup(): void {
  silenceKnownWarnings();
  process.env.NODE_OPTIONS = [process.env.NODE_OPTIONS, KNOWN_WARNING_FLAGS].filter(Boolean).join(' ');
}
