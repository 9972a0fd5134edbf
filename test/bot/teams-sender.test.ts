import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { activitiesUrl, callConnector, type RequestSigner } from '../../src/bot/connector-rest';
import { createTeamsSender } from '../../src/bot/teams-sender';
import { createCardRenderer } from '../../src/cards/render';
import { createStampedCards } from '../../src/cards/stamped-cards';
import { loadConfig } from '../../src/config';
import { loadContent } from '../../src/content/load';
import { nudgeViewFor } from '../../src/conversation/nudge-view';
import { serialisedCard, type Sender } from '../../src/delivery/sender';
import type { ConversationRef } from '../../src/domain';
import { startConnectorDouble, type ConnectorDouble } from '../support/connector-double';

const content = loadContent();
const renderer = createCardRenderer();
const stamped = createStampedCards();
const nudgeJson = (n: number, deliveryId: string): Buffer =>
  stamped.utf8(`n${n}`, [deliveryId, 't1'], ([id, tenantId]) =>
    renderer.render(
      'nudge',
      nudgeViewFor({ content }, content.nudges[n]!, id!, 'gp', {
        baseUrl: 'https://nudges.example',
        tenantId: tenantId!,
      }),
    ),
  );

describe('the Teams sender (development mode: unsigned REST calls to the connector double)', () => {
  let connector: ConnectorDouble;
  let sender: Sender;
  let dataDir: string;
  const to = (i: number): ConversationRef => ({
    serviceUrl: connector.url,
    conversationId: `a:conv-${i}`,
    tenantId: 't1',
    channelId: 'msteams',
    conversationType: 'personal',
  });
  beforeAll(async () => {
    connector = await startConnectorDouble();
    dataDir = mkdtempSync(join(tmpdir(), 'nudges-sender-'));
    sender = createTeamsSender(loadConfig({ DATA_DIR: dataDir }), { timeoutMs: 5000 });
  });
  beforeEach(() => connector.reset());
  afterAll(async () => {
    await connector.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const cardOf = (body: Record<string, unknown>) =>
    (body.attachments as { contentType: string; content: unknown }[])[0];

  it('sends an already serialised card exactly as the card it stands for', async () => {
    const json = nudgeJson(0, 'u1|2026-W10');
    const { activityId } = await sender.send(to(1), serialisedCard('This week: a nudge', json));
    expect(activityId).not.toBe('');
    const [sent] = connector.sentTo('a:conv-1');
    expect(sent?.body).toMatchObject({ type: 'message', summary: 'This week: a nudge' });
    expect(cardOf(sent!.body)).toEqual({
      contentType: 'application/vnd.microsoft.card.adaptive',
      content: JSON.parse(json.toString()),
    });
  });

  it('never builds the card object for a serialised card (the JSON goes out as it is)', async () => {
    const json = nudgeJson(3, 'u4|2026-W10');
    const message = {
      summary: 'Fast path',
      cardUtf8: json,
      get card(): object {
        throw new Error('the sender parsed the serialised card');
      },
    };
    await sender.send(to(4), message);
    expect(cardOf(connector.sentTo('a:conv-4')[0]!.body)?.content).toEqual(JSON.parse(json.toString()));
  });

  it('sends a card object as it is, and updates with either form', async () => {
    const card = {
      type: 'AdaptiveCard',
      version: '1.5',
      body: [{ type: 'TextBlock', text: 'A card built as an object' }],
    };
    const { activityId } = await sender.send(to(2), { summary: 'Object', card });
    await sender.update(to(2), activityId, serialisedCard('Updated', nudgeJson(1, 'u2|2026-W10')));
    const [sent, updated] = connector.sentTo('a:conv-2');
    expect(cardOf(sent!.body)?.content).toEqual(card);
    expect(updated).toMatchObject({ method: 'PUT', activityId });
    expect(cardOf(updated!.body)?.content).toEqual(JSON.parse(nudgeJson(1, 'u2|2026-W10').toString()));
  });

  it('keeps each card with its own message when many are sent at once', async () => {
    const ids = Array.from({ length: 30 }, (_, i) => i + 10);
    await Promise.all(ids.map((i) => sender.send(to(i), serialisedCard(`n${i}`, nudgeJson(i % 5, `u${i}|2026-W10`)))));
    for (const i of ids) {
      const [sent] = connector.sentTo(`a:conv-${i}`);
      expect(sent?.body.summary).toBe(`n${i}`);
      expect(cardOf(sent!.body)?.content).toEqual(JSON.parse(nudgeJson(i % 5, `u${i}|2026-W10`).toString()));
    }
  });

  it('still sends the whole card on the next attempt after Teams refused the first', async () => {
    connector.addFault({ status: 503, times: 1 });
    const json = nudgeJson(2, 'u3|2026-W10');
    await expect(sender.send(to(3), serialisedCard('Retry', json))).rejects.toMatchObject({ status: 503 });
    await sender.send(to(3), serialisedCard('Retry', json));
    const sent = connector.sentTo('a:conv-3');
    expect(sent).toHaveLength(1);
    expect(cardOf(sent[0]!.body)?.content).toEqual(JSON.parse(json.toString()));
  });

  it("maps Teams' refusals to what the delivery engine needs: status, channel code, Retry-After", async () => {
    connector.addFault({ status: 429, retryAfter: 2, times: 1 });
    await expect(sender.send(to(5), serialisedCard('x', nudgeJson(0, 'd5')))).rejects.toMatchObject({
      status: 429,
      retryAfterMs: 2000,
    });
    connector.addFault({ status: 403, code: 'MessageWritesBlocked', times: 1 });
    await expect(sender.send(to(5), serialisedCard('x', nudgeJson(0, 'd5')))).rejects.toMatchObject({
      status: 403,
      code: 'MessageWritesBlocked',
    });
    connector.addFault({ status: 404, code: 'ConversationNotFound', times: 1 });
    await expect(sender.update(to(5), 'act-1', serialisedCard('x', nudgeJson(0, 'd5')))).rejects.toMatchObject({
      status: 404,
      code: 'ConversationNotFound',
    });
    expect(connector.sentTo('a:conv-5')).toHaveLength(0);
  });

  it('ends a call with no answer in time as a timeout (it may have been delivered), and a refused connection as a network error', async () => {
    const quick = createTeamsSender(loadConfig({ DATA_DIR: dataDir }), { timeoutMs: 300 });
    connector.addFault({ status: 201, delayMs: 1000, times: 1 });
    await expect(quick.send(to(6), serialisedCard('x', nudgeJson(0, 'd6')))).rejects.toMatchObject({
      status: 0,
      code: 'Timeout',
    });
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const nowhere = { ...to(7), serviceUrl: `http://127.0.0.1:${port}/` };
    await expect(quick.send(nowhere, serialisedCard('x', nudgeJson(0, 'd7')))).rejects.toMatchObject({
      status: 0,
      code: 'ECONNREFUSED',
    });
  });
});

describe('Bot Connector REST calls', () => {
  it('puts conversation and activity ids into the path, under any service URL', () => {
    expect(activitiesUrl('https://smba.trafficmanager.net/emea/', 'a:1X/y?z#w').href).toBe(
      'https://smba.trafficmanager.net/emea/v3/conversations/a%3A1X%2Fy%3Fz%23w/activities',
    );
    expect(activitiesUrl('https://smba.trafficmanager.net/emea', '19:abc@thread.tacv2', '1:2').href).toBe(
      'https://smba.trafficmanager.net/emea/v3/conversations/19%3Aabc%40thread.tacv2/activities/1%3A2',
    );
  });

  it('signs every request with its signer, and sends nothing when it cannot sign', async () => {
    const seen: { headers: IncomingHttpHeaders; body: string }[] = [];
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        seen.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        res.writeHead(201, { 'content-type': 'application/json' });
        res.end('{"id":"1:42"}');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = activitiesUrl(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`, 'a:c');
    const body = Buffer.from('{"type":"message","text":"é"}', 'utf8');
    try {
      const signer: RequestSigner = {
        signRequest: async (r) => r.headers.set('Authorization', 'Bearer token-from-credentials'),
      };
      const call = { method: 'POST' as const, url, body, timeoutMs: 5000, userAgent: 'test' };
      await expect(callConnector({ ...call, signer })).resolves.toEqual({ id: '1:42' });
      expect(seen[0]?.headers).toMatchObject({
        authorization: 'Bearer token-from-credentials',
        'content-type': 'application/json; charset=utf-8',
        'content-length': String(body.length),
      });
      expect(seen[0]?.body).toBe('{"type":"message","text":"é"}');

      const broken: RequestSigner = { signRequest: () => Promise.reject(new Error('no identity endpoint')) };
      await expect(callConnector({ ...call, signer: broken })).rejects.toMatchObject({
        status: 0,
        code: 'AuthenticationFailed',
      });
      expect(seen).toHaveLength(1);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});
