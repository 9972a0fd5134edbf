import type { Role } from '../domain';
import type { Nation } from './places';

export type DevelopmentWay =
  | 'course'
  | 'mentoring'
  | 'coaching'
  | 'networking'
  | 'action-learning'
  | 'quality-improvement'
  | 'on-the-job'
  | 'self-directed';

/** Ways that are not a course: a nudge card always offers one of them, with its next step. */
export const NON_COURSE_WAYS: readonly DevelopmentWay[] = [
  'mentoring',
  'coaching',
  'action-learning',
  'networking',
  'quality-improvement',
  'self-directed',
  'on-the-job',
];

export const DEVELOPMENT_WAYS: readonly DevelopmentWay[] = [
  'course',
  'mentoring',
  'coaching',
  'networking',
  'action-learning',
  'quality-improvement',
  'on-the-job',
  'self-directed',
];

export type BehaviourId =
  'context' | 'vision' | 'patient-centre' | 'followership' | 'values' | 'compassion' | 'equality';

export const BEHAVIOUR_IDS: readonly BehaviourId[] = [
  'context',
  'vision',
  'patient-centre',
  'followership',
  'values',
  'compassion',
  'equality',
];

export interface Behaviour {
  id: BehaviourId;
  title: string; // plain-English, short
  summary: string; // one paragraph
  hlmDimensions: string[];
  /** Loose words a person might type for this behaviour ('kindness', 'patients'); used by findBehaviour. */
  keywords?: string[];
  /**
   * The behaviour's core question: every nudge of the behaviour asks it, so a practice's answers pool
   * (one running count per behaviour, not one per nudge). Options run from low to high.
   */
  poll: Poll;
  /**
   * The next step for learning on the job and for self-directed learning on this behaviour, so the
   * card's "another way to grow" fits the nudge's theme rather than one generic line.
   */
  grow: Record<'on-the-job' | 'self-directed', string>;
}

export interface RoleInfo {
  id: Role;
  title: string; // e.g. 'Nurse or other clinician'
  examples: string; // e.g. 'practice nurse, ANP, pharmacist, paramedic, HCA'
  /** How a course reason names this role's people, e.g. 'practice managers'. */
  audience?: string;
}

/** A way to develop leadership (mentoring, coaching...), with a generic next step for when no catalogue entry has one. */
export interface WayInfo {
  id: DevelopmentWay;
  title: string;
  summary: string;
  nextStep: string;
  /** The next step where it differs by nation (a body that exists only in some nations). */
  nextStepIn?: Partial<Record<Nation, string>>;
}

export interface PollOption {
  id: string;
  label: string;
}

export interface Poll {
  id: string; // unique across all nudges
  question: string;
  options: PollOption[]; // 3..5
}

export interface Source {
  label: string;
  url: string; // https
  /** For reviewers: a short quote or paraphrase of what the page says that backs the nudge's "why". */
  supports: string;
}

export interface Nudge {
  id: string;
  behaviour: BehaviourId;
  roles: Role[];
  title: string;
  why: string;
  source: Source;
  reflection: string; // a self-question
  action: string; // 'If ..., then I will ...'
  /** The behaviour's core question (behaviours.json), the same on every nudge of the behaviour. */
  poll: Poll;
  /**
   * Text for a nation where a law or scheme differs: the person's place decides (nudgeTextFor in
   * nation-text.ts); fields not given are the same as the nudge's own.
   */
  inNations?: Partial<Record<Nation, NudgeNationText>>;
  ways: DevelopmentWay[];
  readingMinutes: number;
  /** Where the nudge touches distress, abuse or speaking up: the card adds that topic's signposting for the person's nation. */
  signpost?: SignpostTopic;
}

/** What a nudge says differently in one nation. */
export interface NudgeNationText {
  title?: string;
  why?: string;
  reflection?: string;
  action?: string;
  source?: Source;
}

export type SignpostTopic = 'speaking-up' | 'wellbeing' | 'abuse';

/** What to tell a person about one topic, per nation (England also when the person has not said). */
export interface Signposting {
  topic: SignpostTopic;
  england: string;
  wales: string;
  scotland: string;
  'northern-ireland': string;
  sources: string[];
}

export type CourseStatus = 'current' | 'paused-nationally' | 'closed' | 'historic' | 'check-funding' | 'check-current';

export type CourseFormat = 'online' | 'blended' | 'in-person' | 'workplace' | 'community';
/** How much time a person must find: 'short' (a few hours), 'medium' (weeks), 'long' (months or more). */
export type TimeBand = 'short' | 'medium' | 'long';

export interface Course {
  id: string;
  title: string;
  provider: string;
  url: string;
  description: string; // our own words
  format: CourseFormat;
  formatDetail: string;
  time: string; // as the provider states it, shortened
  timeBand: TimeBand;
  cost: string;
  roles: Role[];
  behaviours: BehaviourId[];
  ways: DevelopmentWay[];
  status: CourseStatus;
  statusNote?: string;
  checked: string; // 'yyyy-mm' the facts were last checked
  /** For non-course ways (mentoring, networking...): a concrete next step. */
  nextStep?: string;
  /** The next step where it differs by nation (a body that exists only in some nations). */
  nextStepIn?: Partial<Record<Nation, string>>;
  /**
   * For an entry open only to some professions within 'Nurse or other clinician' (nurses only, say):
   * their ids (professions.ts). Suggested only to a person who said they are one of them.
   */
  professions?: string[];
  /**
   * Whom it was made for when that is narrower than who may join (the RCGP framework is made for GPs,
   * open to practice teams): a person in another role is told "made for GPs; open to you".
   */
  madeFor?: Role[];
  /** True only when it is free for everyone it is open to: the only case a reason may say "free". */
  free?: boolean;
  /**
   * Where it is open: 'uk', a nation ('england', 'wales', 'scotland', 'northern-ireland') or an English
   * region ('england:london'). See src/content/places.ts.
   */
  places: string[];
  /** Who may join, in a few words, shown on the card, e.g. 'Practice managers in Scotland'. */
  eligibility: string;
  /**
   * Set when joining needs something the bot cannot know from a person's settings (a band, a training
   * stage, a nomination): such an entry is never suggested, only kept for the record.
   */
  restrictedTo?: string;
}

/** A weekly nudge for a team channel: a behaviour, a question to discuss together and a team poll. */
export interface TeamNudge {
  id: string;
  behaviour: BehaviourId;
  title: string;
  why: string;
  source: Source;
  /** A question for the team to talk about at their next huddle or practice meeting. */
  discussion: string;
  /** Its id is unique across all content (personal and team polls). */
  poll: Poll;
}

/** Everything the bot says about leadership, loaded and validated once at start-up. */
export interface Content {
  behaviours: Behaviour[];
  roles: RoleInfo[];
  nudges: Nudge[];
  courses: Course[];
  /** The development ways explained; always present when loaded by loadContent(). */
  ways?: WayInfo[];
  /** Team-channel nudges; present when loaded by loadContent() (src/content/data/team-nudges.json). */
  teamNudges?: TeamNudge[];
  /** Signposting per topic and nation; present when loaded by loadContent() (signposting.json). */
  signposting?: Signposting[];
}
