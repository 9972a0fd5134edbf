export { startTelemetry, type TelemetryOptions } from './start-telemetry';
export { toCounterSink } from './counter-sink';
export type { Counter, Histogram, MetricAttributes, Metrics, Telemetry } from './metrics';
