import pino from 'pino';

export type Logger = pino.Logger;

/**
 * JSON-lines logger. Never log reflection text, names or message bodies: pass ids and codes only.
 * The redact list is a second line of defence for fields that must never appear.
 */
export function createLogger(options: { level?: string; destination?: pino.DestinationStream } = {}): Logger {
  const opts: pino.LoggerOptions = {
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
  return options.destination ? pino(opts, options.destination) : pino(opts);
}

/** A logger that drops everything (tests that do not assert on logs). */
export const silentLogger: Logger = pino({ level: 'silent' });
