import type { PortfolioKind } from '../domain';

/** One question of a document kind, answered per reflection (e.g. the NMC form's "What did you learn?"). */
export interface SectionSpec {
  id: string;
  /** The heading in the document and the label on the card. */
  heading: string;
  /** A short prompt under the label: what a good answer covers. */
  hint: string;
  maxLength: number;
}

/** A choice per reflection some kinds ask for (the Code's themes, planned or unplanned CPD...). */
export interface ChoiceSpec {
  id: string;
  heading: string;
  options: readonly { value: string; title: string }[];
  multi: boolean;
}

/** How one kind of document looks: its questions, its notes and what the person must still do. */
export interface PortfolioTemplate {
  kind: PortfolioKind;
  /** The document's title, e.g. 'NMC revalidation: written reflective accounts'. */
  title: string;
  /** Its name on the card's choice, e.g. 'NMC reflective accounts (nurses, nursing associates)'. */
  choiceTitle: string;
  /** What each reflection becomes, e.g. 'Reflective account'. */
  entryName: string;
  /** Paragraphs under the title: what the document is for and how to use it. */
  intro: readonly string[];
  sections: readonly SectionSpec[];
  choice?: ChoiceSpec;
  /** The learning-time summary's heading; absent = no CPD time section. */
  learningTimeHeading?: string;
  /** How learning time counts for this kind (credits, hours), one sentence; empty for none. */
  learningTimeNote: string;
  /** Credits per hour shown beside minutes (GP appraisal: 1 credit per hour); absent = none. */
  creditsPerHour?: number;
  /** A development-plan table at the end (appraisal notes). */
  developmentPlan: boolean;
  /** What stays the person's to complete: a confirmer, a discussion, a form... */
  yoursToComplete: readonly string[];
  /** Where its shape comes from (shown at the end of the document). */
  sources: readonly { label: string; url: string }[];
}

/** What the person did with one nudge: the facts a portfolio's prompts are filled from. */
export interface EntryFacts {
  /** The reflection's id (`refl|...`): the draft refers to it. */
  reflectionId: string;
  deliveryId: string;
  nudgeId: string;
  behaviourId: string;
  /** e.g. 'Monday 7 December 2026' in the person's zone and locale. */
  dateText: string;
  behaviourTitle: string;
  nudgeTitle: string;
  /** The nudge's suggested action; empty when the nudge is no longer offered. */
  action: string;
  /** The nudge's reflection question; empty when unknown. */
  reflectionPrompt: string;
  reflectionText: string;
  /** The poll question and the person's answer; empty when they did not answer. */
  pollQuestion: string;
  pollAnswer: string;
  /** e.g. '2 → 3 → 4 (out of 5), rising'; empty with no ratings for this behaviour. */
  ratingTrend: string;
  /** Titles of catalogue courses the person logged time on for this behaviour. */
  courses: readonly string[];
  /** Minutes logged against this nudge; 0 when none. */
  minutes: number;
}

/** One reflection as it goes into the document, after the person's edits. */
export interface PortfolioEntry {
  dateText: string;
  behaviourTitle: string;
  nudgeTitle: string;
  sections: readonly { heading: string; text: string }[];
  /** The choice's heading and the titles chosen (e.g. the Code's themes); absent for kinds without one. */
  choice?: { heading: string; chosen: readonly string[] };
  minutes: number;
}

/** A learning-time line: a nudge or a course and the minutes recorded. */
export interface LearningLine {
  dateText: string;
  activity: string;
  minutes: number;
}

/** Everything a Word document holds; the writer only lays it out. */
export interface PortfolioDocument {
  template: PortfolioTemplate;
  /** e.g. 'Prepared on Monday 7 December 2026 from Leadership Nudges reflections.' */
  preparedText: string;
  entries: readonly PortfolioEntry[];
  learning: readonly LearningLine[];
}
