import { cardActionActivity, installActivity, messageActivity, person, type Person } from './activities';
import { cardOf, type Harness } from './bot-harness';

/** What a test needs to act on a nudge card the bot sent: the ids its buttons carry. */
export interface NudgeOnCard {
  person: Person;
  deliveryId: string;
  nudgeId: string;
  pollId: string;
  optionIds: string[];
}

interface CardNode {
  type?: string;
  id?: string;
  verb?: string;
  data?: Record<string, string>;
  choices?: { value: string }[];
  [key: string]: unknown;
}

function findAll(node: unknown, found: CardNode[] = []): CardNode[] {
  if (Array.isArray(node)) node.forEach((n) => findAll(n, found));
  else if (node && typeof node === 'object') {
    found.push(node as CardNode);
    Object.values(node).forEach((v) => findAll(v, found));
  }
  return found;
}

/** Reads the poll ids from a nudge card (the card a person sees in Teams). */
export function readNudgeCard(card: unknown, p: Person): NudgeOnCard {
  const nodes = findAll(card);
  const answer = nodes.find((n) => n.verb === 'poll.answer');
  const options = nodes.find((n) => n.type === 'Input.ChoiceSet' && n.id === 'optionId');
  if (!answer?.data?.deliveryId || !options?.choices) throw new Error('not a nudge card with a poll');
  return {
    person: p,
    deliveryId: answer.data.deliveryId,
    nudgeId: String(answer.data.nudgeId),
    pollId: String(answer.data.pollId),
    optionIds: options.choices.map((c) => c.value),
  };
}

/** Installs person `n` over HTTP and asks for a nudge ("nudge"); returns the nudge card's ids. */
export async function installAndNudge(h: Harness, n: number): Promise<NudgeOnCard> {
  const p = person(n);
  expect((await h.post(installActivity(p, h.connector.url))).status).toBeLessThan(300);
  const before = h.connector.sentTo(p.conversationId).length;
  expect((await h.post(messageActivity(p, h.connector.url, 'nudge'))).status).toBeLessThan(300);
  const sent = h.connector.sentTo(p.conversationId).slice(before);
  const last = sent[sent.length - 1];
  return readNudgeCard(cardOf(last), p);
}

/** A poll answer card action for `nudge` by `actor` (default: the nudge's own person). */
export function pollAnswer(h: Harness, nudge: NudgeOnCard, optionId: string, actor: Person = nudge.person) {
  return cardActionActivity(actor, h.connector.url, 'poll.answer', {
    deliveryId: nudge.deliveryId,
    nudgeId: nudge.nudgeId,
    pollId: nudge.pollId,
    optionId,
  });
}

/** A reflection card action for `nudge` by `actor` (default: the nudge's own person). */
export function reflectionSave(h: Harness, nudge: NudgeOnCard, text: string, actor: Person = nudge.person) {
  return cardActionActivity(actor, h.connector.url, 'reflection.save', {
    deliveryId: nudge.deliveryId,
    nudgeId: nudge.nudgeId,
    reflection: text,
  });
}
