import { randomBytes } from 'node:crypto';
import { escapeCardText } from '../cards';
import { ConversationError } from '../conversation/errors';
import type { ConversationDeps, Reply } from '../conversation/deps';
import { StoreError } from '../store/errors';
import { PracticeError } from '../practice/errors';

/**
 * The one place errors become what a person sees: a friendly error card with what happened and
 * what to try. The log gets a code and a reference, never the person's text.
 */
export function errorReply(
  deps: Pick<ConversationDeps, 'renderCard' | 'logger'>,
  error: unknown,
  context: string,
): Reply {
  const reference = randomBytes(4).toString('hex');
  if (error instanceof PracticeError) error = new ConversationError(error.code, error.userMessage, error.fieldErrors);
  if (error instanceof ConversationError) {
    deps.logger.warn({ event: 'action.refused', context, code: error.code, reference }, 'request refused');
    const tryNext =
      error.fieldErrors.length > 0
        ? error.fieldErrors.join('\n')
        : error.tryNext !== undefined
          ? error.tryNext
          : error.code === 'not_registered'
            ? 'Type "help" to start.'
            : 'Type "help" to see what I can do.';
    // Messages may quote what the person typed (a time zone, a behaviour): shown literally, never
    // as markdown or a template binding.
    return {
      summary: 'Something needs another look',
      card: deps.renderCard('error', {
        what: escapeCardText(error.userMessage),
        tryNext: escapeCardText(tryNext),
        reference: '',
      }),
    };
  }
  if (error instanceof StoreError && error.code === 'unavailable') {
    deps.logger.error({ event: 'store.unavailable', context, reference }, 'store unavailable');
    return {
      summary: 'I could not reach my storage',
      card: deps.renderCard('error', {
        what: 'I could not reach my storage just now, so nothing was saved.',
        tryNext: 'Please try again in a minute. Your earlier answers and reflections are safe.',
        reference,
      }),
    };
  }
  const e = error as Error | undefined;
  deps.logger.error(
    { event: 'action.failed', context, reference, err: { name: e?.name, message: e?.message?.slice(0, 200) } },
    'action failed',
  );
  return {
    summary: 'Something went wrong',
    card: deps.renderCard('error', {
      what: 'Something went wrong on my side, so that did not work.',
      tryNext: 'Please try again. If it keeps happening, tell your IT support and quote the reference.',
      reference,
    }),
  };
}
