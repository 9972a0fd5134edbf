import fc from 'fast-check';
import { z } from 'zod';
import { escapeCardText } from '../../src/cards';
import { ALL_VERBS } from '../../src/cards/verbs';
import { cardActionActivity, messageActivity, person } from '../support/activities';
import { cardText, startHarness, type Harness } from '../support/bot-harness';
import { installAndNudge, reflectionSave, type NudgeOnCard } from '../support/nudged-person';
import { recordFigures } from '../support/reliability-figures';

// 200 runs a property in `npm test`; FUZZ_RUNS=800 (or more) for a deeper search.
const RUNS_PER_PROPERTY = Number(process.env.FUZZ_RUNS ?? 200);
/** Fuzzing thousands of requests takes a while on a loaded 2-core machine; never let it time out spuriously. */
jest.setTimeout(240_000);

/** Hostile strings: markup, templating, huge, control characters, unicode. */
const hostileString = fc.oneof(
  fc.string({ maxLength: 50 }),
  fc.constantFrom(
    '<script>alert(1)</script>',
    '[x](https://evil.example)',
    '${deliveryId}',
    '${$root.secret}',
    '{{7*7}}',
    '"; DROP TABLE users; --',
    '\u0000\u0007\u202e',
    '../../etc/passwd',
    'poll|someone-else',
    '__proto__',
  ),
  fc.string({ minLength: 3000, maxLength: 40_000 }).map((s) => s.padEnd(3000, 'x')),
);

/** Anything JSON can carry, deep and wide. */
const anyJson: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    hostileString,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('__proto__', 'constructor')), tie('value'), {
      maxKeys: 4,
    }),
  ),
})).value;

const deep = fc.integer({ min: 50, max: 3000 }).map((n) => {
  let v: unknown = 'bottom';
  for (let i = 0; i < n; i++) v = { a: v };
  return v;
});

