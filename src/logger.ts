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
    redact: {
      paths: ['text', '*.text', 'reflection', '*.reflection', 'name', '*.name', 'from.name', 'body', '*.body'],
      censor: '[redacted]',
    },
  };
  return options.destination ? pino(opts, options.destination) : pino(opts);
}

/** A logger that drops everything (tests that do not assert on logs). */
export const silentLogger: Logger = pino({ level: 'silent' });
