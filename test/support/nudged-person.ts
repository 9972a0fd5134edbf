import { cardActionActivity, installActivity, messageActivity, person, type Person } from './activities';
import { cardOf, type Harness } from './bot-harness';
import type { RecordedActivity } from './connector-double';

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

/**
 * Sends `text` from `p` in their personal chat and returns the bot's reply to that message (the POST
 * answering its id), not whatever reached the chat last: an install's welcome and the follow-ups of
 * earlier clicks (card updates written back after the invoke was answered) can land around it.
 */
export async function replyTo(h: Harness, p: Person, text: string): Promise<RecordedActivity> {
  const message = messageActivity(p, h.connector.url, text);
  expect((await h.post(message)).status).toBeLessThan(300);
  const reply = h.connector.sentTo(p.conversationId).find((a) => a.method === 'POST' && a.activityId === message.id);
  if (!reply) throw new Error(`no reply to "${text}"`);
  return reply;
}

/** Installs person `n` over HTTP and asks for a nudge ("nudge"); returns the nudge card's ids. */
export async function installAndNudge(h: Harness, n: number): Promise<NudgeOnCard> {
  const p = person(n);
  expect((await h.post(installActivity(p, h.connector.url))).status).toBeLessThan(300);
  return readNudgeCard(cardOf(await replyTo(h, p, 'nudge')), p);
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
