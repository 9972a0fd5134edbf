import { Writable } from 'node:stream';
import { VERBS } from '../../src/cards/verbs';
import { createLogger } from '../../src/logger';
import { cardActionActivity, installActivity, messageActivity, person } from '../support/activities';
import { startHarness, type Harness } from '../support/bot-harness';
import { installAndNudge } from '../support/nudged-person';

describe('what the bot logs', () => {
  const lines: string[] = [];
  let h: Harness;
  const secret = 'Dr Patel told Mrs Jones in bay 3 SECRET-MARKER';

  beforeAll(async () => {
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
        done();
      },
    });
    h = await startHarness({ logger: createLogger({ level: 'debug', destination: sink }) });
  });
  afterAll(async () => {
    await h.close();
  });

  it('logs a refused card action as a warning with a code, never the payload text', async () => {
    const nudge = await installAndNudge(h, 4001);
    const p = nudge.person;
    const delivery = { id: nudge.deliveryId, nudgeId: nudge.nudgeId };
    lines.length = 0;
    await h.post(
      cardActionActivity(p, h.connector.url, VERBS.reflectionSave, {
        deliveryId: delivery.id,
        nudgeId: delivery.nudgeId,
        reflection: `${secret} ${'x'.repeat(2100)}`,
      }),
    );
    await h.post(cardActionActivity(p, h.connector.url, 'no.such.verb', { note: secret }));
    await h.post(
      cardActionActivity(p, h.connector.url, VERBS.pollAnswer, {
        deliveryId: 'someone-else|2026-W48',
        nudgeId: 'values-01',
        optionId: secret,
      }),
    );
    const warnings = lines
      .map((l) => JSON.parse(l) as { level: number; event?: string; code?: string })
      .filter((l) => l.level === 40);
    expect(warnings.map((w) => w.code)).toEqual(['too_long', 'unknown_verb', 'forbidden']);
    expect(lines.join('\n')).not.toContain('SECRET-MARKER');
  });

  it('never logs a saved reflection or what a person typed', async () => {
    const p = person(4002);
    await h.post(installActivity(p, h.connector.url));
    lines.length = 0;
    await h.post(messageActivity(p, h.connector.url, `courses ${secret}`));
    await h.post(messageActivity(p, h.connector.url, secret));
    const nudge = await installAndNudge(h, 4003);
    const q = nudge.person;
    const delivery = { id: nudge.deliveryId, nudgeId: nudge.nudgeId };
    await h.post(
      cardActionActivity(q, h.connector.url, VERBS.reflectionSave, {
        deliveryId: delivery.id,
        nudgeId: delivery.nudgeId,
        reflection: secret,
      }),
    );
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join('\n')).not.toContain('SECRET-MARKER');
    expect(lines.join('\n')).not.toContain('Patel');
  });

  it('logs a browser opening the bot address or an unknown path at info, and a bad body as a warning', async () => {
    lines.length = 0;
    await fetch(`${h.baseUrl}/api/messages`);
    await fetch(`${h.baseUrl}/wp-login.php`);
    await h.post('{not json');
    const refused = lines
      .map((l) => JSON.parse(l) as { level: number; msg: string; status?: number })
      .filter((l) => l.msg === 'request refused')
      .map(({ level, status }) => ({ level, status }));
    expect(refused).toEqual([
      { level: 30, status: 405 },
      { level: 30, status: 404 },
      { level: 40, status: 400 },
    ]);
  });
});
