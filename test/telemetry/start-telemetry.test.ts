import { createLogger } from '../../src/logger';
import { startTelemetry, toCounterSink } from '../../src/telemetry';

/** A pino destination that keeps every JSON line it receives. */
function captureLogs(): { lines: Record<string, unknown>[]; write(line: string): void } {
  const lines: Record<string, unknown>[] = [];
  return { lines, write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) };
}

describe('telemetry without an Application Insights connection string', () => {
  it('writes each measurement as a JSON log line', async () => {
    const sink = captureLogs();
    const telemetry = await startTelemetry({}, createLogger({ destination: sink }));
    expect(telemetry.destination).toBe('log');

    telemetry.metrics.counter('nudges.sent').add(3, { tenantId: 't-1', outcome: 'sent' });
    telemetry.metrics.histogram('tick.duration', { unit: 'ms' }).record(42.5);
    await telemetry.shutdown();

    expect(sink.lines).toEqual([
      expect.objectContaining({
        msg: 'metric',
        metric: 'nudges.sent',
        kind: 'counter',
        value: 3,
        attributes: { tenantId: 't-1', outcome: 'sent' },
      }),
      expect.objectContaining({ msg: 'metric', metric: 'tick.duration', kind: 'histogram', value: 42.5 }),
    ]);
  });

  it('never writes text or name attributes, and bounds long values', async () => {
    const sink = captureLogs();
    const { metrics } = await startTelemetry({}, createLogger({ destination: sink }));

    metrics.counter('reflections.saved').add(1, { text: 'I felt unheard', name: 'Dr Jones', code: 'x'.repeat(500) });

    const attributes = sink.lines[0]?.attributes as Record<string, string>;
    expect(attributes.text).toBe('[redacted]');
    expect(attributes.name).toBe('[redacted]');
    expect(attributes.code).toHaveLength(100);
    expect(JSON.stringify(sink.lines)).not.toMatch(/unheard|Jones/);
  });
});

describe('telemetry with an Application Insights connection string', () => {
  const saved = process.env.APPLICATION_INSIGHTS_NO_STATSBEAT;
  beforeAll(() => {
    process.env.APPLICATION_INSIGHTS_NO_STATSBEAT = 'true';
  });
  afterAll(() => {
    if (saved === undefined) delete process.env.APPLICATION_INSIGHTS_NO_STATSBEAT;
    else process.env.APPLICATION_INSIGHTS_NO_STATSBEAT = saved;
  });

  it('starts offline, records metrics and shuts down quietly when the endpoint cannot be reached', async () => {
    const sink = captureLogs();
    // Port 9 on loopback refuses connections: every export fails, as it would with no network.
    const connectionString =
      'InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=http://127.0.0.1:9/';
    const telemetry = await startTelemetry(
      { appInsightsConnectionString: connectionString },
      createLogger({ destination: sink }),
      // No retries: nothing may still be sending once shutdown has resolved (the worker must exit).
      { offlineStorage: false, exportRetries: 0 },
    );
    expect(telemetry.destination).toBe('azure-monitor');

    telemetry.metrics.counter('nudges.sent').add(1, { outcome: 'sent' });
    telemetry.metrics.histogram('tick.duration').record(10);
    expect(telemetry.metrics.counter('nudges.sent')).toBe(telemetry.metrics.counter('nudges.sent'));
    await expect(telemetry.shutdown()).resolves.toBeUndefined();

    expect(sink.lines.filter((l) => l.msg === 'metric')).toEqual([]);
    expect(sink.lines).toContainEqual(
      expect.objectContaining({ msg: 'telemetry started', destination: 'azure-monitor' }),
    );
  });
});

describe('counter sink for the delivery engine', () => {
  it('adds to the named counter', async () => {
    const sink = captureLogs();
    const { metrics } = await startTelemetry({}, createLogger({ destination: sink }));
    toCounterSink(metrics).add('deliveries.retried', 2, { tenantId: 't-1' });
    expect(sink.lines).toEqual([
      expect.objectContaining({
        metric: 'deliveries.retried',
        kind: 'counter',
        value: 2,
        attributes: { tenantId: 't-1' },
      }),
    ]);
  });
});
