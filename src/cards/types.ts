/**
 * View models: the data each template in cards/ binds to. Builders in this folder make them from
 * domain objects; callers may also fill them directly. Every text a person typed must already be
 * passed through `escapeCardText`.
 */

/** One option of an Input.ChoiceSet. */
export interface Choice {
  title: string;
  value: string;
}

/** Inputs shared by the welcome and settings cards, prefilled with defaults or current values. */
export interface PreferencesForm {
  role: string;
  day: string;
  /** 'HH:MM', 07:00..19:00 */
  time: string;
  /** The times offered (saved exactly as offered), titled in the reader's style. */
  timeChoices: Choice[];
  timeZone: string;
  frequency: string;
  /** Comma-separated behaviour ids (the multi-select's value format). */
  focus: string;
  /** A place id (src/content/places.ts) or 'not-set'. */
  place: string;
  /** A profession id (src/content/professions.ts) or 'not-set'. */
  profession: string;
  professionChoices: Choice[];
  /** 'short' | 'medium' | 'long' or 'not-set'. */
  learningTime: string;
  placeChoices: Choice[];
  learningTimeChoices: Choice[];
  roleChoices: Choice[];
  /** Who counts as each role, e.g. 'GP: GP partner, salaried GP. Nurse or other clinician: ...' */
  roleHelp: string;
  dayChoices: Choice[];
  timeZoneChoices: Choice[];
  frequencyChoices: Choice[];
  behaviourChoices: Choice[];
  /** e.g. 'Answers and reflections are kept for 12 months.' */
  retentionText: string;
}

export type WelcomeCardData = PreferencesForm;

export interface SettingsCardData extends PreferencesForm {
  /** Shown as "Nudges are paused until ..."; empty when not paused. */
  pausedUntilText: string;
  /** e.g. 'Monday 3 December at 09:00 (Europe/London)'; empty when none is scheduled. */
  nextDueText: string;
}

/** A course or another way to develop, as offered on a card. */
export interface CourseItem {
  id: string;
  title: string;
  provider: string;
  url: string;
  /** Empty when the course is `current`, else e.g. 'Paused nationally'. */
  statusLabel: string;
  /** e.g. 'Online · 6 hours · Free' */
  facts: string;
  /** e.g. 'Matches: compassion, for practice managers, online' */
  why: string;
  /** Empty when none. */
  description: string;
  /** A concrete next step for non-course ways (mentoring, networking...); empty when none. */
  nextStep: string;
  /** Who can join, in a few words, e.g. 'Practice managers in Scotland'. */
  eligibility: string;
  /** Button title: 'Learn more' for every kind of offer, so course buttons read the same everywhere. */
  linkTitle: string;
}

/** Ids every nudge action carries back to the bot. */
export interface NudgeIds {
  deliveryId: string;
  nudgeId: string;
  pollId: string;
  behaviourId: string;
}

/**
 * What the person has done with one nudge card. Each card action changes only its own part (the
 * poll, the reflection, the feedback, the snooze/skip line); everything else stays as it was.
 */
export interface NudgeCardState {
  /** True once the poll is answered: the card shows the answer and results instead of the choices. */
  answered: boolean;
  /** The chosen option's label; empty before answering. */
  answerLabel: string;
  /** e.g. '4 out of 5 – often'; empty when no rating was given */
  ratingLabel: string;
  showResults: boolean;
  total: number;
  minAnswers: number;
  moreNeeded: number;
  results: PollResultRow[];
  reflectionSaved: boolean;
  /** The saved reflection, escaped to show literally; shown again (collapsed) on the card in personal chat only. */
  reflectionText: string;
  /** 'Yes' or 'No' once the person said whether the nudge was useful; empty before. */
  feedbackText: string;
  /** e.g. 'Snoozed until Wednesday 2 December 2026, 09:00 (Europe/London).'; empty for none. */
  scheduleText: string;
  /** Snooze is offered (a sent weekly nudge not snoozed yet). */
  canSnooze: boolean;
  /** Skip is offered (not skipped yet). */
  canSkip: boolean;
  /** A short confirmation of the last action, shown under the title; empty for none. */
  notice: string;
  /** e.g. 'your organisation' */
  groupName: string;
  /** Said instead of the results when the person is in no group (no practice team): why they see none. */
  groupNote: string;
}

export interface NudgeCardData extends NudgeIds, NudgeCardState {
  behaviourTitle: string;
  title: string;
  /** The first sentence of why it matters (shown); `whyMore` is the rest (on demand), empty for none. */
  whyShort: string;
  whyMore: string;
  /** Empty strings when the nudge cites no source. */
  sourceLabel: string;
  sourceUrl: string;
  reflectionPrompt: string;
  action: string;
  pollQuestion: string;
  pollChoices: Choice[];
  ratingChoices: Choice[];
  readingMinutes: number;
  /** 0..3 courses or other ways to develop, shown on demand under "Ways to grow". */
  courses: CourseItem[];
  /** 'Nothing matched ... closest' when the courses are the closest rather than exact matches; else empty. */
  coursesNote: string;
  /** The non-course way to develop every nudge card offers, with its next step. */
  developWay: DevelopWayItem;
  /** Speaking-up, wellbeing or abuse signposting for the person's nation; empty when the nudge needs none. */
  signpost: string;
  maxReflectionLength: number;
}

