import type { PortfolioKind } from '../domain';
import type { PortfolioTemplate } from './types';

/** The longest answer to the first question (it starts from the reflection, itself at most 2,000, and the nudge it answered). */
export const FIRST_SECTION_MAX = 2600;
/** The longest answer to every other question: keeps the editing card within Teams' size limit. */
export const SECTION_MAX = 900;

/** The four themes of the NMC Code, one or more chosen per reflective account. */
export const NMC_CODE_THEMES = [
  { value: 'prioritise-people', title: 'Prioritise people' },
  { value: 'practise-effectively', title: 'Practise effectively' },
  { value: 'preserve-safety', title: 'Preserve safety' },
  { value: 'promote-professionalism', title: 'Promote professionalism and trust' },
] as const;

const NON_IDENTIFIABLE =
  'Nothing here should identify a patient, service user, colleague or anyone else: no names, initials, NHS numbers, dates of birth, addresses or details that together point to one person.';

const nmc: PortfolioTemplate = {
  kind: 'nmc',
  title: 'NMC revalidation: written reflective accounts',
  choiceTitle: 'NMC reflective accounts (nurses, nursing associates)',
  entryName: 'Reflective account',
  intro: [
    'Written reflective accounts drafted from my Leadership Nudges reflections, with the questions of the NMC reflective accounts form. The NMC asks for five written reflective accounts in each three-year revalidation period, each recorded on its approved form and each saying how it relates to the Code.',
    'Copy each account onto the NMC form (or attach it where your portfolio tool holds the form). ' + NON_IDENTIFIABLE,
  ],
  sections: [
    {
      id: 'nature',
      heading:
        'What was the nature of the CPD activity and/or practice-related feedback and/or event or experience in your practice?',
      hint: 'What happened or what you did, briefly.',
      maxLength: FIRST_SECTION_MAX,
    },
    {
      id: 'learnt',
      heading: 'What did you learn from the CPD activity and/or feedback and/or event or experience in your practice?',
      hint: 'What you now know, notice or understand differently.',
      maxLength: SECTION_MAX,
    },
    {
      id: 'changed',
      heading: 'How did you change or improve your practice as a result?',
      hint: 'What you do differently now, and what came of it.',
      maxLength: SECTION_MAX,
    },
    {
      id: 'code',
      heading: 'How is this relevant to the Code?',
      hint: 'Say how it relates to the themes you chose below.',
      maxLength: SECTION_MAX,
    },
  ],
  choice: { id: 'themes', heading: 'Themes of the Code', options: NMC_CODE_THEMES, multi: true },
  learningTimeHeading: 'CPD time recorded',
  learningTimeNote:
    'The NMC asks for 35 hours of CPD over three years, 20 of them participatory (learning with other people). Reading and reflecting alone counts as individual CPD; add it to your CPD log with its evidence.',
  developmentPlan: false,
  yoursToComplete: [
    'Record each account on the NMC reflective accounts form; you need five in the three years before you revalidate.',
    'Have a reflective discussion about your five accounts with another NMC registrant, who signs the reflective discussion form.',
    'Have the confirmation discussion with your confirmer (ideally your line manager), who signs the confirmation form.',
    'Keep your CPD log (35 hours, 20 participatory), five pieces of practice-related feedback and your practice hours.',
  ],
  sources: [
    {
      label: 'NMC: written reflective accounts',
      url: 'https://revalidation.nmc.org.uk/what-you-need-to-do/written-reflective-accounts',
    },
    {
      label: 'NMC: reflective discussion',
      url: 'https://revalidation.nmc.org.uk/what-you-need-to-do/reflective-discussion.html',
    },
  ],
};