// Shapes every stored record must have; .strict() rejects any field the code did not mean to store.
const iso = z.string().regex(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
const id = z.string().min(1).max(300);
const responseSchema = z.discriminatedUnion('kind', [
  z
    .object({
      id,
      kind: z.literal('poll'),
      userId: id,
      tenantId: id,
      groupId: id,
      deliveryId: id,
      nudgeId: id,
      behaviourId: id,
      pollId: id,
      optionId: z.string().max(100),
      rating: z.number().int().min(1).max(5).optional(),
      answeredAt: iso,
      version: z.number().int().optional(),
      ttl: z.number().optional(),
    })
    .strict(),
  z
    .object({
      id,
      kind: z.literal('vote'),
      userId: id,
      tenantId: id,
      groupId: id,
      pollId: id,
      behaviourId: id,
      optionId: z.string().max(100),
      rating: z.number().int().min(1).max(5).optional(),
      countedOptionId: z.string().max(100).optional(),
      countedRating: z.number().int().min(1).max(5).optional(),
      pendingOp: z.string().optional(),
      updatedAt: iso,
      ttl: z.number().optional(),
    })
    .strict(),
  z
    .object({
      id,
      kind: z.literal('reflection'),
      userId: id,
      tenantId: id,
      deliveryId: id,
      nudgeId: id,
      behaviourId: id,
      text: z.string().min(1).max(2000),
      savedAt: iso,
      ttl: z.number().optional(),
    })
    .strict(),
  z
    .object({
      id,
      kind: z.literal('feedback'),
      userId: id,
      tenantId: id,
      deliveryId: id,
      nudgeId: id,
      useful: z.boolean(),
      savedAt: iso,
      ttl: z.number().optional(),
    })
    .strict(),
  z
    .object({
      id,
      kind: z.literal('course'),
      userId: id,
      tenantId: id,
      courseId: id,
      at: iso,
      ttl: z.number().optional(),
    })
    .strict(),
]);
const userSchema = z
  .object({
    id,
    userId: id,
    tenantId: id,
    aadObjectId: id.optional(),
    conversation: z.object({}).passthrough(),
    prefs: z
      .object({
        role: z.enum(['gp', 'clinician', 'manager', 'reception', 'other']),
        timeZone: z.string().max(64),
        day: z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']),
        time: z.string().regex(/^\d\d:\d\d$/),
        frequency: z.enum(['weekly', 'fortnightly']),
        focus: z.array(z.string().max(64)).max(20),
        // From the Teams client only, canonicalised (src/cards/time-format.ts acceptedLocale).
        locale: z
          .string()
          .regex(/^[A-Za-z0-9-]{2,20}$/)
          .optional(),
      })
      .strict(),
    onboarded: z.boolean(),
    status: z.enum(['active', 'inactive', 'uninstalled']),
    pausedUntil: iso.optional(),
    nextDueAt: iso.optional(),
    anchorDate: z.string().optional(),
    history: z.object({}).passthrough(),
    snooze: z.object({ deliveryId: id, nudgeId: id, until: iso, weeklyDueAt: iso }).strict().optional(),
    ratedAt: iso.optional(),
    consent: z
      .object({
        state: z.enum(['pending', 'started']),
        via: z.enum(['install', 'team']),
        welcomedAt: iso.optional(),
        remindedAt: iso.optional(),
      })
      .strict()
      .optional(),
    createdAt: iso,
    updatedAt: iso,
    ttl: z.number().optional(),
  })
  .strict();

describe('hostile and malformed input over HTTP', () => {
  let h: Harness;
  let nudge: NudgeOnCard;
  let requests = 0;
  let unknownInvokes = 0;
  const statuses = new Map<number, number>();

  beforeAll(async () => {
    h = await startHarness();
    nudge = await installAndNudge(h, 9001);
  });
  afterAll(async () => {
    await h.close();
    recordFigures('hostileInput', {
      requestsFuzzed: requests,
      serverErrors: [...statuses].filter(([status]) => status >= 500).reduce((n, [, count]) => n + count, 0),
      unknownInvokesAnswered400: unknownInvokes,
      statuses: JSON.stringify(Object.fromEntries(statuses)),
    });
  });

  const send = async (activity: unknown): Promise<{ status: number; body: unknown }> => {
    requests++;
    const res = await h.post(activity as Record<string, unknown>);
    statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    return res;
  };

  const expectAlive = async (status: number) => {
    expect(status).toBeLessThan(500);
    expect((await fetch(`${h.baseUrl}/healthz`)).status).toBe(200);
  };

  it('answers every card action with any verb and any data without a 5xx', async () => {
    const me = nudge.person;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.constantFrom(...ALL_VERBS), hostileString, anyJson),
        fc.oneof(
          anyJson,
          deep,
          fc.record(
            {
              deliveryId: fc.oneof(fc.constant(nudge.deliveryId), hostileString, anyJson),
              nudgeId: fc.oneof(fc.constant(nudge.nudgeId), hostileString),
              optionId: fc.oneof(fc.constantFrom(...nudge.optionIds), hostileString, anyJson),
              reflection: fc.oneof(hostileString, anyJson),
              rating: anyJson,
              day: anyJson,
              time: anyJson,
              timeZone: hostileString,
              role: hostileString,
              focus: anyJson,
            },
            { requiredKeys: [] },
          ),
        ),
        async (verb, data) => {
          const res = await send(cardActionActivity(me, h.connector.url, verb, data));
          expect(res.status).toBe(200);
        },
      ),
      { numRuns: RUNS_PER_PROPERTY },
    );
    await expectAlive(200);
  });

  it('answers malformed activities (wrong types, missing fields, junk) without a 5xx', async () => {
    const base = messageActivity(person(9002), h.connector.url, 'help');
    const fields = [
      'type',
      'from',
      'conversation',
      'channelData',
      'text',
      'value',
      'recipient',
      'name',
      'channelId',
      'serviceUrl',
      'entities',
      'membersAdded',
      'action',
      'locale',
      'localTimezone',
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(
          fc.constantFrom(...fields),
          fc.oneof(
            anyJson,
            fc.constantFrom('message', 'invoke', 'conversationUpdate', 'installationUpdate', 'adaptiveCard/action'),
          ),
          { maxKeys: 5 },
        ),
        fc.subarray(fields, { maxLength: 3 }),
        async (overrides, removed) => {
          const activity: Record<string, unknown> = { ...base, ...overrides };
          for (const f of removed) delete activity[f];
          const res = await send(activity);
          // An invoke the bot does not offer gets 400 (botbuilder's own answer would be 501).
          const unknownInvoke = activity.type === 'invoke' && activity.name !== 'adaptiveCard/action';
          if (unknownInvoke && res.status === 400) unknownInvokes++;
          expect(res.status).toBeLessThan(500);
        },
      ),
      { numRuns: RUNS_PER_PROPERTY },
    );
    await expectAlive(200);
  });

  it('answers typed commands with hostile text without a 5xx', async () => {
    const p = person(9003);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          hostileString,
          fc.constantFrom('settings', 'pause', 'pause 99999 weeks', 'export', 'delete my data', 'courses <b>'),
        ),
        async (text) => {
          const res = await send(messageActivity(p, h.connector.url, text.slice(0, 20_000)));
          expect(res.status).toBeLessThan(500);
        },
      ),
      { numRuns: Math.round(RUNS_PER_PROPERTY / 2) },
    );
    await expectAlive(200);
  });

  it('stores only validated fields: every stored person and response matches its schema exactly', async () => {
    const users = await h.app.store.users.query({ limit: 1000 });
    for (const u of users) {
      const { etag: _etag, ...doc } = u as typeof u & { etag?: string };
      expect(userSchema.safeParse(doc).error?.issues ?? []).toEqual([]);
    }
    const responses = await h.app.store.responses.query({ limit: 10_000 });
    for (const r of responses) {
      const { etag: _etag, ...doc } = r as typeof r & { etag?: string };
      expect(responseSchema.safeParse(doc).error?.issues ?? []).toEqual([]);
    }
  });

  it('shows a reflection with markdown, script and template syntax back literally, escaped', async () => {
    const hostile = 'See [x](https://evil.example) <script>alert(1)</script> ${deliveryId} {{7*7}}';
    const fresh = await installAndNudge(h, 9010); // the fuzzing above may have deleted 9001's data
    const saved = await send(reflectionSave(h, fresh, hostile));
    expect(cardText((saved.body as { value: unknown }).value)).not.toMatch(/went wrong|not valid/i);
    const history = await send(cardActionActivity(fresh.person, h.connector.url, 'history.show', {}));
    const shown = cardText((history.body as { value: unknown }).value);
    // Shown exactly as escaped text: no live link, no HTML, no template binding left to expand.
    expect(shown).toContain(escapeCardText(hostile));
    expect(shown).toContain('\\[x\\]\\(https://evil.example\\)');
    expect(shown).toContain('\\<script\\>');
    expect(shown).toContain('$\\{deliveryId}');
    expect(shown).not.toContain('[x](https://evil.example)');
    expect(shown).not.toContain('<script>');
    expect(shown).not.toContain(fresh.deliveryId);
  });
});
