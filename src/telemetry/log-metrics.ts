import type { Logger } from '../logger';
import type { Counter, Histogram, MetricAttributes, Metrics } from './metrics';

const MAX_ATTRIBUTE_LENGTH = 100;

/**
 * Metrics written as one JSON log line per measurement (`msg: "metric"`), for running without
 * Application Insights. String attributes are cut to 100 characters so a stray value cannot
 * flood the log.
 */
export function createLogMetrics(logger: Logger): Metrics {
  const log = (kind: 'counter' | 'histogram', metric: string, value: number, attributes?: MetricAttributes) => {
    logger.info({ metric, kind, value, attributes: boundAttributes(attributes) }, 'metric');
  };
  return {
    counter: (name): Counter => ({ add: (value, attributes) => log('counter', name, value, attributes) }),
    histogram: (name): Histogram => ({ record: (value, attributes) => log('histogram', name, value, attributes) }),
  };
}

function boundAttributes(attributes: MetricAttributes | undefined): MetricAttributes | undefined {
  if (!attributes) return undefined;
  return Object.fromEntries(
    Object.entries(attributes).map(([key, value]) => [
      key,
      typeof value === 'string' ? value.slice(0, MAX_ATTRIBUTE_LENGTH) : value,
    ]),
  );
}
