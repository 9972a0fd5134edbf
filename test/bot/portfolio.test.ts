import { Writable } from 'node:stream';
import JSZip from 'jszip';
import { VERBS } from '../../src/cards/verbs';
import { createLogger } from '../../src/logger';
import type { LearningTimeRecord } from '../../src/domain';
import { cardActionActivity, installActivity, messageActivity, person, type Person } from '../support/activities';
import { cardOf, cardText, startHarness, type Harness } from '../support/bot-harness';
import { openTestStore, STORE_KINDS } from '../support/stores';
import { channelCardAction, channelMessage, teamChannel } from '../team/team-activities';

interface InvokeBody {
  statusCode: number;
  value: Record<string, unknown>;
}

interface CardNode {
  type?: string;
  id?: string;
  verb?: string;
  value?: unknown;
  data?: Record<string, unknown>;
  choices?: { title: string; value: string }[];
  [key: string]: unknown;
}

function nodesOf(card: unknown, found: CardNode[] = []): CardNode[] {
  if (Array.isArray(card)) card.forEach((n) => nodesOf(n, found));
  else if (card && typeof card === 'object') {
    found.push(card as CardNode);
    Object.values(card).forEach((v) => nodesOf(v, found));
  }
  return found;
}

/** What a person's client sends for an Action.Execute: the action's data and every input's value. */
function submitted(card: unknown, verb: string, changes: Record<string, unknown> = {}): Record<string, unknown> {
  const nodes = nodesOf(card);
  const action = nodes.find((n) => n.type === 'Action.Execute' && n.verb === verb);
  if (!action) throw new Error(`no ${verb} button`);
  const inputs = Object.fromEntries(
    nodes
      .filter((n) => typeof n.type === 'string' && n.type.startsWith('Input.') && n.id)
      .map((n) => [n.id!, n.value === undefined ? '' : String(n.value)]),
  );
  return { ...inputs, ...(action.data ?? {}), ...changes };
}

/** The text of word/document.xml, tags stripped, and the headings (paragraphs styled Title or Heading N). */
async function readDocx(bytes: ArrayBuffer): Promise<{ text: string; headings: string[] }> {
  const zip = await JSZip.loadAsync(bytes);
  expect(zip.file('[Content_Types].xml')).not.toBeNull();
  const xml = await zip.file('word/document.xml')!.async('string');
  const paragraphs = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) => m[0]);
  const textOf = (p: string) =>
    [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)]
      .map((m) => m[1]!)
      .join('')
      .replace(/&amp;/g, '&')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'");
  return {
    text: paragraphs.map(textOf).join('\n'),
    headings: paragraphs.filter((p) => /<w:pStyle w:val="(Title|Heading\d)"\/>/.test(p)).map(textOf),
  };
}

