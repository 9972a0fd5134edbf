import type { Content } from '../content/types';
import type { Preferences } from '../domain';
import {
  behaviourChoices,
  dayChoices,
  learningTimeChoices,
  NOT_SET,
  placeChoices,
  professionChoices,
  frequencyChoices,
  roleChoices,
  roleExamplesText,
  timeZoneChoices,
} from './choices';
import { timeSlotChoices } from './time-format';
import type { PreferencesForm, SettingsCardData, WelcomeCardData } from './types';

/** The inputs of the welcome and settings cards, prefilled with `prefs`. */
export function preferencesForm(
  prefs: Preferences,
  content: Pick<Content, 'roles' | 'behaviours'>,
  retentionText: string,
): PreferencesForm {
  return {
    role: prefs.role,
    day: prefs.day,
    time: prefs.time,
    timeChoices: timeSlotChoices(prefs.locale, prefs.time),
    timeZone: prefs.timeZone,
    frequency: prefs.frequency,
    focus: prefs.focus.join(','),
    place: prefs.place ?? NOT_SET,
    profession: prefs.profession ?? NOT_SET,
    professionChoices: professionChoices(),
    learningTime: prefs.learningTime ?? NOT_SET,
    placeChoices: placeChoices(),
    learningTimeChoices: learningTimeChoices(),
    roleChoices: roleChoices(content),
    roleHelp: roleExamplesText(content),
    dayChoices: dayChoices(),
    timeZoneChoices: timeZoneChoices(prefs.timeZone),
    frequencyChoices: frequencyChoices(),
    behaviourChoices: behaviourChoices(content),
    retentionText,
  };
}

/**
 * The welcome card's data: the onboarding form with the default preferences, and no role chosen
 * (the person picks theirs; the card requires it before "Start my nudges").
 */
export const welcomeCardData = (
  defaults: Preferences,
  content: Pick<Content, 'roles' | 'behaviours'>,
  retentionText: string,
): WelcomeCardData => ({ ...preferencesForm(defaults, content, retentionText), role: '' });

/** The settings card's data: current values, and when paused, until when (already formatted for the person). */
export const settingsCardData = (
  prefs: Preferences,
  content: Pick<Content, 'roles' | 'behaviours'>,
  retentionText: string,
  schedule: { pausedUntilText?: string; nextDueText?: string } = {},
): SettingsCardData => ({
  ...preferencesForm(prefs, content, retentionText),
  pausedUntilText: schedule.pausedUntilText ?? '',
  nextDueText: schedule.nextDueText ?? '',
});
