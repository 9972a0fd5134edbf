import { z } from 'zod';
import { CONTENT_LIMITS as L, SLUG } from './limits';

/**
 * zod schemas for the raw data files. Reference fields (behaviour ids, roles, ways) are plain strings here;
 * validate.ts resolves them so a bad reference gets a message saying what it should point to.
 */

const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'is empty')
    .max(max, { error: (iss) => `is ${String(iss.input).length} characters, limit ${max}` });

const isHttpsUrl = (s: string): boolean => {
  try {
    return new URL(s).protocol === 'https:';
  } catch {
    return false;
  }
};

const httpsUrl = z.string().refine(isHttpsUrl, { error: 'must be an https:// URL' });
const slug = z.string().regex(SLUG, { error: 'must be a lower-case slug like "compassion-03"' });

const nationId = z.enum(['england', 'wales', 'scotland', 'northern-ireland']);

const pollSchema = z.strictObject({
  id: slug,
  question: text(L.pollQuestion),
  options: z
    .array(z.strictObject({ id: slug, label: text(L.optionLabel) }))
    .refine((o) => o.length >= 3 && o.length <= 5, {
      error: (iss) => `needs 3 to 5 options, has ${(iss.input as unknown[]).length}`,
    }),
});

export const behaviourSchema = z.strictObject({
  id: z.string(),
  title: text(L.behaviourTitle),
  summary: text(L.behaviourSummary),
  hlmDimensions: z.array(text(80)).min(1, 'needs at least one dimension'),
  keywords: z.array(text(40)).optional(),
  poll: pollSchema,
  grow: z.strictObject({ 'on-the-job': text(L.nextStep), 'self-directed': text(L.nextStep) }),
});

export const roleSchema = z.strictObject({
  id: z.string(),
  title: text(L.roleTitle),
  examples: text(120),
  audience: text(60).optional(),
});

export const waySchema = z.strictObject({
  id: z.string(),
  title: text(40),
  summary: text(L.waySummary),
  nextStep: text(L.nextStep),
  nextStepIn: z.partialRecord(nationId, text(L.nextStep)).optional(),
});

/** Where a nudge's "why" comes from; personal and team nudges share it (team-nudge-schema.ts). */
export const sourceSchema = z.strictObject({
  label: text(L.sourceLabel),
  url: httpsUrl,
  supports: text(L.sourceSupports),
});

const reflectionText = text(L.reflection)
  .refine((s) => s.endsWith('?'), { error: 'must be a self-question ending in "?"' })
  .refine((s) => /\b(I|me|my)\b/.test(s), { error: 'must ask about yourself, with "I", "me" or "my"' });
const actionText = text(L.action).refine((s) => /^If .+, then I will .+/s.test(s), {
  error: 'must be an if-then plan: "If ..., then I will ..."',
});

/** A nudge's text for one nation, where a law or scheme differs; the poll is never changed (answers pool). */
const nudgeNationTextSchema = z.strictObject({
  title: text(L.nudgeTitle).optional(),
  why: text(L.why).optional(),
  reflection: reflectionText.optional(),
  action: actionText.optional(),
  source: sourceSchema.optional(),
});

export const nudgeSchema = z.strictObject({
  id: slug,
  behaviour: z.string(),
  roles: z.array(z.string()).min(1, 'needs at least one role'),
  title: text(L.nudgeTitle),
  why: text(L.why),
  source: sourceSchema,
  reflection: reflectionText,
  action: actionText,
  inNations: z.partialRecord(nationId, nudgeNationTextSchema).optional(),
  ways: z.array(z.string()).min(1, 'needs at least one development way'),
  readingMinutes: z.number().int().min(1).max(3),
  signpost: z.enum(['speaking-up', 'wellbeing', 'abuse']).optional(),
});

const nationText = text(L.signpost);
/** signposting.json: for each topic a nudge may need, what to say in each nation (England also when not set). */
export const signpostingSchema = z.strictObject({
  topic: z.enum(['speaking-up', 'wellbeing', 'abuse']),
  england: nationText,
  wales: nationText,
  scotland: nationText,
  'northern-ireland': nationText,
  sources: z.array(httpsUrl).min(1, 'needs at least one source page'),
});

export const courseSchema = z.strictObject({
  id: slug,
  title: text(L.courseTitle),
  provider: text(L.courseShortText),
  url: httpsUrl,
  description: text(L.courseDescription),
  format: z.enum(['online', 'blended', 'in-person', 'workplace', 'community']),
  formatDetail: text(L.courseShortText),
  time: text(L.courseShortText),
  timeBand: z.enum(['short', 'medium', 'long']),
  cost: text(L.courseShortText),
  roles: z.array(z.string()).min(1, 'needs at least one role'),
  behaviours: z.array(z.string()).min(1, 'needs at least one behaviour'),
  ways: z.array(z.string()).min(1, 'needs at least one development way'),
  status: z.enum(['current', 'paused-nationally', 'closed', 'historic', 'check-funding', 'check-current']),
  statusNote: text(L.courseShortText).optional(),
  checked: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: 'must be yyyy-mm' }),
  nextStep: text(L.nextStep).optional(),
  nextStepIn: z.partialRecord(nationId, text(L.nextStep)).optional(),
  professions: z.array(z.string()).min(1).optional(),
  madeFor: z.array(z.string()).min(1).optional(),
  free: z.boolean().optional(),
  places: z.array(z.string()).min(1, 'needs at least one place where it is open, e.g. "england" or "wales"'),
  eligibility: text(L.courseEligibility),
  restrictedTo: text(L.courseShortText).optional(),
});

/** Parsed shapes before references are resolved. */
export type RawBehaviour = z.infer<typeof behaviourSchema>;
export type RawRole = z.infer<typeof roleSchema>;
export type RawWay = z.infer<typeof waySchema>;
export type RawNudge = z.infer<typeof nudgeSchema>;
export type RawCourse = z.infer<typeof courseSchema>;
