import type { BehaviourId, Nudge } from '../../src/content/types';
import type { Role } from '../../src/domain';

/** A minimal valid nudge for delivery tests, with overrides. */
export function buildNudge(
  id: string,
  behaviour: BehaviourId,
  roles: Role[] = ['gp', 'clinician', 'manager', 'reception', 'other'],
): Nudge {
  return {
    id,
    behaviour,
    roles,
    title: `Nudge ${id}`,
    why: 'Because it helps.',
    source: { label: 'A page', url: 'https://example.org/', supports: 'It says so.' },
    reflection: 'What did I notice?',
    action: 'If a meeting starts, then I will ask one question.',
    poll: {
      id: `poll-${id}`,
      question: 'How often?',
      options: [
        { id: 'a', label: 'A' },
        { id: 'b', label: 'B' },
        { id: 'c', label: 'C' },
      ],
    },
    ways: ['on-the-job'],
    readingMinutes: 1,
  };
}

/** Eight nudges over four behaviours, two each; n7/n8 are for managers only. */
export const sampleNudges: Nudge[] = [
  buildNudge('n1', 'context'),
  buildNudge('n2', 'context'),
  buildNudge('n3', 'vision'),
  buildNudge('n4', 'vision'),
  buildNudge('n5', 'compassion'),
  buildNudge('n6', 'compassion'),
  buildNudge('n7', 'equality', ['manager']),
  buildNudge('n8', 'equality', ['manager']),
];
