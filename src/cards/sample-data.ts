import type { Content, Course, Nudge } from '../content/types';
import type { Preferences, Role } from '../domain';
import {
  behaviourChoices,
  dayChoices,
  formatChoices,
  formatTitle,
  roleChoices,
  timeChoices,
  timeZoneChoices,
  ANY_CHOICE,
} from './choices';
import { courseItem } from './course-item';
import { escapeCardText } from './escape';
import { helpCardData } from './help-card';
import { nudgeAnsweredCardData, nudgeCardData } from './nudge-card';
import { pollResultsView } from './poll-results';
import { settingsCardData, welcomeCardData } from './preferences-card';
import type { CardDataMap, CourseItem } from './types';

const RETENTION = 'Answers and reflections are kept for 12 months, then deleted.';

const isOffered = (c: Course): boolean => c.status !== 'closed' && c.status !== 'historic';

/** Up to `max` offered courses that suit the role and the behaviour, as card items with a reason. */
function matchCourses(content: Content, role: Role, behaviour: string, max: number): CourseItem[] {
  const roleTitle = content.roles.find((r) => r.id === role)?.title ?? role;
  const behaviourTitle = content.behaviours.find((b) => b.id === behaviour)?.title ?? behaviour;
  return content.courses
    .filter((c) => isOffered(c) && c.roles.includes(role) && (c.behaviours as string[]).includes(behaviour))
    .slice(0, max)
    .map((c) => courseItem(c, `Matches: ${behaviourTitle} · ${roleTitle} · ${formatTitle(c.format)}`));
}

/**
 * Realistic data for every card, built from `content` for one nudge and one role: used by the
 * card tests (every nudge × every role) and by `npm run cards:preview`. Includes user text with
 * markdown and `${` in it, escaped as the bot must.
 */
export function sampleCardData(content: Content, nudge: Nudge, role: Role): CardDataMap {
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
  const courses = matchCourses(content, role, nudge.behaviour, 3);
  const nudgeCard = nudgeCardData(nudge, behaviour, courses, `user-1|2026-W48`);
  const first = nudge.poll.options[0];
  const counts: Record<string, number> = {};
  nudge.poll.options.forEach((o, i) => (counts[o.id] = i + 1));
  const answered = nudgeAnsweredCardData(nudgeCard, nudge.poll, {
    optionId: first?.id ?? '',
    rating: 4,
    counts,
    reflectionSaved: false,
    groupName: 'your practice',
  });
  return {
    welcome: welcomeCardData({ ...prefs, role: 'other', focus: [] }, content, RETENTION),
    settings: settingsCardData(prefs, content, RETENTION, {
      pausedUntilText: 'Monday 14 December 2026',
      nextDueText: 'Monday 14 December at 09:00 (Europe/London)',
    }),
    nudge: nudgeCard,
    'nudge-answered': answered,
    courses: {
      behaviour: nudge.behaviour,
      role,
      format: 'any',
      time: 'any',
      behaviourChoices: [ANY_CHOICE, ...behaviourChoices(content)],
      roleChoices: [ANY_CHOICE, ...roleChoices(content)],
      formatChoices: formatChoices(),
      timeChoices: timeChoices(),
      results: matchCourses(content, role, nudge.behaviour, 5),
      heading: `Courses and ways to grow: ${behaviour.title}`,
    },
    history: {
      reflections: [
        {
          dateText: '30 Nov 2026',
          behaviourTitle: behaviour.title,
          nudgeTitle: nudge.title,
          text: escapeCardText(
            'I asked the team what got in the way on Monday. **Lots** of ideas: see [notes](https://example.org) ${1+1} <b>x</b>',
          ),
        },
      ],
      answers: [{ dateText: '30 Nov 2026', question: nudge.poll.question, answer: first?.label ?? '' }],
      trends: [{ behaviourTitle: behaviour.title, ratings: '2 → 3 → 4', trend: 'Rising' }],
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
    'team-nudge': {
      teamId: 'team-1',
      deliveryId: 'team-1|2026-W48',
      nudgeId: nudge.id,
      pollId: nudge.poll.id,
      behaviourId: nudge.behaviour,
      behaviourTitle: behaviour.title,
      title: nudge.title,
      why: nudge.why,
      discussion: nudge.reflection,
      pollQuestion: nudge.poll.question,
      pollChoices: nudge.poll.options.map((o) => ({ title: o.label, value: o.id })),
      ...pollResultsView(nudge.poll, counts),
    },
    'team-intro': { dayText: 'Monday', timeText: '09:00' },
    'team-settings': {
      enabled: true,
      day: 'mon',
      time: '09:00',
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
    },
  } satisfies CardDataMap;
}
