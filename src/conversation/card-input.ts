import { z } from 'zod';
import { ConversationError } from './errors';

/** Ids are short, printable and free of markup. */
export const idField = z
  .string()
  .min(1)
  .max(300)
  .regex(/^[\w|:.#@-]+$/);

/**
 * Validates a card action's data against a schema; anything else is refused with one message
 * (no field values are echoed or logged).
 */
export function parseCardInput<S extends z.ZodType>(schema: S, data: unknown): z.infer<S> {
  const result = schema.safeParse(data);
  if (!result.success) {
    const fields = [...new Set(result.error.issues.map((i) => i.path.join('.') || 'data'))];
    throw new ConversationError(
      'invalid_input',
      'That card action was not complete or not valid, so nothing was saved.',
      fields.map((f) => `Check: ${f}`),
    );
  }
  return result.data;
}