const gp: PortfolioTemplate = {
  kind: 'gp-appraisal',
  title: 'Reflective notes for my GP appraisal',
  choiceTitle: 'Reflective notes for GP appraisal, with CPD credits',
  entryName: 'Reflective note',
  intro: [
    'Reflective notes on learning about collective leadership, drafted from my Leadership Nudges reflections, for the continuing professional development (CPD) part of my annual appraisal and GMC revalidation. The GMC asks doctors to reflect on what they learnt from their CPD and how it could maintain or improve their practice, and to discuss it at each annual appraisal.',
    'The RCGP counts one CPD credit as one hour of learning with a reflective note on what was learnt and any change made. ' +
      NON_IDENTIFIABLE,
  ],
  sections: [
    {
      id: 'what',
      heading: 'What happened, or what did I learn?',
      hint: 'The nudge, what you tried and what you noticed.',
      maxLength: FIRST_SECTION_MAX,
    },
    {
      id: 'meaning',
      heading: 'What does it mean for my practice?',
      hint: 'Why it matters for your patients, team or practice.',
      maxLength: SECTION_MAX,
    },
    {
      id: 'next',
      heading: 'What will I do next?',
      hint: 'A change you will make or test, and how you will know it worked.',
      maxLength: SECTION_MAX,
    },
  ],
  learningTimeHeading: 'Learning time and CPD credits',
  learningTimeNote:
    'One credit per hour of learning with reflection (RCGP). Claim only time you spent and reflected on; your appraiser reviews the credits you claim.',
  creditsPerHour: 1,
  developmentPlan: false,
  yoursToComplete: [
    'Upload the notes to your appraisal portfolio tool under CPD and claim the credits you judge right.',
    'Discuss them with your appraiser at your annual appraisal, and carry any next step into your personal development plan.',
  ],
  sources: [
    {
      label: 'GMC: supporting information for appraisal and revalidation (CPD)',
      url: 'https://www.gmc-uk.org/registration-and-licensing/managing-your-registration/revalidation/guidance-on-supporting-information-for-appraisal-and-revalidation/your-supporting-information---continuing-professional-development',
    },
    {
      label: 'RCGP: supporting information and reflection on your appraisal',
      url: 'https://rcgp.org.uk/your-career/revalidation/appraisal-supporting-information',
    },
    {
      label: 'RCGP: appraisal and revalidation mythbusters',
      url: 'https://www.rcgp.org.uk/your-career/revalidation/mythbusters',
    },
  ],
};

const gphc: PortfolioTemplate = {
  kind: 'gphc',
  title: 'GPhC revalidation: CPD records',
  choiceTitle: 'GPhC CPD records (pharmacists, pharmacy technicians)',
  entryName: 'CPD record',
  intro: [
    'CPD records drafted from my Leadership Nudges reflections, in the shape the GPhC asks for: what I learnt (planned or unplanned), how, and how it benefited the people using my services. Each year the GPhC asks for four CPD records (at least two of them planned learning), one peer discussion and one reflective account, submitted through myGPhC.',
    'Copy each record into myGPhC. ' + NON_IDENTIFIABLE,
  ],
  sections: [
    {
      id: 'learnt',
      heading: 'What did I learn (or plan to learn), and why is it relevant to my practice?',
      hint: 'For planned learning, say what you set out to learn and why.',
      maxLength: FIRST_SECTION_MAX,
    },
    {
      id: 'how',
      heading: 'How did I learn it?',
      hint: 'The nudge, what you tried at work, any course or reading.',
      maxLength: SECTION_MAX,
    },
    {
      id: 'benefit',
      heading: 'An example of how this learning benefited the people using my services',
      hint: 'A real change for patients or the public, without identifying anyone.',
      maxLength: SECTION_MAX,
    },
  ],
  choice: {
    id: 'type',
    heading: 'Type of CPD',
    options: [
      { value: 'planned', title: 'Planned learning' },
      { value: 'unplanned', title: 'Unplanned learning' },
    ],
    multi: false,
  },
  learningTimeHeading: 'Learning time recorded',
  learningTimeNote:
    'The GPhC asks for records of learning and its benefit rather than hours; the time is for your own log.',
  developmentPlan: false,
  yoursToComplete: [
    'Enter each record in myGPhC and choose planned or unplanned (at least two of your four records a year must be planned).',
    'Hold a peer discussion with someone you trust and record it, and write your reflective account on the standards the GPhC currently asks about.',
  ],
  sources: [
    {
      label: 'GPhC: revalidation resources for pharmacy professionals',
      url: 'https://www.pharmacyregulation.org/revalidation-resources-pharmacy-professionals',
    },
  ],
};

