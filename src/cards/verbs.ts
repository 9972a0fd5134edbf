/**
 * Every Action.Execute verb the cards use. The bot handles each in exactly one place
 * (search for the string to find its handler).
 */
export const VERBS = {
  pollAnswer: 'poll.answer',
  reflectionSave: 'reflection.save',
  nudgeSnooze: 'nudge.snooze',
  nudgeSkip: 'nudge.skip',
  nudgeFeedback: 'nudge.feedback',
  coursesSearch: 'courses.search',
  settingsSave: 'settings.save',
  settingsShow: 'settings.show',
  dataDeleteConfirm: 'data.delete.confirm',
  dataDeleteCancel: 'data.delete.cancel',
  dataExport: 'data.export',
  nudgeNow: 'nudge.now',
  historyShow: 'history.show',
  helpShow: 'help.show',
  consentStart: 'consent.start',
  consentDecline: 'consent.decline',
  portfolioShow: 'portfolio.show',
  portfolioPrepare: 'portfolio.prepare',
  portfolioCreate: 'portfolio.create',
  teamPollAnswer: 'team.poll.answer',
  /** The team card's refresh: Teams asks it for each viewer, and only that viewer sees the answer. */
  teamPollView: 'team.poll.view',
  teamSettingsSave: 'team.settings.save',
  teamPracticeSetup: 'team.practice.setup',
  teamPracticeJoin: 'team.practice.join',
  teamPracticeSave: 'team.practice.save',
} as const;

export type Verb = (typeof VERBS)[keyof typeof VERBS];

export const ALL_VERBS: readonly Verb[] = Object.values(VERBS);

export const isVerb = (v: unknown): v is Verb => typeof v === 'string' && (ALL_VERBS as readonly string[]).includes(v);

/** Team verbs act on a team's shared card or settings; every other verb is personal (personal chat only). */
export const isTeamVerb = (v: Verb): boolean => v.startsWith('team.');

/** Every personal verb: refused outside personal chat (a new verb is covered by being listed above). */
export const PERSONAL_VERBS: readonly Verb[] = ALL_VERBS.filter((v) => !isTeamVerb(v));
