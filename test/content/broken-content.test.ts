import { join } from 'node:path';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { checkContent, defaultContentDir, loadContent } from '../../src/content/load';
import { ContentError } from '../../src/content/errors';

const fixture = (name: string): string => join(__dirname, '..', 'fixtures', 'content-broken', name);

describe('broken content is refused with a message naming file, entry id and field', () => {
  it.each([
    ['missing-field', 'nudges/compassion.json: nudge "compassion-03" field "reflection": is missing'],
    [
      'bad-reference',
      'courses.json: course "kings-fund-kindness" field "behaviours[0]": unknown behaviour "kindness"; expected one of context, vision, patient-centre, followership, values, compassion, equality',
    ],
    [
      'duplicate-id',
      'nudges/values.json: nudge "values-04" field "id": duplicate id "values-04" (first in nudges/values.json)',
    ],
    [
      'coverage-hole',
      'nudges/equality.json: behaviour "equality" field "roles": coverage hole: 1 nudges written only for role "reception", needs at least 2',
    ],
    [
      'coverage-hole-other',
      'nudges/vision.json: behaviour "vision" field "roles": coverage hole: 1 nudges written only for role "other", needs at least 2',
    ],
    ['non-https-url', 'courses.json: course "edward-jenner" field "url": must be an https:// URL'],
    [
      'mixed-roles',
      'nudges/values.json: nudge "values-05" field "roles": mixes roles (gp, clinician, manager, other); a nudge is for everyone (all five roles) or written for one role only',
    ],
    ['missing-source-supports', 'nudges/vision.json: nudge "vision-02" field "source.supports": is missing'],
    ['missing-source', 'nudges/context.json: nudge "context-01" field "source": is missing'],
    ['team-missing-source', 'team-nudges.json: team nudge "team-values-02" field "source": is missing'],
    [
      'no-non-course-way',
      'nudges/followership.json: nudge "followership-02" field "ways": needs a way that is not a course (mentoring, coaching, action-learning, networking, quality-improvement, self-directed, on-the-job); the card always offers one',
    ],
    [
      'nudge-too-long',
      'nudges/compassion.json: nudge "compassion-04" field "title+why+reflection+action+poll": has 131 words; keep a nudge to 80-120 (about two minutes)',
    ],
    [
      'poll-this-week',
      'behaviours.json: behaviour "compassion" field "poll.question": asks about "this week", but the card may arrive at the start of the week; ask about "the past week"',
    ],
    ['course-missing-places', 'courses.json: course "leep" field "places": is missing'],
    [
      'course-bad-place',
      'courses.json: course "bronze-qi" field "places[0]": unknown place "yorkshire"; expected one of uk, england, england:east, england:london, england:midlands, england:north-east-yorkshire, england:north-west, england:south-east, england:south-west, wales, scotland, northern-ireland',
    ],
    ['course-missing-eligibility', 'courses.json: course "gwella-portal" field "eligibility": is missing'],
    [
      'unexplained-abbreviation',
      'nudges/context.json: nudge "context-05" field "why": uses ICB without saying what it means; spell it out in the same nudge',
    ],
    [
      'unexplained-in-course',
      `courses.json: course "mary-seacole" field "description": uses PCN without saying what it means; spell it out once in the course's text`,
    ],
    [
      'unexplained-in-signposting',
      'signposting.json: topic "speaking-up" field "england": uses ICB without saying what it means; spell it out in the same text',
    ],
    [
      'unexplained-in-team-nudge',
      'team-nudges.json: team nudge "team-context-01" field "why": uses PCN without saying what it means; spell it out in the same nudge',
    ],
    [
      'why-only-attribution',
      'nudges/vision.json: nudge "vision-12" field "why": the sentence the card shows is a framework label ("one of the nine"), not a reason; say what the habit changes in a practice this week and leave the framework to the source line',
    ],
    [
      'england-only-scheme',
      'nudges/equality.json: nudge "equality-13" field "why": names "People Promise", which applies only in England, in text shown in Wales, Scotland and Northern Ireland; give Wales its own text in "inNations.wales"',
    ],
    [
      'gb-law-in-ni',
      'nudges/equality.json: nudge "equality-08" field "why": names "Equality Act 2010", which applies only in England, Wales and Scotland, in text shown first in Northern Ireland; give Northern Ireland its own text in "inNations.northern-ireland"',
    ],
    [
      'england-body-next-step',
      'courses.json: course "ihi-open-school" field "nextStep": names "integrated care board", which applies only in England, in text shown in Wales, Scotland and Northern Ireland; give Wales its own "nextStepIn.wales" or reword it',
    ],
    [
      'scale-high-to-low',
      'behaviours.json: behaviour "values" field "poll.options": runs from high to low (Very well, Fairly well, A little, Hardly at all, Not sure); every scale runs low to high',
    ],
    [
      'false-free',
      'courses.json: course "leep" field "free": is true but the cost reads "Free at St George’s; otherwise not stated"; say "free" only when it is free for everyone it is open to',
    ],
    [
      'profession-unknown',
      'courses.json: course "qnis-leadership" field "professions[0]": unknown profession "midwife"; expected one of nurse, nursing-associate, healthcare-assistant, pharmacist, paramedic, physician-associate, allied-health-professional, other-clinician',
    ],
  ])('%s: reports exactly the one defect', (name, message) => {
    expect(checkContent(fixture(name))).toEqual({ ok: false, problems: [message] });
  });

  it('missing-signposting: names each nudge that needs the missing topic', () => {
    expect(checkContent(fixture('missing-signposting'))).toEqual({
      ok: false,
      problems: [
        'nudges/compassion.json: nudge "compassion-09" field "signpost": no "abuse" entry in signposting.json, so the card would have no signposting',
        'nudges/values.json: nudge "values-13" field "signpost": no "abuse" entry in signposting.json, so the card would have no signposting',
      ],
    });
  });

  it('throws a ContentError from loadContent so start-up stops', () => {
    expect(() => loadContent(fixture('duplicate-id'))).toThrow(ContentError);
    expect(() => loadContent(fixture('duplicate-id'))).toThrow(/nudges\/values\.json: nudge "values-04" field "id"/);
  });
});

describe('content problems found together', () => {
  function copyOfData(): string {
    const dir = mkdtempSync(join(tmpdir(), 'content-'));
    cpSync(defaultContentDir(), dir, { recursive: true });
    return dir;
  }

  it('names the file when its JSON does not parse', () => {
    const dir = copyOfData();
    writeFileSync(join(dir, 'roles.json'), '[{ "id": "gp", ');
    const result = checkContent(dir);
    expect(result.ok).toBe(false);
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatch(/^roles\.json: is not valid JSON/);
  });

  it('reports every problem in one go, with limits and rules of shape', () => {
    const dir = copyOfData();
    const file = join(dir, 'nudges', 'vision.json');
    const nudges = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>[];
    const first = nudges[0] as { title: string; reflection: string; action: string };
    first.title = 'x'.repeat(61);
    first.reflection = 'I should share the vision.';
    first.action = 'Share the vision.';
    writeFileSync(file, JSON.stringify(nudges));

    expect(checkContent(dir).problems).toEqual([
      'nudges/vision.json: nudge "vision-01" field "title": is 61 characters, limit 60',
      'nudges/vision.json: nudge "vision-01" field "reflection": must be a self-question ending in "?"',
      'nudges/vision.json: nudge "vision-01" field "action": must be an if-then plan: "If ..., then I will ..."',
    ]);
  });
});
