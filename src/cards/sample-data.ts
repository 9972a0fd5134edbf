import { signpostFor } from '../content/signposting';
import { CLOSEST_NOTE, noCourseNote, suggestCourses, wayForNudge } from '../content/suggest-courses';
import { courseListFor } from '../content/course-list';
import { nudgeTextFor } from '../content/nation-text';
import type { Content, Nudge, TimeBand } from '../content/types';
import type { Preferences, Role } from '../domain';
import {
  behaviourChoices,
  dayChoices,
  placeChoices,
  formatChoices,
  roleChoices,
  timeChoices,
  timeZoneChoices,
  ANY_CHOICE,
} from './choices';
import { courseItem } from './course-item';
import { escapeCardText } from './escape';
import { helpCardData } from './help-card';
import { nudgeCardData, withNudgeState } from './nudge-card';
import { pollResultsView } from './poll-results';
import { timeSlotChoices } from './time-format';
import { settingsCardData, welcomeCardData } from './preferences-card';
import type { CardDataMap, CourseItem } from './types';
import { draftEntry, templateFor, type EntryFacts } from '../portfolio';
import { portfolioEditCardData } from './portfolio-card';

const RETENTION = 'Answers and reflections are kept for 12 months, then deleted.';

/** Who the sample is for: a role, and optionally where they work and the time they have for a course. */
export interface SamplePerson {
  role: Role;
  place?: string;
  /** Within 'Nurse or other clinician' (src/content/professions.ts). */
  profession?: string;
  time?: TimeBand;
}

/** Up to `max` suggestions from the live ranking (the same as the bot's), as card items, and the "closest" note. */
function matchCourses(
  content: Content,
  person: SamplePerson,
  nudge: Pick<Nudge, 'behaviour' | 'ways'> & { id?: string },
  max: number,
): { items: CourseItem[]; note: string } {
  const list = suggestCourses(content, {
    ...person,
    behaviour: nudge.behaviour,
    ways: nudge.ways,
    limit: max,
    rotateBy: nudge.id,
  });
  return {
    items: list.map((s) => courseItem(s.course, s.why)),
    note:
      list.length === 0
        ? noCourseNote(content, { ...person, behaviour: nudge.behaviour, ways: nudge.ways })
        : !list[0]!.exact
          ? CLOSEST_NOTE
          : '',
  };
}

/**
 * The sample nudge card after every action: answered (with a rating, 5+ answers), reflection saved,
 * found useful and snoozed. For previews and card tests.
 */
export function sampleActedNudge(content: Content, nudge: Nudge, who: Role | SamplePerson): CardDataMap['nudge'] {
  const base = sampleCardData(content, nudge, who).nudge;
  const counts: Record<string, number> = {};
  nudge.poll.options.forEach((o, i) => (counts[o.id] = i + 1));
  return withNudgeState(base, nudge.poll, {
    answer: { optionId: nudge.poll.options[0]?.id ?? '', rating: 4, counts },
    reflectionSaved: true,
    reflectionText: 'I asked **Sam** what mattered most; ${x} stays literal. We agreed one change for Friday.',
    useful: true,
    scheduleText: 'Snoozed until Tuesday 1 December 2026, 09:00 (Europe/London).',
    canSnooze: false,
    canSkip: true,
    groupName: 'Riverside Surgery',
    groupNote: '',
  });
}

/**
 * Realistic data for every card, built from `content` for one nudge and one person, with the same course
 * ranking and development way the bot uses: used by the card tests (every nudge × every role) and by
 * `npm run cards:preview`. Includes user text with markdown and `${` in it, escaped as the bot must.
 */
