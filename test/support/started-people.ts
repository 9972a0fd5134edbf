import { cardActionActivity, installActivity, type Person } from './activities';
import { settleWelcomes, type Harness } from './bot-harness';

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
      await settleWelcomes(h, [p], 60_000);
      expect((await h.post(cardActionActivity(p, h.connector.url, 'consent.start', {}))).status).toBe(200);
    }),
  );
  await h.app.followUps.settled();
}