describe.each(STORE_KINDS)('the portfolio through the bot on the %s store', (kind) => {
  let h: Harness;
  const logLines: string[] = [];

  beforeAll(async () => {
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        logLines.push(chunk.toString('utf8'));
        done();
      },
    });
    h = await startHarness({ store: openTestStore(kind), logger: createLogger({ level: 'debug', destination: sink }) });
  });
  afterAll(async () => {
    await h.close();
  });

  async function say(p: Person, text: string): Promise<Record<string, unknown>> {
    const before = h.connector.activities.length;
    expect((await h.post(messageActivity(p, h.connector.url, text))).status).toBe(200);
    const replies = h.connector.activities.slice(before).filter((a) => a.conversationId === p.conversationId);
    return cardOf(replies[replies.length - 1]);
  }

  async function act(p: Person, verb: string, data: unknown): Promise<Record<string, unknown>> {
    const res = await h.post(cardActionActivity(p, h.connector.url, verb, data));
    expect(res.status).toBe(200);
    await h.app.followUps.settled();
    return (res.body as InvokeBody).value;
  }

  /** Installs a person with a role, asks for a nudge, answers its poll with a rating and saves a reflection. */
  async function reflectingPerson(n: number, role: string, reflection: string): Promise<Person> {
    const p = person(n);
    await h.post(installActivity(p, h.connector.url));
    await act(p, VERBS.settingsSave, {
      role,
      timeZone: 'Europe/London',
      day: 'mon',
      time: '09:00',
      frequency: 'weekly',
    });
    const nudgeCard = await say(p, 'nudge');
    const answer = nodesOf(nudgeCard).find((x) => x.verb === VERBS.pollAnswer)!;
    const options = nodesOf(nudgeCard).find((x) => x.type === 'Input.ChoiceSet' && x.id === 'optionId')!;
    const ids = answer.data as { deliveryId: string; nudgeId: string; pollId: string };
    await act(p, VERBS.pollAnswer, { ...ids, optionId: options.choices![0]!.value, rating: '4' });
    await act(p, VERBS.reflectionSave, { deliveryId: ids.deliveryId, nudgeId: ids.nudgeId, reflection });
    return p;
  }

  /** `portfolio`, then "Draft it" with `kind`: the editing card. */
  async function draft(p: Person, docKind: string): Promise<Record<string, unknown>> {
    const start = await say(p, 'portfolio');
    return act(p, VERBS.portfolioPrepare, submitted(start, VERBS.portfolioPrepare, { kind: docKind }));
  }

  /** "Check and make the document" with edits; returns the card and, when made, the document. */
  async function make(p: Person, edit: Record<string, unknown>, changes: Record<string, unknown> = {}) {
    const card = await act(p, VERBS.portfolioCreate, submitted(edit, VERBS.portfolioCreate, changes));
    const link = nodesOf(card).find((x) => x.type === 'Action.OpenUrl');
    if (!link) return { card };
    const url = String(link.url).replace(/^http:\/\/127\.0\.0\.1:\d+/, h.baseUrl);
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="[a-z-]+-\d{4}-\d\d-\d\d\.docx"/);
    return { card, doc: await readDocx(await res.arrayBuffer()) };
  }

  it('gives a nurse NMC reflective accounts with the form questions, the Code themes and her reflection', async () => {
    const p = await reflectingPerson(
      5101,
      'clinician',
      'At the huddle I asked what slowed call-backs and we tried a shared list.',
    );
    // The history card offers the portfolio too, and its button opens the same first card.
    const history = await say(p, 'history');
    expect(nodesOf(history).some((x) => x.type === 'Action.Execute' && x.verb === VERBS.portfolioShow)).toBe(true);
    expect(cardText(await act(p, VERBS.portfolioShow, {}))).toMatch(/Make a portfolio document/);
    const start = cardText(await say(p, 'portfolio'));
    expect(start).toMatch(/NMC reflective accounts/);
    expect(start).toMatch(/GPhC CPD records/);
    expect(start).toMatch(/HCPC CPD record/);
    const edit = await draft(p, 'nmc');
    expect(cardText(edit)).toMatch(/At the huddle I asked what slowed call-backs/);
    const { doc } = await make(p, edit, {
      e0_learnt: 'Asking the whole team surfaced a fix I would not have found alone.',
      e0_code: 'It is about working with colleagues to keep care effective.',
      e0_choice: 'practise-effectively,prioritise-people',
      e0_minutes: '25',
    });
    expect(doc!.headings).toEqual(
      expect.arrayContaining([
        'NMC revalidation: written reflective accounts',
        'What was the nature of the CPD activity and/or practice-related feedback and/or event or experience in your practice?',
        'What did you learn from the CPD activity and/or feedback and/or event or experience in your practice?',
        'How did you change or improve your practice as a result?',
        'How is this relevant to the Code?',
        'Themes of the Code',
        'What is still mine to do',
      ]),
    );
    expect(doc!.headings.some((x) => /^Reflective account 1: /.test(x))).toBe(true);
    expect(doc!.text).toMatch(/At the huddle I asked what slowed call-backs/);
    expect(doc!.text).toMatch(/\u2612 {2}Practise effectively/);
    expect(doc!.text).toMatch(/\u2610 {2}Preserve safety/);
    expect(doc!.text).toMatch(/reflective discussion/i);
    expect(doc!.text).toMatch(/confirm/i);
    expect(doc!.text).toMatch(/25 minutes/);
    // The minutes are kept in the learning-time log, on this store.
    const log = (await h.app.store.responses.query({ partitionKey: p.aadObjectId })).filter(
      (r) => r.kind === 'learning',
    ) as LearningTimeRecord[];
    expect(log.map((l) => [l.subject, l.minutes])).toEqual([['nudge', 25]]);
  });

  it('gives a GP appraisal notes with learning time counted as CPD credits', async () => {
    const p = await reflectingPerson(5102, 'gp', 'I thanked the reception team by name at the practice meeting.');
    const start = cardText(await say(p, 'portfolio'));
    expect(start).toMatch(/GP appraisal/);
    expect(start).not.toMatch(/NMC|GPhC|HCPC/);
    const { doc } = await make(p, await draft(p, 'gp-appraisal'), {
      e0_minutes: '90',
      e0_meaning: 'Thanks costs nothing.',
    });
    expect(doc!.headings).toEqual(
      expect.arrayContaining([
        'Reflective notes for my GP appraisal',
        'What happened, or what did I learn?',
        'What does it mean for my practice?',
        'What will I do next?',
        'Learning time and CPD credits',
      ]),
    );
    expect(doc!.text).toMatch(/I thanked the reception team by name/);
    expect(doc!.text).toMatch(/90 minutes \(1\.5 credits\)/);
    expect(doc!.text).toMatch(/appraiser/);
  });

  it('gives a pharmacist GPhC CPD records, planned or unplanned, with the benefit to people', async () => {
    const p = await reflectingPerson(5103, 'clinician', 'I explained the new repeat-prescribing rule to the team.');
    const { doc } = await make(p, await draft(p, 'gphc'), {
      e0_benefit: 'Patients waited less for repeat prescriptions.',
      e0_choice: 'planned',
    });
    expect(doc!.headings).toEqual(
      expect.arrayContaining([
        'GPhC revalidation: CPD records',
        'What did I learn (or plan to learn), and why is it relevant to my practice?',
        'How did I learn it?',
        'An example of how this learning benefited the people using my services',
      ]),
    );
    expect(doc!.text).toMatch(/Type of CPD: Planned learning/);
    expect(doc!.text).toMatch(/I explained the new repeat-prescribing rule/);
    expect(doc!.text).toMatch(/peer discussion/);
  });

  it('gives a receptionist appraisal notes and a development plan that name no regulator', async () => {
    const p = await reflectingPerson(
      5104,
      'reception',
      'I asked a colleague how she keeps calm on the phones on Monday mornings.',
    );
    const start = cardText(await say(p, 'portfolio'));
    expect(start).not.toMatch(/NMC|GMC|GPhC|HCPC|RCGP|revalidat/i);
    const edit = await draft(p, 'appraisal');
    expect(cardText(edit)).not.toMatch(/NMC|GMC|GPhC|HCPC|RCGP|regulator/);
    const { doc, card } = await make(p, edit, { e0_next: 'Learn to handle angry callers calmly.' });
    expect(cardText(card)).not.toMatch(/NMC|GMC|GPhC|HCPC|RCGP|revalidat/i);
    expect(doc!.headings).toEqual(
      expect.arrayContaining([
        'My reflections for appraisal, and my development plan',
        'What I did',
        'What I learnt',
        'What I would like to develop next',
        'My personal development plan',
      ]),
    );
    expect(doc!.text).toMatch(/I asked a colleague how she keeps calm/);
    expect(doc!.text).toMatch(/Learn to handle angry callers calmly\./);
    expect(doc!.text).not.toMatch(/NMC|GMC|GPhC|HCPC|RCGP|revalidat|regulator|Code/);
  });

  it('warns about names, an NHS number and a date of birth before making anything, and logs none of it', async () => {
    const p = await reflectingPerson(5105, 'clinician', 'A calm morning on the ward round.');
    const edit = await draft(p, 'nmc');
    const exportsBefore = await h.app.store.exports.query({ partitionKey: p.aadObjectId });
    logLines.length = 0;
    const identifying =
      'Mrs Okonkwo-Bright (NHS number 943 476 5919, DOB 14/02/1951) came in with Sarah; John Fairweather helped.';
    const { card, doc } = await make(p, edit, { e0_learnt: identifying });
    expect(doc).toBeUndefined();
    const text = cardText(card);
    expect(text).toMatch(/This may identify someone/);
    expect(text).toMatch(/Mrs Okonkwo-Bright.*a name with a title/);
    expect(text).toMatch(/943 476 5919.*an NHS number/);
    expect(text).toMatch(/DOB 14\/02\/1951.*a date of birth/);
    expect(text).toMatch(/Sarah.*looks like a name/);
    expect(text).toMatch(/John Fairweather.*looks like a name/);
    // The card comes back with the person's own text to edit, and nothing was stored or logged.
    expect(nodesOf(card).find((x) => x.id === 'e0_learnt')?.value).toBe(identifying);
    expect(await h.app.store.exports.query({ partitionKey: p.aadObjectId })).toHaveLength(exportsBefore.length);
    expect(logLines.join('')).not.toMatch(/Okonkwo|943 476 5919|14\/02\/1951|Fairweather|calm morning/);

    // An invalid NHS number (fails the mod-11 check) is not called one.
    const { card: again } = await make(p, card, { e0_learnt: 'Reference 943 476 5918 on the rota.', checked: 'false' });
    expect(cardText(again)).not.toMatch(/an NHS number/);

    // Edited out, the document is made.
    const clean = await make(p, card, { e0_learnt: 'Asking early saves time later.' });
    expect(clean.doc!.text).toMatch(/Asking early saves time later\./);
    expect(clean.doc!.text).not.toMatch(/Okonkwo/);
    expect(logLines.join('')).not.toMatch(/Asking early saves time later|calm morning/);
  });

  it('warns on the first draft when the saved reflection itself names someone', async () => {
    const p = await reflectingPerson(5112, 'reception', 'Mrs Adeyemi thanked us for calling her back.');
    const text = cardText(await draft(p, 'appraisal'));
    expect(text).toMatch(/This may identify someone/);
    expect(text).toMatch(/"Mrs Adeyemi" looks like a name with a title/);
  });

  it('makes the document anyway when the person confirms the warning is wrong', async () => {
    const p = await reflectingPerson(5106, 'gp', 'Read about Dr Foster Intelligence reports.');
    const edit = await draft(p, 'gp-appraisal');
    const warned = await make(p, edit);
    expect(cardText(warned.card)).toMatch(/Dr Foster.*a name with a title/);
    const made = await make(p, warned.card, { checked: 'true' });
    expect(made.doc!.text).toMatch(/Dr Foster Intelligence/);
  });

  it('gives a physiotherapist (profession in the settings) an HCPC CPD record first', async () => {
    const p = await reflectingPerson(5109, 'clinician', 'I asked the team which clinic letters confuse patients most.');
    // The settings may hold a finer profession than the role (written here as the settings would).
    const u = (await h.app.store.users.get(p.aadObjectId, p.aadObjectId))!;
    const { etag, ...doc } = u;
    await h.app.store.users.replace(
      { ...doc, prefs: { ...doc.prefs, profession: 'physiotherapist' } } as typeof doc,
      etag,
    );
    const start = await say(p, 'portfolio');
    const kinds = nodesOf(start).find((x) => x.id === 'kind')!;
    expect(kinds.value).toBe('hcpc');
    expect(kinds.choices!.map((c) => c.value)).toEqual(['hcpc', 'appraisal']);
    const { doc: made } = await make(
      p,
      await act(p, VERBS.portfolioPrepare, submitted(start, VERBS.portfolioPrepare)),
      {
        'e0_service-users': 'Patients get letters they can follow.',
        e0_choice: 'work-based',
        e0_minutes: '40',
      },
    );
    expect(made!.headings).toEqual(
      expect.arrayContaining([
        'HCPC continuing professional development record',
        'The activity and what I learnt',
        'How it improved the quality of my practice and service delivery (standard 3)',
        'How it benefits service users (standard 4)',
        'Dated list of CPD activities',
      ]),
    );
    expect(made!.text).toMatch(/Type of learning activity: Work-based learning/);
    expect(made!.text).toMatch(/I asked the team which clinic letters confuse patients most\./);
    expect(made!.text).toMatch(/Patients get letters they can follow\./);
  });

  it("cannot put another person's reflection into a document, nor read it back", async () => {
    const owner = await reflectingPerson(5110, 'gp', 'OWNER-ONLY reflection about a hard week.');
    const ownerEdit = await draft(owner, 'gp-appraisal');
    const refs = String(nodesOf(ownerEdit).find((x) => x.verb === VERBS.portfolioCreate)!.data!.refs);
    const thief = await reflectingPerson(5111, 'gp', 'My own reflection.');
    const exportsBefore = (await h.app.store.exports.query({})).length;
    const card = await act(thief, VERBS.portfolioCreate, { kind: 'gp-appraisal', refs, e0_what: 'anything' });
    expect(cardText(card)).toMatch(/no longer stored/);
    expect(JSON.stringify(card)).not.toContain('OWNER-ONLY');
    expect((await h.app.store.exports.query({})).length).toBe(exportsBefore);
    // Ids that are not reflections at all are refused the same way.
    const odd = await act(thief, VERBS.portfolioCreate, { kind: 'gp-appraisal', refs: `poll|${refs.slice(5)}` });
    expect(cardText(odd)).toMatch(/not complete or not valid/);
  });

  it('is refused in a team channel, typed or clicked', async () => {
    const p = person(5107);
    const where = teamChannel(51);
    const before = h.connector.activities.length;
    await h.post(channelMessage(p, h.connector.url, where, 'portfolio'));
    const replies = h.connector.activities.slice(before);
    expect(replies.map((r) => cardText(cardOf(r))).join('\n')).not.toMatch(/Make a portfolio document/);
    const res = await h.post(
      channelCardAction(p, h.connector.url, where, VERBS.portfolioCreate, { kind: 'nmc', refs: 'refl|x' }),
    );
    expect(cardText((res.body as InvokeBody).value)).toMatch(/works only in your own chat with me/);
  });

  it('puts the learning-time log in "export" and "delete my data" erases it with any portfolio download', async () => {
    const p = await reflectingPerson(5108, 'manager', 'I shared the plan for the new phone system early.');
    await make(p, await draft(p, 'appraisal'), { e0_minutes: '15' });
    const exportCard = await say(p, 'export');
    const url = String(nodesOf(exportCard).find((x) => x.type === 'Action.OpenUrl')!.url).replace(
      /^http:\/\/127\.0\.0\.1:\d+/,
      h.baseUrl,
    );
    const data = (await (await fetch(url)).json()) as {
      learningTime: { minutes: number; subject: string }[];
      profile: { portfolioKind?: string };
    };
    expect(data.learningTime.map((l) => [l.subject, l.minutes])).toEqual([['nudge', 15]]);
    expect(data.profile.portfolioKind).toBe('appraisal');
    await say(p, 'delete my data');
    await act(p, VERBS.dataDeleteConfirm, {});
    expect(await h.app.store.responses.query({ partitionKey: p.aadObjectId })).toHaveLength(0);
    expect(await h.app.store.exports.query({ partitionKey: p.aadObjectId })).toHaveLength(0);
  });
});
