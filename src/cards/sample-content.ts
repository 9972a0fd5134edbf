import type { Content } from '../content/types';

/**
 * A tiny but complete content set (two behaviours, two roles, two nudges, two courses), for card
 * tests and previews while the shipped content does not load.
 */
export const SAMPLE_CONTENT: Content = {
  behaviours: [
    {
      id: 'compassion',
      title: 'Lead with compassion',
      summary: 'Notice, understand, care, help.',
      hlmDimensions: ['Engaging the team'],
      poll: {
        id: 'compassion-core',
        question: 'This week, how often did colleagues help someone who was struggling?',
        options: [
          { id: 'not-this-week', label: 'Not at all' },
          { id: 'once-or-twice', label: 'Once or twice' },
          { id: 'often', label: 'Often' },
        ],
      },
      grow: {
        'on-the-job': 'Each day this week, check in with one colleague by name and do one practical thing.',
        'self-directed': 'Keep three lines a day on a moment someone was struggling and what you did.',
      },
    },
    {
      id: 'equality',
      title: 'Include everyone',
      summary: 'Fairness for all.',
      hlmDimensions: ['Inspiring shared purpose'],
      poll: {
        id: 'equality-core',
        question: 'How fairly are patients and staff of every background treated here?',
        options: [
          { id: 'not-fairly', label: 'Not fairly' },
          { id: 'mostly-fairly', label: 'Mostly fairly' },
          { id: 'very-fairly', label: 'Very fairly' },
        ],
      },
      grow: {
        'on-the-job': 'Ask a colleague who is often unheard for their view before the next decision.',
        'self-directed': 'Note one group of patients your practice rarely hears from.',
      },
    },
  ],
  roles: [
    { id: 'gp', title: 'GP', examples: 'GP partner, salaried GP' },
    { id: 'reception', title: 'Clerical or reception', examples: 'receptionist, care navigator' },
  ],
  nudges: [
    {
      id: 'compassion-01',
      behaviour: 'compassion',
      roles: ['gp', 'reception'],
      title: 'Ask how the day is really going',
      why: 'Compassionate leadership starts with attending: noticing how colleagues are (West, 2021).',
      source: {
        label: 'The King’s Fund: compassionate leadership',
        url: 'https://www.kingsfund.org.uk/',
        supports: 'Compassionate leadership means listening to, understanding, empathising with and supporting people.',
      },
      reflection: 'When did I last really listen to a colleague without rushing to fix things?',
      action: 'If I see a colleague looking stretched at the huddle, then I will ask "how can I help today?"',
      poll: {
        id: 'compassion-01-poll',
        question: 'How often did someone ask how you were this week?',
        options: [
          { id: 'never', label: 'Never' },
          { id: 'once', label: 'Once' },
          { id: 'often', label: 'Often' },
        ],
      },
      ways: ['course', 'coaching'],
      readingMinutes: 2,
    },
    {
      id: 'equality-01',
      behaviour: 'equality',
      roles: ['gp', 'reception'],
      title: 'Hear from the quietest voice',
      why: 'Teams decide better when everyone speaks.',
      source: {
        label: 'The King’s Fund: collective leadership',
        url: 'https://www.kingsfund.org.uk/',
        supports: 'Leadership sits wherever expertise and motivation are.',
      },
      reflection: 'Whose view did we not hear this week?',
      action: 'If a decision is about to be made, then I will ask who has not spoken yet.',
      poll: {
        id: 'equality-01-poll',
        question: 'Did everyone get a say at your last meeting?',
        options: [
          { id: 'yes', label: 'Yes' },
          { id: 'mostly', label: 'Mostly' },
          { id: 'no', label: 'No' },
          { id: 'na', label: 'No meeting' },
        ],
      },
      ways: ['networking'],
      readingMinutes: 1,
    },
  ],
  courses: [
    {
      id: 'edward-jenner',
      title: 'Edward Jenner programme',
      provider: 'NHS Leadership Academy',
      url: 'https://www.leadershipacademy.nhs.uk/',
      description: 'A free, self-paced introduction to leading in the NHS.',
      format: 'online',
      formatDetail: 'Online, self-paced',
      time: 'About 5 hours',
      timeBand: 'short',
      cost: 'Free',
      roles: ['gp', 'reception'],
      behaviours: ['compassion', 'equality'],
      ways: ['course'],
      status: 'current',
      checked: '2026-11',
      places: ['uk'],
      eligibility: 'Anyone working in health',
    },
    {
      id: 'mentoring',
      title: 'Find a mentor',
      provider: 'Your ICB',
      url: 'https://www.england.nhs.uk/',
      description: 'A mentor outside your practice.',
      format: 'community',
      formatDetail: 'Meet monthly',
      time: 'An hour a month',
      timeBand: 'long',
      cost: 'Free',
      roles: ['gp', 'reception'],
      behaviours: ['compassion'],
      ways: ['mentoring'],
      status: 'check-current',
      checked: '2026-11',
      nextStep: 'Ask your ICB workforce team for the mentoring scheme.',
      places: ['england'],
      eligibility: 'GPs and reception staff in England',
    },
  ],
};
