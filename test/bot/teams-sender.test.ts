import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { placeSerialisedCards, createTeamsSender } from '../../src/bot/teams-sender';
import { createCardRenderer } from '../../src/cards/render';
import { createStampedCards } from '../../src/cards/stamped-cards';
import { loadConfig } from '../../src/config';
import { loadContent } from '../../src/content/load';
import { nudgeViewFor } from '../../src/conversation/nudge-view';
import { serialisedCard, type Sender } from '../../src/delivery/sender';
import { createAdapter } from '../../src/server/adapter';
import type { ConversationRef } from '../../src/store/types';
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

describe('the Teams sender (real CloudAdapter and ConnectorClient, to the connector double)', () => {
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
    sender = createTeamsSender(createAdapter(loadConfig({ DATA_DIR: dataDir })), { timeoutMs: 5000 });
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
      body: [{ type: 'TextBlock', text: 'nudges-card-not-a-marker-1' }],
    };
    const { activityId } = await sender.send(to(2), { summary: 'Object', card });
    await sender.update(to(2), activityId, serialisedCard('Updated', nudgeJson(1, 'u2|2026-W10')));
    const [sent, updated] = connector.sentTo('a:conv-2');
    expect(cardOf(sent!.body)?.content).toEqual(card); // text that looks like a marker is left alone
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

  it('still sends the card when Teams refused the first attempt (the card is placed again for the retry)', async () => {
    connector.addFault({ status: 503, times: 1 });
    const json = nudgeJson(2, 'u3|2026-W10');
    await expect(sender.send(to(3), serialisedCard('Retry', json))).rejects.toMatchObject({ status: 503 });
    await sender.send(to(3), serialisedCard('Retry', json));
    const sent = connector.sentTo('a:conv-3');
    expect(sent).toHaveLength(1);
    expect(cardOf(sent[0]!.body)?.content).toEqual(JSON.parse(json.toString()));
  });

  it('leaves bodies without a card marker unchanged', () => {
    const body = JSON.stringify({ type: 'message', text: 'nudges-card-0000-1 is not a marker' });
    expect(placeSerialisedCards(body)).toBe(body);
  });
});