const hcpc: PortfolioTemplate = {
  kind: 'hcpc',
  title: 'HCPC continuing professional development record',
  choiceTitle: 'HCPC CPD record (physiotherapists, paramedics and other allied health professionals)',
  entryName: 'CPD activity',
  intro: [
    'A record of CPD activities drafted from my Leadership Nudges reflections, in the shape of the HCPC standards for CPD: a continuous, up-to-date and accurate record of a mixture of learning activities, showing how they improved the quality of my practice and service delivery and how they benefit service users.',
    'If I am chosen for the CPD audit, these records support the written profile the HCPC asks for. ' +
      NON_IDENTIFIABLE,
  ],
  sections: [
    {
      id: 'activity',
      heading: 'The activity and what I learnt',
      hint: 'What you did and what you learnt from it.',
      maxLength: FIRST_SECTION_MAX,
    },
    {
      id: 'quality',
      heading: 'How it improved the quality of my practice and service delivery (standard 3)',
      hint: 'What you now do differently at work.',
      maxLength: SECTION_MAX,
    },
    {
      id: 'service-users',
      heading: 'How it benefits service users (standard 4)',
      hint: 'The difference for patients or others you serve, without identifying anyone.',
      maxLength: SECTION_MAX,
    },
  ],
  choice: {
    id: 'type',
    heading: 'Type of learning activity',
    options: [
      { value: 'work-based', title: 'Work-based learning' },
      { value: 'professional', title: 'Professional activity' },
      { value: 'formal', title: 'Formal or educational' },
      { value: 'self-directed', title: 'Self-directed learning' },
    ],
    multi: false,
  },
  learningTimeHeading: 'Dated list of CPD activities',
  learningTimeNote:
    'Keep the list dated and continuous: the audit asks you to explain any gap of three months or more.',
  developmentPlan: false,
  yoursToComplete: [
    'Add these to your own CPD record with any evidence (notes, certificates, feedback).',
    'If chosen for audit, write your CPD profile: a summary of your practice history and a statement of how you meet the five standards, with evidence.',
  ],
  sources: [
    {
      label: 'HCPC: standards of continuing professional development',
      url: 'https://www.hcpc-uk.org/standards/standards-of-continuing-professional-development/',
    },
    { label: 'HCPC: what is CPD (standards and audit)', url: 'https://www.hcpc-uk.org/cpd/what-is-cpd/' },
  ],
};

const appraisal: PortfolioTemplate = {
  kind: 'appraisal',
  title: 'My reflections for appraisal, and my development plan',
  choiceTitle: 'Notes for my annual appraisal and development plan',
  entryName: 'Reflection',
  intro: [
    'Notes on how I practise leadership at work, drafted from my Leadership Nudges reflections, to bring to my annual appraisal, with a personal development plan to agree with my appraiser.',
    'Nothing here should identify a patient or a colleague: no names, dates of birth, addresses or details that point to one person.',
  ],
  sections: [
    {
      id: 'did',
      heading: 'What I did',
      hint: 'The nudge and what you tried at work.',
      maxLength: FIRST_SECTION_MAX,
    },
    {
      id: 'learnt',
      heading: 'What I learnt',
      hint: 'What went well, what was hard, what you noticed.',
      maxLength: SECTION_MAX,
    },
    {
      id: 'next',
      heading: 'What I would like to develop next',
      hint: 'A skill or habit to build, and the support you would like.',
      maxLength: SECTION_MAX,
    },
  ],
  learningTimeHeading: 'Time spent learning',
  learningTimeNote: 'Time I recorded against nudges and courses.',
  developmentPlan: true,
  yoursToComplete: [
    'Bring these notes to your appraisal and agree the development plan with your appraiser or line manager.',
    'Fill in the plan\u2019s "How" and "By when" together, and review it at your next appraisal.',
  ],
  sources: [],
};

export const PORTFOLIO_TEMPLATES: Readonly<Record<PortfolioKind, PortfolioTemplate>> = {
  nmc,
  'gp-appraisal': gp,
  gphc,
  hcpc,
  appraisal,
};

export const templateFor = (kind: PortfolioKind): PortfolioTemplate => PORTFOLIO_TEMPLATES[kind];
