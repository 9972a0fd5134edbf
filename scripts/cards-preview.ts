/**
 * `npm run cards:preview`: renders every card template with sample data to PNG files under
 * previews/<theme>/ for Teams' light, dark and high-contrast themes (plus previews/index.html),
 * using the official `adaptivecards` renderer in headless Chromium with host configs that mirror
 * Teams' themes, so people can see the cards without Teams. Prints every card's rendered height
 * and visible word count at 520 px wide, and exits 1 when a card is over its budget
 * ({@link budgetFor}: the collapsed nudge and courses cards at most 900 px and 120 words).
 *
 * Needs Debian's chromium (`apt-get install -y chromium`) at /usr/bin/chromium, or CHROMIUM_PATH.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium';
import { createCardRenderer } from '../src/cards/render';
import { withNudgeState } from '../src/cards/nudge-card';
import { SAMPLE_CONTENT } from '../src/cards/sample-content';
import { sampleActedNudge, sampleCardData } from '../src/cards/sample-data';
import { CARD_NAMES, type AdaptiveCardJson } from '../src/cards/types';
import { loadContent } from '../src/content/load';
import type { Content, Nudge, TimeBand } from '../src/content/types';
import type { Role } from '../src/domain';
import { projectRoot } from '../src/paths';
import { placeInfo } from '../src/content/places';
import { teamsHostConfig, themeCss, type ThemeName } from './cards-preview-host-config';

/** 520 px by default; CARDS_PREVIEW_WIDTH=360 (say) shows a phone-width card. */
const CARD_WIDTH_PX = Number(process.env.CARDS_PREVIEW_WIDTH) || 520;
const THEMES: readonly ThemeName[] = ['light', 'dark', 'contrast'];

interface Preview {
  file: string;
  title: string;
  card: AdaptiveCardJson;
  /** Buttons to press (by title) before the screenshot, e.g. to open the reflection. */
  press?: string[];
}

/**
 * Most a card may take as first shown (sections opened on demand are not counted): every nudge card
 * as sent and every courses card at most 900 px and 120 words; a nudge card after actions (poll
 * results, confirmations) at most 900 px; the team nudge card (with results) at most 900 px. Safety signposting (id "signpost") never counts against
 * the words: it must stay in view.
 */
export function budgetFor(file: string): { heightPx: number; words: number } | undefined {
  if (file.endsWith('-open.png')) return undefined;
  if (file === 'nudge-acted.png' || file === 'nudge-waiting.png') return { heightPx: 900, words: Infinity };
  if (file === 'team-nudge.png') return { heightPx: 900, words: Infinity };
  return /^(nudge|courses)[.-]/.test(file) ? { heightPx: 900, words: 120 } : undefined;
}

function chooseContent(): Content {
  try {
    return loadContent();
  } catch (e) {
    console.warn(`Shipped content did not load (${(e as Error).message.split('\n')[0]}); using sample content.`);
    return SAMPLE_CONTENT;
  }
}

/**
 * One person per role, each somewhere different, so the previews show the live matching (the same ranking,
 * way to grow and signposting the bot uses) rather than the catalogue's file order. Each gets a nudge
 * written only for their role ("other" included), picked to show signposting where there is one.
 */
const PREVIEW_PEOPLE: readonly { role: Role; place?: string; profession?: string; time?: TimeBand; label: string }[] = [
  { role: 'gp', place: 'northern-ireland', label: 'GP in Northern Ireland' },
  { role: 'clinician', place: 'scotland', profession: 'nurse', label: 'practice nurse in Scotland' },
  {
    role: 'clinician',
    place: 'wales',
    profession: 'pharmacist',
    time: 'short',
    label: 'pharmacist in Wales, a few hours',
  },
  { role: 'manager', place: 'northern-ireland', time: 'long', label: 'practice manager in Northern Ireland, months' },
  { role: 'reception', place: 'england', label: 'receptionist in England' },
  { role: 'other', label: 'social prescriber, place not set (England-wide)' },
];

