import { cardActionActivity, installActivity, type Person } from './activities';
import type { Harness } from './bot-harness';

/** Waits until the bot has posted a welcome into the person's chat (generous deadline: a busy machine). */
async function welcomed(h: Harness, p: Person): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!h.connector.sentTo(p.conversationId).some((a) => a.method === 'POST')) {
    if (Date.now() > deadline) throw new Error(`no welcome reached ${p.aadObjectId}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * Installs the bot for each person and presses "Start my nudges" (weekly nudges begin only after it):
 * people side by side, each person's own steps in order, as many people installing at once would.
 * Start is pressed once the person's welcome is there (an install turn answers after at most 5 s even
 * if its welcome is still on its way), and this resolves once Start's write-backs have landed too.
 */
export async function installAndStart(h: Harness, people: Person[]): Promise<void> {
  await Promise.all(
    people.map(async (p) => {
      expect((await h.post(installActivity(p, h.connector.url))).status).toBe(200);
      await welcomed(h, p);
      expect((await h.post(cardActionActivity(p, h.connector.url, 'consent.start', {}))).status).toBe(200);
    }),
  );
  await h.app.followUps.settled();
}
