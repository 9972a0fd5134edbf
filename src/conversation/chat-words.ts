import { formatLocal } from '../cards/time-format';
import type { UserRecord } from '../domain';
import type { ConversationDeps, Reply } from './deps';
import { requireUser } from './users';

/** Where the person stands, in one line: their next nudge, a pause, or how to start. */
function whereYouAre(deps: Pick<ConversationDeps, 'now'>, user: UserRecord): string {
  const fmt = (iso: string) => formatLocal(iso, user.prefs.timeZone, user.prefs.locale);
  if (!user.onboarded) return 'Choose your role on the welcome card and select "Start my nudges" to begin.';
  if (user.pausedUntil && Date.parse(user.pausedUntil) > deps.now().getTime())
    return `Your nudges are paused until ${fmt(user.pausedUntil)}; type "resume" to start again sooner.`;
  if (user.nextDueAt && user.status === 'active') return `Your next nudge: ${fmt(user.nextDueAt)}.`;
  return 'Type "nudge" for a nudge now.';
}

const message = (deps: ConversationDeps, title: string, text: string): Reply => ({
  summary: title,
  card: deps.renderCard('message', { title, text }),
});

/** "hello", "hi": a short greeting with the next nudge and where to find more. */
export async function greet(deps: ConversationDeps, userId: string): Promise<Reply> {
  const user = await requireUser(deps, userId);
  return message(deps, 'Hello', `${whereYouAre(deps, user)} Type "help" to see what I can do.`);
}

/** "thanks": a short reply, the next nudge and where to find more. */
export async function welcomeThanks(deps: ConversationDeps, userId: string): Promise<Reply> {
  const user = await requireUser(deps, userId);
  return message(deps, 'You are welcome', `${whereYouAre(deps, user)} Type "help" to see what I can do.`);
}

/**
 * "stop", "unsubscribe": says what each way of stopping does and changes nothing yet, because
 * stopping for good erases the person's reflections and needs their confirmation first.
 */
export async function explainStopping(deps: ConversationDeps, userId: string): Promise<Reply> {
  const user = await requireUser(deps, userId);
  return message(
    deps,
    'Stop your nudges?',
    `Nothing has changed yet. ${whereYouAre(deps, user)} To take a break, type "pause 4 weeks" (1 to 12 weeks); "resume" starts again. To stop for good and erase everything I keep about you, type "delete my data": I ask you to confirm first. You can also remove Leadership Nudges from Teams.`,
  );
}
