import { request } from 'node:http';
import { Readable } from 'node:stream';
import { createBrotliCompress, createDeflate, createGzip } from 'node:zlib';
import { startHarness, type Harness } from '../support/bot-harness';

/** How much a bomb inflates to: far past the 256 KB body limit and the deployed 160 MB heap ceiling. */
const INFLATED_BYTES = 200 * 1024 * 1024;

/**
 * A JSON activity whose padding inflates to INFLATED_BYTES, compressed as it is generated: the
 * test never holds more than one 64 KB chunk of the inflated text, only the compressed bytes.
 */
async function compressedBomb(compress: () => NodeJS.ReadWriteStream): Promise<Buffer> {
  const chunk = 'a'.repeat(64 * 1024);
  async function* inflated() {
    yield '{"type":"message","pad":"';
    for (let sent = 0; sent < INFLATED_BYTES; sent += chunk.length) yield chunk;
    yield '"}';
  }
  const out: Buffer[] = [];
  const zipper = compress();
  Readable.from(inflated()).pipe(zipper);
  for await (const piece of zipper) out.push(piece as Buffer);
  return Buffer.concat(out);
}

/** POSTs raw bytes with the given headers; resolves with the status and body (or the socket error). */
function postRaw(
  baseUrl: string,
  body: Buffer,
  headers: Record<string, string>,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${baseUrl}/api/messages`,
      { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': body.length, ...headers } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    // The server may answer and close before reading the whole upload; the answer is what counts.
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE' && error.code !== 'ECONNRESET') reject(error);
    });
    req.end(body);
  });
}

describe('compressed request bodies (security review N1: a 254 KB gzip body inflated to 255 MB and killed the bot)', () => {
  let h: Harness;
  let gzipBomb: Buffer;
  beforeAll(async () => {
    h = await startHarness();
    gzipBomb = await compressedBomb(() => createGzip({ level: 9 }));
  }, 120_000);
  afterAll(async () => {
    await h.close();
  });

  it('the gzip bomb is small enough to pass the 256 KB limit on compressed bytes', () => {
    expect(gzipBomb.length).toBeLessThan(256 * 1024);
  });

  it('refuses a gzip body that inflates to 200 MB with 415 before reading it, and /healthz still answers', async () => {
    const res = await postRaw(h.baseUrl, gzipBomb, { 'content-encoding': 'gzip' });
    expect(res.status).toBe(415);
    expect(JSON.parse(res.text)).toMatchObject({ error: 'unsupported_media_type' });
    expect(res.text).toMatch(/uncompressed/);
    const health = await fetch(`${h.baseUrl}/healthz`);
    expect([health.status, await health.json()]).toEqual([200, { status: 'ok' }]);
  });

  it.each([
    ['deflate', () => createDeflate()],
    ['br', () => createBrotliCompress()],
    ['GZIP', () => createGzip()],
    ['identity, gzip', () => createGzip()],
  ])('refuses Content-Encoding %s with 415', async (encoding, compress) => {
    const body = await new Promise<Buffer>((resolve, reject) => {
      const zipper = compress();
      const out: Buffer[] = [];
      zipper.on('data', (d: Buffer) => out.push(d));
      zipper.on('end', () => resolve(Buffer.concat(out)));
      zipper.on('error', reject);
      zipper.end('{"type":"message"}');
    });
    const res = await postRaw(h.baseUrl, body, { 'content-encoding': encoding });
    expect(res.status).toBe(415);
  });

  it('still reads an uncompressed body, with or without Content-Encoding: identity', async () => {
    const body = Buffer.from('{"not":"an activity"}');
    expect((await postRaw(h.baseUrl, body, {})).status).toBe(400);
    expect((await postRaw(h.baseUrl, body, { 'content-encoding': 'identity' })).status).toBe(400);
    expect((await postRaw(h.baseUrl, body, { 'content-encoding': 'Identity' })).status).toBe(400);
  });
});
