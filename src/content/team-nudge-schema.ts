import { z } from 'zod';
import { CONTENT_LIMITS as L, SLUG } from './limits';
import { sourceSchema } from './schema';

const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'is empty')
    .max(max, { error: (iss) => `is ${String(iss.input).length} characters, limit ${max}` });
const slug = z.string().regex(SLUG, { error: 'must be a lower-case slug like "team-compassion-01"' });

/** Longest team discussion question: it shares the card with the why and the poll. */
export const TEAM_DISCUSSION_LIMIT = 240;

/** zod schema of one entry of team-nudges.json; the behaviour reference is resolved by validate-team-nudges.ts. */
export const teamNudgeSchema = z.strictObject({
  id: slug,
  behaviour: z.string(),
  title: text(L.nudgeTitle),
  why: text(L.why),
  /** Same shape and rules as a personal nudge's source. */
  source: sourceSchema,
  discussion: text(TEAM_DISCUSSION_LIMIT).refine((s) => s.endsWith('?'), {
    error: 'must be a question for the team, ending in "?"',
  }),
  poll: z.strictObject({
    id: slug,
    question: text(L.pollQuestion),
    options: z
      .array(z.strictObject({ id: slug, label: text(L.optionLabel) }))
      .refine((o) => o.length >= 3 && o.length <= 5, {
        error: (iss) => `needs 3 to 5 options, has ${(iss.input as unknown[]).length}`,
      }),
  }),
});
