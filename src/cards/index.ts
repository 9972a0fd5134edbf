/** The cards part: templates in cards/ expanded with typed data. Knows nothing of Teams transport. */
export { renderCard, createCardRenderer, MAX_CARD_BYTES, type CardRenderer } from './render';
export { CardError, isCardError, type CardErrorCode } from './errors';
export { escapeCardText } from './escape';
export { stripControlCharacters } from './typed-text';
export { VERBS, ALL_VERBS, isVerb, type Verb } from './verbs';
export {
  nudgeCardData,
  withNudgeState,
  splitFirstSentence,
  UNTOUCHED_NUDGE_STATE,
  MAX_REFLECTION_LENGTH,
  type NudgeActions,
} from './nudge-card';
export { preferencesForm, welcomeCardData, settingsCardData } from './preferences-card';
export { courseItem, courseStatusLabel } from './course-item';
export { pollResultsView, MIN_ANSWERS, type PollResultsView } from './poll-results';
export { helpCardData, HELP_COMMANDS } from './help-card';
export { historyCardData } from './history-card';
export { insightFigure } from './insights-figure';
export * from './choices';
export * from './types';
export {
  portfolioEditCardData,
  encodeInputValue,
  decodeInputValue,
  entryInputIds,
  NO_COURSE,
  type EntryEdit,
} from './portfolio-card';
