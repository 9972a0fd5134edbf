import type { IncomingMessage } from 'node:http';
import { format } from 'node:util';
import type { Config } from '../config';
import type { Logger } from '../logger';
import { createLogMetrics } from './log-metrics';
import type { Telemetry } from './metrics';
import { createOtelMetrics } from './otel-metrics';
import { createIdScrubbingSpanProcessor } from './scrub-spans';

/** Paths never traced: export links carry a one-time token in the URL; health probes are noise. */
const UNTRACED_PATHS = [/^\/api\/export\//, /^\/healthz/, /^\/readyz/];

export interface TelemetryOptions {
  /** Keep unsent telemetry on disk for retry (default true; tests turn it off). */
  offlineStorage?: boolean;
  /**
   * How many times the exporter retries a failed send (default: the Azure SDK's own policy). Tests
   * use 0, so no retry is still waiting in the background once shutdown has resolved.
   */
  exportRetries?: number;
  /** Keep every trace instead of the distro's default of 5 a second (tests that look at every span). */
  sampleEveryTrace?: boolean;
  /** More span processors, after the one that removes ids (tests use one to see what would be exported). */
  spanProcessors?: ReturnType<typeof createIdScrubbingSpanProcessor>[];
}

/**
 * Starts telemetry once per process, before the HTTP server is created (so incoming requests are
 * traced). With APPLICATIONINSIGHTS_CONNECTION_STRING set, traces, request metrics and the app's
 * metrics go to Application Insights through OpenTelemetry; export failures are retried in the
 * background and never throw into the app. Without it, metrics are JSON log lines.
 */
export async function startTelemetry(
  config: Pick<Config, 'appInsightsConnectionString'>,
  logger: Logger,
  options: TelemetryOptions = {},
): Promise<Telemetry> {
  const connectionString = config.appInsightsConnectionString;
  if (!connectionString) {
    return { destination: 'log', metrics: createLogMetrics(logger), shutdown: async () => undefined };
  }
  const { useAzureMonitor, shutdownAzureMonitor } = await import('@azure/monitor-opentelemetry');
  const { metrics } = await import('@opentelemetry/api');
  useAzureMonitor({
    azureMonitorExporterOptions: {
      connectionString,
      disableOfflineStorage: options.offlineStorage === false,
      ...(options.exportRetries === undefined ? {} : { retryOptions: { maxRetries: options.exportRetries } }),
    },
    enableLiveMetrics: false,
    ...(options.sampleEveryTrace ? { tracesPerSecond: 0, samplingRatio: 1 } : {}),
    // Before the exporter's own processor: what is exported names no person or chat (review N4).
    spanProcessors: [createIdScrubbingSpanProcessor(), ...(options.spanProcessors ?? [])],
    instrumentationOptions: {
      http: {
        enabled: true,
        ignoreIncomingRequestHook: (request: IncomingMessage) =>
          UNTRACED_PATHS.some((path) => path.test(request.url ?? '')),
      } as { enabled: boolean },
    },
  });
  // The distro prints the Azure SDKs' own warnings to the console, and Cosmos DB's warnings name
  // document URLs (an Entra id on every "not found"). They go through our logger instead, whose ids
  // are pseudonyms.
  const { AzureLogger } = await import('@azure/logger');
  AzureLogger.log = (...args: unknown[]) => {
    const detail = format(...args).slice(0, 1000);
    // A Cosmos DB read of a document that is not there yet is routine (404): debug, not a warning.
    const level = /^azure:[\w-]+:error\b/.test(detail) ? 'error' : /:warning 404 /.test(detail) ? 'debug' : 'warn';
    logger[level]({ event: 'azure_sdk.log', detail }, 'Azure SDK log');
  };
  logger.info({ destination: 'azure-monitor' }, 'telemetry started');
  return {
    destination: 'azure-monitor',
    metrics: createOtelMetrics(metrics.getMeter('leadership-nudges')),
    shutdown: async () => {
      try {
        await shutdownAzureMonitor();
      } catch (err) {
        logger.warn({ code: 'TELEMETRY_SHUTDOWN_FAILED', error: (err as Error).message }, 'telemetry flush failed');
      }
    },
  };
}