export function sampleCardData(content: Content, nudge: Nudge, who: Role | SamplePerson): CardDataMap {
  const person: SamplePerson = typeof who === 'string' ? { role: who } : who;
  const role = person.role;
  const behaviour = content.behaviours.find((b) => b.id === nudge.behaviour);
  if (!behaviour) throw new Error(`Sample data: nudge ${nudge.id} names unknown behaviour ${nudge.behaviour}`);
  const prefs: Preferences = {
    role,
    timeZone: 'Europe/London',
    day: 'mon',
    time: '09:00',
    frequency: 'weekly',
    focus: [nudge.behaviour],
  };
  if (person.place) prefs.place = person.place;
  if (person.time) prefs.learningTime = person.time;
  if (person.profession) prefs.profession = person.profession;
  const onCard = matchCourses(content, person, nudge, 3);
  const courses = onCard.items;
  const way = wayForNudge(
    content,
    nudge,
    person,
    onCard.items.map((i) => i.id),
  );
  const nudgeCard = nudgeCardData(nudgeTextFor(nudge, person.place), behaviour, courses, `user-1|2026-W48`, {
    coursesNote: onCard.note,
    signpost: signpostFor(content, nudge, person.place),
    developWay: {
      title: way.wayTitle,
      nextStep: way.nextStep,
      why: way.why,
      url: way.course?.url ?? '',
      provider: way.course ? `${way.course.title} (${way.course.provider})` : '',
      linkTitle: way.course ? 'Learn more' : '',
    },
  });
  // The courses card as `courses <theme>` shows it: courses, always the other ways to grow, and the note.
  const list = courseListFor(content, { ...person, behaviour: nudge.behaviour, limit: 4 });
  const more = {
    items: [
      ...list.courses.map((s) => courseItem(s.course, s.why)),
      ...list.ways.map((w) => courseItem(w.course, w.why)),
    ],
    note: list.note,
  };
  const first = nudge.poll.options[0];
  const counts: Record<string, number> = {};
  nudge.poll.options.forEach((o, i) => (counts[o.id] = i + 1));
  return {
    welcome: welcomeCardData({ ...prefs, role: 'other', focus: [] }, content, RETENTION),
    settings: settingsCardData(prefs, content, RETENTION, {
      pausedUntilText: 'Monday 14 December 2026',
      nextDueText: 'Monday 14 December at 09:00 (Europe/London)',
    }),
    nudge: nudgeCard,
    courses: {
      behaviour: nudge.behaviour,
      role,
      format: 'any',
      time: 'any',
      behaviourChoices: [ANY_CHOICE, ...behaviourChoices(content)],
      roleChoices: [ANY_CHOICE, ...roleChoices(content)],
      formatChoices: formatChoices(),
      timeChoices: timeChoices(),
      results: more.items,
      note: more.note,
      heading: `Courses and ways to grow: ${behaviour.title}`,
    },
    history: {
      timeZone: 'Europe/London',
      reflections: [
        {
          dateText: 'Mon 30 Nov 2026',
          behaviourTitle: behaviour.title,
          nudgeTitle: nudge.title,
          text: escapeCardText(
            'I asked the team what got in the way on Monday. **Lots** of ideas: see [notes](https://example.org) ${1+1} <b>x</b>',
          ),
        },
      ],
      answers: [{ dateText: 'Mon 30 Nov 2026', question: nudge.poll.question, answer: first?.label ?? '' }],
      trends: [{ behaviourTitle: behaviour.title, ratings: '2 → 3 → 4 (out of 5)', trend: 'Rising' }],
    },
    help: helpCardData(),
    export: {
      url: 'https://nudges.example.org/api/export/Zx81b1Qe4sT0Zx81b1Qe4sT0',
      textUrl: 'https://nudges.example.org/api/export/Zx81b1Qe4sT0Zx81b1Qe4sT0?format=text',
      expiresText: '14:35 (in 15 minutes)',
    },
    'delete-confirm': {},
    message: { title: 'Nudges paused', text: 'Paused until Monday 14 December 2026. Type **resume** to start again.' },
    error: {
      what: 'Your reflection is longer than 2,000 characters, so it was not saved.',
      tryNext: 'Shorten it and press Save reflection again.',
      reference: 'E-7F3A',
    },
    'team-nudge': teamNudgeSample(content, nudge, behaviour),
    'team-intro': {
      whenText: 'The first one comes on Monday 30 November 2026, 09:00 (Europe/London), then every Monday at 09:00.',
      showSetup: true,
      placeChoices: placeChoices(),
    },
    'practice-settings': {
      practiceId: '0b7c1f2e-5d7a-4c1e-9f62-3a1f5e8c9d10',
      practiceName: 'Riverside Surgery',
      nameValue: 'Riverside Surgery',
      summaryText: '2 teams, 14 members, 2 leads.',
      canChange: true,
      place: 'england:north-west',
      odsCode: 'A81001',
      day: 'tue',
      time: '09:30',
      timeZone: 'Europe/London',
      leadIds: '00000000-0000-0000-0000-000000000101,00000000-0000-0000-0000-000000000102',
      leadChoices: [
        { title: 'Current lead 1', value: '00000000-0000-0000-0000-000000000101' },
        { title: 'Current lead 2', value: '00000000-0000-0000-0000-000000000102' },
      ],
      placeChoices: placeChoices(),
      dayChoices: dayChoices(),
      timeChoices: timeSlotChoices(undefined, '09:30'),
      timeZoneChoices: timeZoneChoices('Europe/London'),
    },
    invite: {
      title: 'Your practice added Leadership Nudges',
      text: 'One short leadership nudge a week, at a time you choose.',
      retentionText: 'Answers and reflections are kept for 2 years, then deleted.',
    },
    'team-settings': {
      enabled: true,
      welcomeGuests: false,
      day: 'mon',
      time: '09:00',
      timeChoices: timeSlotChoices(undefined, '09:00'),
      timeZone: 'Europe/London',
      channelId: '19:general',
      dayChoices: dayChoices(),
      timeZoneChoices: timeZoneChoices('Europe/London'),
      channelChoices: [
        { title: 'General', value: '19:general' },
        { title: 'Practice meeting', value: '19:meeting' },
      ],
      whoCanChange: 'Team owners can change these settings.',
    },
    insights: {
      scopeName: 'Riverside Surgery',
      minGroupSize: 5,
      rows: [
        { label: 'Nudges delivered', last4: '64', last12: '188' },
        { label: 'Share answered', last4: '41%', last12: '38%' },
        { label: 'Reflections saved', last4: 'fewer than 5', last12: '12' },
      ],
      behaviours: content.behaviours.map((b, i) => ({
        label: b.title,
        last4: i % 3 === 0 ? 'fewer than 5' : `${6 + i} answers, rating 3.${i}`,
        last12: `${14 + i} answers, rating 3.${i + 1}`,
      })),
      chart: content.behaviours.slice(1).map((b, i) => ({ x: b.title, y: 14 + i })),
      chartTitle: 'Poll answers per behaviour, last 12 weeks',
      topCourses: courses.slice(0, 2).map((c, i) => ({ title: c.title, url: c.url, clicks: `${9 - i} opens` })),
      showCourses: true,
    },
    ...portfolioSamples(content, nudge, behaviour),
  } satisfies CardDataMap;
}

