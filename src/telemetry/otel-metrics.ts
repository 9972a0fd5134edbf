import type { Meter } from '@opentelemetry/api';
import type { Counter, Histogram, Metrics } from './metrics';

/** Metrics backed by an OpenTelemetry meter; instruments are created once per name and reused. */
export function createOtelMetrics(meter: Meter): Metrics {
  const counters = new Map<string, Counter>();
  const histograms = new Map<string, Histogram>();
  return {
    counter(name, options) {
      let counter = counters.get(name);
      if (!counter) {
        counter = meter.createCounter(name, options);
        counters.set(name, counter);
      }
      return counter;
    },
    histogram(name, options) {
      let histogram = histograms.get(name);
      if (!histogram) {
        histogram = meter.createHistogram(name, options);
        histograms.set(name, histogram);
      }
      return histogram;
    },
  };
}