function nudgeFor(content: Content, role: Role, place?: string): Nudge {
  const own = content.nudges.filter((n) => n.roles.length === 1 && n.roles[0] === role);
  // A nudge with its own text for the person's nation shows that text; else one with signposting.
  const nation = placeInfo(place).nation;
  const nudge =
    (nation !== 'england' ? own.find((n) => n.inNations?.[nation]) : undefined) ??
    own.find((n) => n.signpost) ??
    own[0] ??
    content.nudges[0];
  if (!nudge) throw new Error('No nudges in the content');
  return nudge;
}

/** A nudge for which no course fits the person, with "Ways to grow" opened: the non-course way must still show. */
function noCourseGrowOpen(content: Content, renderer: ReturnType<typeof createCardRenderer>): Preview[] {
  const person = { role: 'gp' as const, label: 'GP (no place set)' };
  for (const nudge of content.nudges.filter((n) => n.roles.includes(person.role))) {
    const data = sampleCardData(content, nudge, person).nudge;
    if (data.courses.length > 0) continue;
    const card = renderer.render('nudge', data);
    return [
      {
        file: 'nudge-no-course-grow-open.png',
        title: `nudge ${nudge.id}: no course fits, Ways to grow opened`,
        card,
        press: ['Ways to grow'],
      },
    ];
  }
  return [];
}

function buildPreviews(content: Content): Preview[] {
  const renderer = createCardRenderer();
  const first = PREVIEW_PEOPLE[0]!;
  const data = sampleCardData(content, nudgeFor(content, first.role), first);
  const cards = Object.fromEntries(CARD_NAMES.map((name) => [name, renderer.render(name, data[name])]));
  const previews: Preview[] = CARD_NAMES.map((name) => ({ file: `${name}.png`, title: name, card: cards[name]! }));
  for (const person of PREVIEW_PEOPLE) {
    const nudge = nudgeFor(content, person.role, person.place);
    const forPerson = sampleCardData(content, nudge, person);
    const slug = `${person.profession ?? person.role}-${(person.place ?? 'not-set').replace(':', '-')}`;
    previews.push({
      file: `nudge-${slug}.png`,
      title: `nudge ${nudge.id} for a ${person.label}`,
      card: renderer.render('nudge', forPerson.nudge),
    });
    previews.push({
      file: `courses-${slug}.png`,
      title: `courses (${nudge.behaviour}) for a ${person.label}`,
      card: renderer.render('courses', forPerson.courses),
    });
  }
  const acted = sampleActedNudge(content, nudgeFor(content, first.role), first);
  const waiting = { ...acted, showResults: false, results: [], moreNeeded: 2, total: 3, scheduleText: '', notice: '' };
  const firstNudge = nudgeFor(content, first.role);
  const answeredOnly = withNudgeState(data.nudge, firstNudge.poll, {
    answer: { optionId: firstNudge.poll.options[0]?.id ?? '', counts: {} },
    reflectionSaved: false,
    scheduleText: '',
    canSnooze: false,
    canSkip: true,
    groupName: 'your organisation',
    notice: 'Thank you for answering. You can now write a reflection: select "Reflect".',
  });
  previews.push(
    {
      file: 'nudge-acted.png',
      title: 'nudge (answered, reflected, useful, snoozed)',
      card: renderer.render('nudge', acted),
    },
    { file: 'nudge-waiting.png', title: 'nudge (answered, under 5 answers)', card: renderer.render('nudge', waiting) },
    {
      file: 'nudge-reflect-open.png',
      title: 'nudge: answered, Reflect opened (the box comes once the poll is answered)',
      card: renderer.render('nudge', answeredOnly),
      press: ['Reflect'],
    },
    {
      file: 'nudge-reflection-open.png',
      title: 'nudge: the saved reflection shown again under "Your reflection"',
      card: renderer.render('nudge', acted),
      press: ['Your reflection'],
    },
    {
      file: 'nudge-refused-note.png',
      title: 'nudge: "Send answer" refused by the bot (an old client): the same card with a note',
      card: renderer.render('nudge', {
        ...data.nudge,
        notice: 'Choose an answer first, then select "Send answer". Nothing was saved.',
      }),
    },
    { file: 'nudge-grow-open.png', title: 'nudge: Ways to grow opened', card: cards.nudge!, press: ['Ways to grow'] },
    { file: 'nudge-more-open.png', title: 'nudge: More opened', card: cards.nudge!, press: ['More'] },
    ...noCourseGrowOpen(content, renderer),
    {
      file: 'team-nudge-source-open.png',
      title: 'team nudge: Source opened',
      card: cards['team-nudge']!,
      press: ['Source'],
    },
    {
      file: 'courses-filters-open.png',
      title: 'courses: filters opened',
      card: cards.courses!,
      press: ['Change filters'],
    },
  );
  const notPaused = { ...data.settings, pausedUntilText: '' };
  previews.push({
    file: 'settings-active.png',
    title: 'settings (not paused)',
    card: renderer.render('settings', notPaused),
  });
  return previews;
}