/** The nudge card's non-course way (mentoring, coaching, action learning, networking, QI, self-directed, on the job). */
export interface DevelopWayItem {
  /** 'Mentoring' */
  title: string;
  nextStep: string;
  /** Why this, e.g. 'made for GPs in Northern Ireland'. */
  why: string;
  /** The scheme offering it, when one fits; empty strings when the next step needs no scheme. */
  url: string;
  provider: string;
  linkTitle: string;
}

export interface PollResultRow {
  label: string;
  count: number;
  percent: number;
  /** Column weights for the bar (never 0: Adaptive Cards drop 0-width columns). */
  barWeight: number;
  restWeight: number;
  /** ' (yours)' or '' */
  mine: string;
}

export interface CoursesCardData {
  behaviour: string;
  role: string;
  format: string;
  time: string;
  behaviourChoices: Choice[];
  roleChoices: Choice[];
  formatChoices: Choice[];
  timeChoices: Choice[];
  results: CourseItem[];
  /** 'Nothing matched ... closest' when the results are the closest rather than exact matches; else empty. */
  note: string;
  /** e.g. 'Suggested for you' or 'Courses about compassion' */
  heading: string;
}

export interface HistoryReflection {
  dateText: string;
  behaviourTitle: string;
  nudgeTitle: string;
  /** Already escaped with escapeCardText. */
  text: string;
}

export interface HistoryAnswer {
  dateText: string;
  question: string;
  answer: string;
}

export interface RatingTrend {
  behaviourTitle: string;
  /** e.g. '2 → 3 → 4 (out of 5)' (oldest to newest) */
  ratings: string;
  /** e.g. 'Rising', 'Steady', 'Falling', 'One rating so far' */
  trend: string;
}

export interface HistoryCardData {
  reflections: HistoryReflection[];
  answers: HistoryAnswer[];
  trends: RatingTrend[];
  /** The zone the dates are in, e.g. 'Europe/London' (said once on the card). */
  timeZone: string;
}

export interface HelpCommand {
  command: string;
  description: string;
}

export interface HelpCardData {
  commands: HelpCommand[];
}

export interface ExportCardData {
  url: string;
  /** The same export's reflections as plain text (for an appraisal or revalidation portfolio). */
  textUrl: string;
  /** e.g. '14:35 (in 15 minutes)' */
  expiresText: string;
}

export type DeleteConfirmCardData = Record<string, never>;

export interface MessageCardData {
  title: string;
  text: string;
}

/** The short welcome (or the one reminder) for someone met in a team roster: Start my nudges / No thanks. */
export interface InviteCardData {
  title: string;
  text: string;
  retentionText: string;
}

export interface ErrorCardData {
  /** What happened, in plain words. */
  what: string;
  /** What the person can try next. */
  tryNext: string;
  /** A short reference the person can quote to support (empty for none); never a stack trace. */
  reference: string;
}

export interface TeamNudgeCardData {
  teamId: string;
  deliveryId: string;
  nudgeId: string;
  pollId: string;
  behaviourId: string;
  behaviourTitle: string;
  title: string;
  why: string;
  /** Where the why comes from, linked on demand under "Source" (team nudges always cite one). */
  sourceLabel: string;
  sourceUrl: string;
  discussion: string;
  pollQuestion: string;
  pollChoices: Choice[];
  showResults: boolean;
  total: number;
  minAnswers: number;
  moreNeeded: number;
  results: PollResultRow[];
  /**
   * The viewing person's own answer, shown only in a card that goes to that person alone (the invoke
   * response to their click or to the card's refresh); always empty in the channel's shared card.
   */
  yourAnswer: string;
}

export interface TeamIntroCardData {
  /** When the first (or, after a re-add, the next) team nudge comes: weekday, date, time and zone. */
  whenText: string;
  /** Ask whether the team is a practice's (shown when it is in none yet). */
  showSetup: boolean;
  placeChoices: Choice[];
}

/** A practice's settings: for its leads a form (name, place, ODS code, default slot, leads), else a summary. */
export interface PracticeSettingsCardData {
  practiceId: string;
  /** The name as a heading (escaped for markdown). */
  practiceName: string;
  /** The name as typed, for the form's input (an input shows text literally). */
  nameValue: string;
  /** Counts only: teams, members, leads. */
  summaryText: string;
  canChange: boolean;
  place: string;
  odsCode: string;
  day: string;
  time: string;
  timeZone: string;
  /** The leads' Entra object ids, comma-separated: Teams' people picker shows their names, the bot never stores one. */
  leadIds: string;
  /**
   * The current leads as the picker's own choices ("Current lead 1"...: the bot keeps no names), so the
   * card is valid without Teams' dynamic search; searching adds anyone in the conversation.
   */
  leadChoices: Choice[];
  placeChoices: Choice[];
  dayChoices: Choice[];
  /** The times a slot can be saved as: only what is kept is offered. */
  timeChoices: Choice[];
  timeZoneChoices: Choice[];
}