/** The portfolio's three cards for a nurse, drafted from the sample nudge and a reflection. */
function portfolioSamples(
  content: Content,
  nudge: Nudge,
  behaviour: { title: string },
): Pick<CardDataMap, 'portfolio' | 'portfolio-edit' | 'portfolio-ready'> {
  const t = templateFor('nmc');
  const facts: EntryFacts = {
    reflectionId: 'refl|user-1|2026-W48',
    deliveryId: 'user-1|2026-W48',
    nudgeId: nudge.id,
    behaviourId: nudge.behaviour,
    dateText: 'Monday 30 November 2026',
    behaviourTitle: behaviour.title,
    nudgeTitle: nudge.title,
    action: nudge.action,
    reflectionPrompt: nudge.reflection,
    reflectionText:
      'I asked the team at the morning huddle what got in the way of calling patients back. Two people said the task list was hard to read on a busy day, so we tried colour-coding it for a week.',
    pollQuestion: nudge.poll.question,
    pollAnswer: nudge.poll.options[0]?.label ?? '',
    ratingTrend: '2 \u2192 3 \u2192 4 (out of 5), rising',
    courses: [],
    minutes: 20,
  };
  const draft = draftEntry('nmc', facts);
  return {
    portfolio: {
      introText:
        'Turn your reflections into a Word document for your appraisal or revalidation. You check and edit every word before it is made. Only you can see this.',
      countText: 'You have 4 saved reflections, the latest on Monday 30 November 2026. A document holds up to 2.',
      kind: 'nmc',
      kindChoices: (['nmc', 'gphc', 'hcpc', 'appraisal'] as const).map((k) => ({
        title: templateFor(k).choiceTitle,
        value: k,
      })),
      kindHelp:
        'Offered for your role (Nurse or other clinician): choose the one for your registration. NMC for nurses and nursing associates, GPhC for pharmacists and pharmacy technicians, HCPC for physiotherapists, paramedics and other allied health professionals.',
      behaviour: 'any',
      behaviourChoices: [{ title: 'Any behaviour', value: 'any' }, ...behaviourChoices(content).slice(0, 3)],
      count: '1',
      countChoices: [
        { title: 'The latest one', value: '1' },
        { title: 'The latest 2', value: '2' },
      ],
      from: '',
      to: '',
    },
    'portfolio-edit': portfolioEditCardData({
      template: t,
      facts: [facts],
      edits: [{ sections: draft.sections, choice: draft.choice, minutes: 20, course: 'none', courseMinutes: 0 }],
      courseChoices: () => content.courses.slice(0, 3).map((c) => ({ title: c.title, value: c.id })),
      warnings: [
        escapeCardText(
          'Reflective account 1, "How did you change or improve your practice as a result?": "Mrs Patel" looks like a name with a title.',
        ),
      ],
    }),
    'portfolio-ready': {
      title: t.title,
      url: 'https://nudges.example.org/api/export/Zx81b1Qe4sT0Zx81b1Qe4sT0',
      expiresText: 'Monday 30 November 2026, 14:35 (Europe/London) (in 15 minutes)',
      yoursToComplete: t.yoursToComplete.map((text) => ({ text: escapeCardText(text) })),
    },
  };
}

