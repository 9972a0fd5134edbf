import { Writable } from 'node:stream';
import { createLogger } from '../../src/logger';
import { startTelemetry, type Telemetry } from '../../src/telemetry';
import { cardActionActivity, installActivity, messageActivity, person, type Person } from '../support/activities';
import { startHarness, type Harness } from '../support/bot-harness';
import { teamsRefusal } from '../support/connector-double';
import { installAndNudge, pollAnswer, reflectionSave } from '../support/nudged-person';
import { openTestStore, STORE_KINDS } from '../support/stores';

jest.setTimeout(120_000);

/** What the exporter would send: every ended span's name, attributes and event attributes. */
interface CapturedSpan {
  name: string;
  attributes: Record<string, unknown>;
  events: unknown[];
}

const spans: CapturedSpan[] = [];
const captureSpans = {
  onStart: (): void => undefined,
  onEnd(span: unknown): void {
    const s = span as { name: string; attributes: Record<string, unknown>; events?: { attributes?: unknown }[] };
    spans.push({
      name: s.name,
      attributes: { ...s.attributes },
      events: (s.events ?? []).map((e) => e.attributes),
    });
  },
  forceFlush: async (): Promise<void> => undefined,
  shutdown: async (): Promise<void> => undefined,
};

/** Every log line, as written. */
const lines: string[] = [];
const logSink = new Writable({
  write(chunk: Buffer, _enc, done) {
    lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    done();
  },
});

/**
 * Production loads HTTP after telemetry starts, so the distro's instrumentation patches it as it is
 * required. Jest's module loader bypasses that hook; the same OpenTelemetry HTTP instrumentation is
 * applied to the core modules by hand here, reporting to the distro's tracer provider.
 */
async function instrumentHttp(): Promise<void> {
  const { HttpInstrumentation } = await import('@opentelemetry/instrumentation-http');
  const instrumentation = new HttpInstrumentation();
  const modules = (instrumentation as unknown as { _modules: { name: string; patch?: (m: unknown) => unknown }[] })
    ._modules;
  for (const m of modules) m.patch?.(require(m.name));
  instrumentation.enable();
}

/** The ids that point at a person or a chat, raw and as they appear in URLs. */
function idsOf(p: Person): string[] {
  const raw = [p.aadObjectId, p.teamsId, p.conversationId];
  return [...raw, ...raw.map(encodeURIComponent)];
}

/** Whatever reaches the console (App Service keeps stdout in the same workspace as the logs). */
const consoleLines: string[] = [];

describe('ids of people and chats in logs and telemetry (security review N4)', () => {
  let telemetry: Telemetry;
  beforeAll(() => {
    for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      jest.spyOn(console, method).mockImplementation((...args: unknown[]) => {
        consoleLines.push(args.map(String).join(' '));
      });
    }
  });
  afterAll(() => jest.restoreAllMocks());
  const savedStatsbeat = process.env.APPLICATION_INSIGHTS_NO_STATSBEAT;
  beforeAll(async () => {
    process.env.APPLICATION_INSIGHTS_NO_STATSBEAT = 'true';
    // As in production: telemetry first (so HTTP is traced), to an endpoint that is never reached.
    telemetry = await startTelemetry(
      {
        appInsightsConnectionString:
          'InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=http://127.0.0.1:9/',
      },
      createLogger({ level: 'debug', destination: logSink }),
      { offlineStorage: false, exportRetries: 0, sampleEveryTrace: true, spanProcessors: [captureSpans] },
    );
    await instrumentHttp();
  });
  afterAll(async () => {
    await telemetry.shutdown();
    if (savedStatsbeat === undefined) delete process.env.APPLICATION_INSIGHTS_NO_STATSBEAT;
    else process.env.APPLICATION_INSIGHTS_NO_STATSBEAT = savedStatsbeat;
  });

  describe.each(STORE_KINDS)('on the %s store', (kind) => {
    let h: Harness;
    const people: Person[] = [];
    beforeAll(async () => {
      spans.length = 0;
      lines.length = 0;
      consoleLines.length = 0;
      h = await startHarness({
        store: openTestStore(kind),
        logger: createLogger({ level: 'debug', destination: logSink }),
      });
      // Install, a nudge on request, a poll answer, a reflection, history, Start: the paths a person takes.
      const nudge = await installAndNudge(h, 1);
      people.push(nudge.person);
      expect((await h.post(pollAnswer(h, nudge, nudge.optionIds[0]!))).status).toBe(200);
      expect((await h.post(reflectionSave(h, nudge, 'I asked the team first'))).status).toBe(200);
      expect((await h.post(messageActivity(nudge.person, h.connector.url, 'history'))).status).toBe(200);
      // A click on a card that is not theirs (a failure path).
      const other = person(2);
      people.push(other);
      expect((await h.post(installActivity(other, h.connector.url))).status).toBe(200);
      expect((await h.post(pollAnswer(h, nudge, nudge.optionIds[0]!, other))).status).toBe(200);
      // Weekly sends Teams refuses: warn lines with the delivery (the review's log finding).
      const blocked = person(3);
      const gone = person(4);
      people.push(blocked, gone);
      for (const p of [nudge.person, other, blocked, gone]) {
        expect((await h.post(installActivity(p, h.connector.url))).status).toBe(200);
        expect((await h.post(cardActionActivity(p, h.connector.url, 'consent.start', {}))).status).toBe(200);
      }
      h.connector.addFault(
        teamsRefusal('ConversationBlockedByUser', {
          match: (c) => c.conversationId === blocked.conversationId,
          times: Infinity,
        }),
      );
      h.connector.addFault(
        teamsRefusal('ConversationNotFound', {
          match: (c) => c.conversationId === gone.conversationId,
          times: Infinity,
        }),
      );
      const users = await h.app.store.users.query({ limit: 100 });
      await h.app.delivery.tick(new Date(Math.max(...users.map((u) => Date.parse(u.nextDueAt ?? ''))) + 60_000));
    });
    afterAll(async () => {
      await h.close();
    });

    it('traced the requests, the Bot Connector calls and (on Cosmos) the store calls, as route templates', () => {
      const text = JSON.stringify(spans);
      expect(text).toMatch(/\/api\/messages/);
      expect(text).toMatch(/\/v3\/conversations\/\{id\}\/activities/);
      if (kind === 'cosmos') expect(text).toMatch(/\/colls\/users\/docs\/\{id\}/);
    });

    it('sent the Azure SDK warnings through the logger (not the console)', () => {
      const sdk = lines.filter((l) => l.includes('"event":"azure_sdk.log"'));
      if (kind === 'cosmos') expect(sdk.length).toBeGreaterThan(0);
      expect(consoleLines.filter((l) => l.includes('azure:'))).toEqual([]);
    });

    it('logged the refused weekly sends with a pseudonym, not the delivery id', () => {
      const refused = lines
        .map((l) => JSON.parse(l) as Record<string, unknown>)
        .filter((l) => l.msg === 'delivery not sent');
      expect(refused).toHaveLength(2);
      for (const l of refused) expect(l.deliveryId).toMatch(/^p_[A-Za-z0-9_-]{16}$/);
    });

    it('no Entra object id, Teams user id or chat id appears in any span or log line', () => {
      const captured = [...spans.map((s) => JSON.stringify(s)), ...lines, ...consoleLines];
      const leaks = people
        .flatMap(idsOf)
        .flatMap((id) => captured.filter((c) => c.includes(id)).map((c) => `${id} in ${c.slice(0, 300)}`));
      expect(leaks).toEqual([]);
    });
  });
});