export interface TeamSettingsCardData {
  enabled: boolean;
  /** Whether guests of the team are invited to personal nudges too (off by default). */
  welcomeGuests: boolean;
  day: string;
  time: string;
  timeZone: string;
  channelId: string;
  dayChoices: Choice[];
  timeChoices: Choice[];
  timeZoneChoices: Choice[];
  channelChoices: Choice[];
  /** Who may change these settings, e.g. 'Team owners can change these settings.' */
  whoCanChange: string;
}

/** One row of the insights table: a figure for the last 4 and the last 12 weeks ('fewer than 5' for small groups). */
export interface InsightRow {
  label: string;
  last4: string;
  last12: string;
}

export interface ChartPoint {
  x: string;
  y: number;
}

export interface InsightsCardData {
  scopeName: string;
  rows: InsightRow[];
  /** Per behaviour: poll results and self-rating trend, as text. */
  behaviours: InsightRow[];
  /** Only groups at or above the minimum; empty hides the chart. */
  chart: ChartPoint[];
  chartTitle: string;
  topCourses: { title: string; url: string; clicks: string }[];
  /** False on a team's card: course opens are organisation figures, so the section is left out. */
  showCourses: boolean;
  minGroupSize: number;
}

/** The portfolio's first card: which reflections and which kind of document. */
export interface PortfolioCardData {
  /** What the card is for, in the words of the documents offered (no regulator for appraisal notes). */
  introText: string;
  /** e.g. 'You have 4 saved reflections, the latest on Monday 7 December 2026.' */
  countText: string;
  kind: string;
  kindChoices: Choice[];
  /** Why these documents are offered, e.g. 'Offered for your role (GP) ...'. */
  kindHelp: string;
  /** 'any' or a behaviour id. */
  behaviour: string;
  behaviourChoices: Choice[];
  count: string;
  countChoices: Choice[];
  /** yyyy-mm-dd or '' for no limit. */
  from: string;
  to: string;
}

/** One question on the portfolio's editing card, prefilled from what the person did. */
export interface PortfolioEditSection {
  inputId: string;
  label: string;
  hint: string;
  /** Not escaped (an input shows text as typed), but `${` is kept from looking like a binding. */
  value: string;
  maxLength: number;
}

export interface PortfolioEditEntry {
  /** e.g. 'Reflective account 1: Thank someone by name (Monday 7 December 2026)' */
  heading: string;
  sections: PortfolioEditSection[];
  hasChoice: boolean;
  choiceMulti: boolean;
  choiceInputId: string;
  choiceLabel: string;
  choiceChoices: Choice[];
  /** Comma-separated values chosen. */
  choiceValue: string;
  minutesInputId: string;
  /** Whole minutes recorded (0 for none). */
  minutes: number;
  courseInputId: string;
  courseChoices: Choice[];
  /** A course id or 'none'. */
  course: string;
  courseMinutesInputId: string;
  courseMinutes: number;
}

export interface PortfolioEditCardData {
  kind: string;
  title: string;
  /** What to do on this card, one or two sentences. */
  intro: string;
  entries: PortfolioEditEntry[];
  /** Comma-separated reflection ids the entries are drafted from (carried back by the buttons). */
  refs: string;
  /** Likely identifiers found, one line each (already escaped); empty before the first check. */
  warnings: { text: string }[];
  hasWarnings: boolean;
}

/** The portfolio document is ready: a one-use link and what is still the person's to do. */
export interface PortfolioReadyCardData {
  title: string;
  url: string;
  expiresText: string;
  yoursToComplete: { text: string }[];
}

/** Template name → the data it binds to. */
export interface CardDataMap {
  welcome: WelcomeCardData;
  settings: SettingsCardData;
  nudge: NudgeCardData;
  courses: CoursesCardData;
  history: HistoryCardData;
  help: HelpCardData;
  export: ExportCardData;
  'delete-confirm': DeleteConfirmCardData;
  message: MessageCardData;
  error: ErrorCardData;
  'team-nudge': TeamNudgeCardData;
  'team-intro': TeamIntroCardData;
  'team-settings': TeamSettingsCardData;
  'practice-settings': PracticeSettingsCardData;
  insights: InsightsCardData;
  invite: InviteCardData;
  portfolio: PortfolioCardData;
  'portfolio-edit': PortfolioEditCardData;
  'portfolio-ready': PortfolioReadyCardData;
}

export type CardName = keyof CardDataMap;

export const CARD_NAMES: readonly CardName[] = [
  'welcome',
  'settings',
  'nudge',
  'courses',
  'history',
  'help',
  'export',
  'delete-confirm',
  'message',
  'error',
  'team-nudge',
  'team-intro',
  'team-settings',
  'practice-settings',
  'insights',
  'invite',
  'portfolio',
  'portfolio-edit',
  'portfolio-ready',
];

/** An expanded Adaptive Card, ready to attach (contentType application/vnd.microsoft.card.adaptive). */
export type AdaptiveCardJson = Record<string, unknown> & { type: 'AdaptiveCard'; version: string };