const page = (theme: ThemeName): string => `<!doctype html><html><head><meta charset="utf-8">
<style>${themeCss(theme, CARD_WIDTH_PX)}</style></head><body><div id="card"></div></body></html>`;

/** A tiny markdown subset for the preview (Teams does its own): escapes, **bold**, _italic_, [text](https url). */
const MARKDOWN_IN_PAGE = `
window.processMarkdown = function (text) {
  const escapes = [];
  let s = text.replace(/\\\\([\\\\\`*_{}\\[\\]()#+\\-.!<>~|$=])/g, (_m, c) => { escapes.push(c); return '\\u0000' + (escapes.length - 1) + '\\u0000'; });
  s = s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  s = s.replace(/\\*\\*([^*]+)\\*\\*/g, '<strong>$1</strong>').replace(/(^|\\W)_([^_]+)_(?=\\W|$)/g, '$1<em>$2</em>');
  s = s.replace(/\\[([^\\]]+)\\]\\((https:[^)\\s]+)\\)/g, '<a href="$2">$1</a>');
  s = s.replace(/\\n/g, '<br>');
  return s.replace(/\\u0000(\\d+)\\u0000/g, (_m, i) => escapes[Number(i)].replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;'));
};`;

interface Measure {
  heightPx: number;
  words: number;
}

