/**
 * Text lengths (characters) that fit an Adaptive Card in Teams without truncation or a wall of text.
 * A nudge card shows title, why, reflection, action and poll together, so the sum of the nudge limits
 * stays under about 1,200 characters, readable in the 2 minutes the product promises.
 */
export const CONTENT_LIMITS = {
  behaviourTitle: 60,
  behaviourSummary: 600,
  roleTitle: 40,
  nudgeTitle: 60,
  why: 320,
  reflection: 200,
  action: 240,
  pollQuestion: 120,
  optionLabel: 40,
  sourceLabel: 100,
  sourceSupports: 300,
  signpost: 300,
  courseEligibility: 90,
  courseTitle: 120,
  courseDescription: 240,
  courseShortText: 160, // provider, formatDetail, time, cost, statusNote
  nextStep: 220,
  waySummary: 300,
} as const;

/** Nudge and poll ids are lower-case slugs such as 'compassion-03'. */
export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
