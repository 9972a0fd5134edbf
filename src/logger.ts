import pino from 'pino';
import { createPseudonymiser, type Pseudonymiser } from './pseudonyms';

export type Logger = pino.Logger;

/** Where a logger made by createLogger keeps its pseudonymiser (child loggers find it through their parent). */
const PSEUDONYMS = Symbol('leadership-nudges.pseudonyms');

/**
 * JSON-lines logger. Never log reflection text, names or message bodies: pass ids and codes only.
 * The redact list is a second line of defence for fields that must never appear. Every id of a
 * person or chat (userId, conversationId, deliveryId, from.id, Entra and Teams ids inside error
 * messages...) is written as a keyed pseudonym (see pseudonyms.ts; '[id]' until keyLogPseudonyms).
 */
export function createLogger(options: { level?: string; destination?: pino.DestinationStream } = {}): Logger {
  const pseudonyms = createPseudonymiser();
  const opts: pino.LoggerOptions = {
    formatters: { log: (record) => pseudonyms.scrubRecord(record) },
    level: options.level ?? process.env.LOG_LEVEL ?? 'info',
    base: { service: 'leadership-nudges' },
    // ISO 8601 in UTC ("time":"2026-12-01T09:00:00.123Z"), readable in a terminal and in the log stream.
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      // Names of people, not every `name` key: an error's `err.name` (its class) must stay readable.
      paths: [
        'text',
        '*.text',
        'reflection',
        '*.reflection',
        'name',
        'from.name',
        'recipient.name',
        'user.name',
        'member.name',
        'attributes.name',
        '*.from.name',
        'body',
        '*.body',
      ],
      censor: '[redacted]',
    },
  };
  const logger = options.destination ? pino(opts, options.destination) : pino(opts);
  Object.defineProperty(logger, PSEUDONYMS, { value: pseudonyms });
  return logger;
}

/**
 * Gives the logger the key its pseudonyms are made with (the app passes its link-signing key, which
 * every instance shares, so one person has one pseudonym across instances and restarts). A logger
 * not made by createLogger is left as it is.
 */
export function keyLogPseudonyms(logger: Logger, key: string): void {
  (logger as unknown as { [PSEUDONYMS]?: Pseudonymiser })[PSEUDONYMS]?.setKey(key);
}

/** A logger that drops everything (tests that do not assert on logs). */
export const silentLogger: Logger = pino({ level: 'silent' });
