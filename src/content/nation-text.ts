import { placeInfo, type Nation } from './places';
import type { Nudge } from './types';

/**
 * A nudge as a person reads it where they work: the nudge's own text, with the fields its `inNations`
 * entry gives for the person's nation (a law or scheme that differs there). A person who has not said
 * where they work reads England's text, as they see England's offers.
 */
export function nudgeTextFor(nudge: Nudge, place: string | undefined): Nudge {
  const own = nudge.inNations?.[placeInfo(place).nation];
  return own ? { ...nudge, ...own, source: own.source ?? nudge.source } : nudge;
}

/** A next step as a person in `place` reads it: the nation's own when one is given. */
export const nextStepIn = (
  item: { nextStep?: string; nextStepIn?: Partial<Record<Nation, string>> },
  place: string | undefined,
): string => item.nextStepIn?.[placeInfo(place).nation] ?? item.nextStep ?? '';
