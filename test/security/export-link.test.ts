import { replyTo } from '../support/nudged-person';
import { Writable } from 'node:stream';
import { createLogger } from '../../src/logger';
import { installActivity, person, type Person } from '../support/activities';
import { cardOf, startHarness, type Harness } from '../support/bot-harness';
import { openTestStore, STORE_KINDS } from '../support/stores';

jest.setTimeout(120_000);

describe.each(STORE_KINDS)('the export download link on the %s store (security review L2)', (kind) => {
  let h: Harness;
  const lines: string[] = [];
  beforeAll(async () => {
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
        done();
      },
    });
    h = await startHarness({ store: openTestStore(kind), logger: createLogger({ level: 'debug', destination: sink }) });
  });
  afterAll(async () => {
    await h.close();
  });

  /** Asks for an export as `p` and gives the JSON link on the card (on this test's server). */
  async function exportLink(p: Person): Promise<string> {
    await h.post(installActivity(p, h.connector.url));
    const card = JSON.stringify(cardOf(await replyTo(h, p, 'export'))); // not the welcome, which may come later
    const [url] = card.match(/http:\/\/127\.0\.0\.1:\d+\/api\/export\/[A-Za-z0-9_-]+/g) ?? [];
    expect(url).toBeDefined();
    return url!.replace(/^http:\/\/127\.0\.0\.1:\d+/, h.baseUrl);
  }

  it('never logs the token, whatever the method, and other methods do not use the link up', async () => {
    const url = await exportLink(person(8100));
    const token = url.split('/').pop()!;
    lines.length = 0;
    for (const method of ['HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH']) {
      const res = await fetch(url, {
        method,
        ...(['POST', 'PUT', 'PATCH'].includes(method)
          ? { body: '{}', headers: { 'content-type': 'application/json' } }
          : {}),
      });
      expect(res.status).toBeGreaterThanOrEqual(400);
    }
    expect(lines.length).toBeGreaterThan(0); // the refusals were logged...
    expect(lines.filter((l) => l.includes(token))).toEqual([]); // ...without the token
    expect(lines.join('\n')).toMatch(/"path":"\/api\/export\/\{token\}"/);
    expect((await fetch(url)).status).toBe(200);
  });

  it('works once: a second GET gets a clear 410 page; the text link works once too', async () => {
    const url = await exportLink(person(8200));
    const first = await fetch(url);
    expect(first.status).toBe(200);
    expect(JSON.parse(await first.text())).toMatchObject({ profile: expect.any(Object) });
    for (let i = 0; i < 3; i++) {
      const again = await fetch(url);
      expect(again.status).toBe(410);
      expect(again.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await again.text()).toMatch(/already been used\. Type "export" in the chat/);
    }
    expect((await fetch(`${url}?format=text`)).status).toBe(200);
    expect((await fetch(`${url}?format=text`)).status).toBe(410);
  });

  it('gives the file to exactly one of five simultaneous GETs', async () => {
    const url = await exportLink(person(8300));
    const statuses = await Promise.all(Array.from({ length: 5 }, async () => (await fetch(url)).status));
    expect(statuses.sort()).toEqual([200, 410, 410, 410, 410]);
  });
});
