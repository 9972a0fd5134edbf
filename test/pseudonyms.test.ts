import { Writable } from 'node:stream';
import { createLogger, keyLogPseudonyms } from '../src/logger';
import { createPseudonymiser } from '../src/pseudonyms';

const ENTRA = '6a1f0d2e-1111-4c4c-9d9d-0123456789ab';
const TENANT = '72f988bf-0000-0000-0000-000000000001';

function capturingLogger() {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({
    destination: new Writable({
      write(chunk: Buffer, _enc, done) {
        for (const l of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(l) as never);
        done();
      },
    }),
  });
  return { logger, lines };
}

describe('pseudonyms for ids in logs', () => {
  it('gives one id one stable pseudonym under a key, another under another key, and [id] before a key', () => {
    const a = createPseudonymiser();
    expect(a.of(ENTRA)).toBe('[id]');
    a.setKey('k'.repeat(32));
    const b = createPseudonymiser();
    b.setKey('j'.repeat(32));
    expect(a.of(ENTRA)).toMatch(/^p_[A-Za-z0-9_-]{16}$/);
    expect(a.of(ENTRA)).toBe(a.of(ENTRA));
    expect(a.of(ENTRA)).not.toBe(b.of(ENTRA));
    expect(a.of(ENTRA)).not.toBe(a.of(`${ENTRA}x`));
  });

  it('writes person and chat ids as pseudonyms, keeps the tenant, and scrubs ids inside error messages', () => {
    const { logger, lines } = capturingLogger();
    keyLogPseudonyms(logger, 'k'.repeat(32));
    const child = logger.child({ part: 'test' });
    child.warn(
      {
        deliveryId: `${ENTRA}|2026-W49`,
        tenantId: TENANT,
        from: { id: '29:1AbCdEf', aadObjectId: ENTRA },
        conversation: { id: 'a:1xYz', tenantId: TENANT },
        err: new Error(`POST /v3/conversations/a%3A1xYz/activities for ${ENTRA} failed`),
      },
      'delivery not sent',
    );
    const text = JSON.stringify(lines);
    for (const id of [ENTRA, '29:1AbCdEf', 'a:1xYz', 'a%3A1xYz']) expect(text).not.toContain(id);
    expect(lines[0]).toMatchObject({
      msg: 'delivery not sent',
      tenantId: TENANT,
      deliveryId: expect.stringMatching(/^p_/),
      from: { id: expect.stringMatching(/^p_/), aadObjectId: expect.stringMatching(/^p_/) },
      conversation: { id: expect.stringMatching(/^p_/), tenantId: TENANT },
      err: {
        name: 'Error',
        message: expect.stringMatching(/^POST \/v3\/conversations\/p_\S+\/activities for p_\S+ failed$/),
      },
    });
  });
});
