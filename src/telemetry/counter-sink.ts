import type { MetricAttributes, Metrics } from './metrics';

/**
 * The name-first counter shape the delivery engine takes (`add('nudges.sent', 1)`), backed by
 * `metrics`. Structural, so delivery/ does not import telemetry/.
 */
export function toCounterSink(metrics: Metrics): { add(name: string, n: number, attributes?: MetricAttributes): void } {
  return { add: (name, n, attributes) => metrics.counter(name).add(n, attributes) };
}
