import type { PracticeDoc, Preferences } from '../domain';

/**
 * A new member's starting preferences with their practice's defaults: its nation or region, and its
 * default weekly slot when a lead set one. Only for people the bot meets for the first time; each
 * person can change their own afterwards, and a later change of the practice's defaults leaves
 * existing members as they are.
 */
export function withPracticeDefaults(prefs: Preferences, practice: PracticeDoc | undefined): Preferences {
  if (!practice) return prefs;
  const slot = practice.defaultSlot;
  return {
    ...prefs,
    place: practice.place,
    ...(slot ? { day: slot.day, time: slot.time, timeZone: slot.timeZone } : {}),
  };
}
