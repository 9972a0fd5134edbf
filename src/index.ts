import { ConfigError, configWarnings, loadConfig } from './config';
import { silenceKnownWarnings } from './known-warnings';
import { dropTokenExtractorDiagnostics } from './server/token-diagnostics';
import { isContentError } from './content/errors';
import { createLogger } from './logger';
import { startTelemetry, toCounterSink } from './telemetry';

/** Why the bot could not listen, in words: which port and address. */
export function listenProblem(code: 'EADDRINUSE' | 'EACCES', port: number, host: string): string {
  return code === 'EADDRINUSE'
    ? `Port ${port} on ${host} is already in use (another copy of the bot or the playground?).`
    : `Port ${port} on ${host} needs permissions this user does not have.`;
}

/**
 * Starts the bot: reads and checks the configuration, builds the app, listens, and stops
 * gracefully on SIGTERM/SIGINT (App Service sends SIGTERM before it recycles an instance).
 */
async function main(): Promise<void> {
  silenceKnownWarnings();
  dropTokenExtractorDiagnostics();
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`Configuration error: ${error.message}\nSee the configuration table in README.md.\n`);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger({ level: config.logLevel });
  for (const warning of configWarnings(config)) logger.warn({ event: 'config.warning' }, warning);
  // Telemetry first, so the HTTP modules loaded below are instrumented.
  const telemetry = await startTelemetry(config, logger);
  const { createApp } = await import('./app');
  let app;
  try {
    app = await createApp({ config, logger, metrics: toCounterSink(telemetry.metrics) });
  } catch (error) {
    if (isContentError(error)) {
      process.stderr.write(
        `Content error: ${(error as Error).message}\nRun "npm run content:check" for every problem.\n`,
      );
      process.exit(3);
    }
    const e = error as Error;
    logger.fatal({ event: 'start.failed', err: { name: e.name, message: e.message } }, 'could not start');
    process.exit(1);
  }
  try {
    await app.start();
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'EADDRINUSE' || code === 'EACCES') {
      process.stderr.write(
        `${listenProblem(code, config.port, config.host)}\nStop the other program, or choose another port, e.g. PORT=${config.port + 1} npm start\n`,
      );
      await app.stop().catch(() => undefined);
      process.exit(4);
    }
    throw error;
  }
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ event: 'shutdown', signal }, 'shutting down');
    const hardStop = setTimeout(() => process.exit(1), 10_000);
    hardStop.unref();
    app
      .stop()
      .then(() => telemetry.shutdown())
      .then(() => process.exit(0))
      .catch(() => process.exit(1));
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

void main();
