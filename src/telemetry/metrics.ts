/**
 * The metrics the app records (scheduler counters, durations), independent of where they go:
 * Application Insights when a connection string is set, JSON log lines otherwise.
 * Attributes are low-cardinality codes (tenant id, outcome, operation), never names or text.
 */
export type MetricAttributes = Record<string, string | number | boolean>;

/** A monotonically increasing count, e.g. `nudges.sent`. */
export interface Counter {
  add(value: number, attributes?: MetricAttributes): void;
}

/** A distribution of values, e.g. `tick.duration` in milliseconds. */
export interface Histogram {
  record(value: number, attributes?: MetricAttributes): void;
}

/** Creates (or returns the existing) instrument of that name. */
export interface Metrics {
  counter(name: string, options?: { description?: string; unit?: string }): Counter;
  histogram(name: string, options?: { description?: string; unit?: string }): Histogram;
}

/** Where telemetry goes, and how to flush it on shutdown. */
export interface Telemetry {
  readonly destination: 'azure-monitor' | 'log';
  readonly metrics: Metrics;
  /** Flushes pending telemetry. Never rejects. */
  shutdown(): Promise<void>;
}