async function main(): Promise<void> {
  const root = projectRoot();
  const outDir = join(root, 'previews');
  rmSync(outDir, { recursive: true, force: true });
  for (const theme of THEMES) mkdirSync(join(outDir, theme), { recursive: true });
  const previews = buildPreviews(chooseContent());
  const bundle = readFileSync(join(root, 'node_modules', 'adaptivecards', 'dist', 'adaptivecards.min.js'), 'utf8');
  const userDataDir = mkdtempSync(join(tmpdir(), 'cards-preview-'));
  const browser = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...CHROMIUM_ARGS],
    viewport: { width: CARD_WIDTH_PX + 48, height: 800 },
    deviceScaleFactor: 1,
  });
  const measures = new Map<string, Measure>();
  try {
    const browserPage = browser.pages()[0] ?? (await browser.newPage());
    // Nothing leaves the machine: the page has no network needs.
    await browserPage.route('**/*', (route) => route.abort());
    for (const theme of THEMES) {
      for (const preview of previews) {
        await browserPage.setContent(page(theme));
        await browserPage.addScriptTag({ content: bundle });
        await browserPage.addScriptTag({ content: MARKDOWN_IN_PAGE });
        const problems = await browserPage.evaluate(
          ({ card, hostConfig }) => {
            const w = window as unknown as {
              AdaptiveCards: any; // eslint-disable-line @typescript-eslint/no-explicit-any
              processMarkdown: (t: string) => string;
            };
            const AC = w.AdaptiveCards;
            AC.AdaptiveCard.onProcessMarkdown = (text: string, result: { outputHtml: string; didProcess: boolean }) => {
              result.outputHtml = w.processMarkdown(text);
              result.didProcess = true;
            };
            const adaptiveCard = new AC.AdaptiveCard();
            adaptiveCard.hostConfig = new AC.HostConfig(hostConfig);
            const context = new AC.SerializationContext();
            adaptiveCard.parse(card, context);
            const rendered = adaptiveCard.render();
            document.getElementById('card')!.appendChild(rendered);
            const messages: string[] = [];
            for (let i = 0; i < context.eventCount; i++) messages.push(context.getEventAt(i).message);
            return messages;
          },
          { card: preview.card, hostConfig: teamsHostConfig(theme) },
        );
        if (theme === 'light') for (const p of problems) console.log(`  ${preview.file}: ${p}`);
        for (const title of preview.press ?? []) {
          await browserPage
            .locator('#card button', { hasText: new RegExp(`^${title}$`) })
            .first()
            .click();
        }
        const measure = await browserPage.evaluate(() => {
          const card = document.getElementById('card')!;
          // innerText leaves out hidden elements: the words a person sees without opening anything.
          const signpost = Array.from(card.querySelectorAll('#signpost'))
            .map((e) => (e as HTMLElement).innerText)
            .join(' ');
          const text = card.innerText.replace(signpost, '');
          return {
            heightPx: Math.round(card.getBoundingClientRect().height),
            words: text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length,
          };
        });
        await browserPage.locator('#card').screenshot({ path: join(outDir, theme, preview.file) });
        if (theme === 'light') measures.set(preview.file, measure);
      }
      console.log(`wrote previews/${theme}/ (${previews.length} cards)`);
    }
  } finally {
    await browser.close();
    rmSync(userDataDir, { recursive: true, force: true });
  }
  const over: string[] = [];
  console.log('\ncard                         height  words  budget');
  for (const preview of previews) {
    const m = measures.get(preview.file)!;
    const budget = budgetFor(preview.file);
    const fails = budget && (m.heightPx > budget.heightPx || m.words > budget.words);
    if (fails)
      over.push(
        `${preview.file}: ${m.heightPx} px, ${m.words} words (budget ${budget.heightPx} px, ${budget.words} words)`,
      );
    const wordsText = budget && Number.isFinite(budget.words) ? `, ${budget.words} words` : '';
    const budgetText = budget ? `${budget.heightPx} px${wordsText}${fails ? '  OVER' : ''}` : '-';
    console.log(
      `${preview.file.padEnd(28)} ${String(m.heightPx).padStart(4)} px ${String(m.words).padStart(5)}  ${budgetText}`,
    );
  }
  const figures = THEMES.map(
    (theme) =>
      `<h2>${theme}</h2><main>${previews
        .map(
          (p) =>
            `<figure><figcaption>${p.title} (${measures.get(p.file)?.heightPx} px)</figcaption><img src="${theme}/${p.file}" alt="${p.title} card, ${theme} theme"></figure>`,
        )
        .join('\n')}</main>`,
  );
  writeFileSync(
    join(outDir, 'index.html'),
    `<!doctype html><html><head><meta charset="utf-8"><title>Card previews</title><style>
body{font-family:'Segoe UI',Arial,sans-serif;background:#f5f5f5;margin:24px}
main{display:flex;flex-wrap:wrap;gap:24px;align-items:flex-start}
figure{margin:0}figcaption{font-weight:600;margin-bottom:8px}</style></head>
<body><h1>Leadership Nudges: card previews</h1><p>Rendered by <code>npm run cards:preview</code> with the adaptivecards renderer and host configs mirroring Teams' light, dark and high-contrast themes, ${CARD_WIDTH_PX} px wide.</p>
${figures.join('\n')}
</body></html>\n`,
  );
  console.log(`wrote previews/index.html (${previews.length} cards x ${THEMES.length} themes)`);
  if (over.length > 0) {
    console.error(`\nOver budget:\n  ${over.join('\n  ')}`);
    process.exit(1);
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
