import { cardActionActivity, installActivity, type Person } from './activities';
import type { Harness } from './bot-harness';

/**
 * Installs the bot for each person and presses "Start my nudges" (weekly nudges begin only after it):
 * people side by side, each person's own two turns in order, as many people installing at once would.
 * Resolves once the welcome cards' write-backs have landed too.
 */
export async function installAndStart(h: Harness, people: Person[]): Promise<void> {
  await Promise.all(
    people.map(async (p) => {
      expect((await h.post(installActivity(p, h.connector.url))).status).toBe(200);
      expect((await h.post(cardActionActivity(p, h.connector.url, 'consent.start', {}))).status).toBe(200);
    }),
  );
  await h.app.followUps.settled();
}