/** The team-nudge card: a real team nudge (the first in team-nudges.json), else built from the personal nudge. */
function teamNudgeSample(content: Content, nudge: Nudge, behaviour: { title: string }): CardDataMap['team-nudge'] {
  const team = content.teamNudges?.[0];
  const teamBehaviour = team ? content.behaviours.find((b) => b.id === team.behaviour) : undefined;
  const source = team && teamBehaviour ? team : undefined;
  const poll = source ? source.poll : nudge.poll;
  const counts: Record<string, number> = {};
  poll.options.forEach((o, i) => (counts[o.id] = i + 1));
  return {
    teamId: 'team-1',
    deliveryId: 'team-1|2026-W48',
    nudgeId: source ? source.id : nudge.id,
    pollId: poll.id,
    behaviourId: source ? source.behaviour : nudge.behaviour,
    behaviourTitle: teamBehaviour ? teamBehaviour.title : behaviour.title,
    title: source ? source.title : nudge.title,
    why: source ? source.why : nudge.why,
    sourceLabel: source ? source.source.label : nudge.source.label,
    sourceUrl: source ? source.source.url : nudge.source.url,
    discussion: source ? source.discussion : nudge.reflection,
    pollQuestion: poll.question,
    pollChoices: poll.options.map((o) => ({ title: o.label, value: o.id })),
    ...pollResultsView(poll, counts),
    // As the answering person sees it (their invoke response or refresh); the channel's card has ''.
    yourAnswer: poll.options[0]?.label ?? '',
  };
}
