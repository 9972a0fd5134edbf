/**
 * `npm run cards:preview`: renders every card template with sample data to PNG files under
 * previews/ (plus previews/index.html), using the official `adaptivecards` renderer in headless
 * Chromium with a Teams-like light host config, so people can see the cards without Teams.
 *
 * Needs Debian's chromium (`apt-get install -y chromium`) at /usr/bin/chromium, or CHROMIUM_PATH.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium';
import { createCardRenderer } from '../src/cards/render';
import { SAMPLE_CONTENT } from '../src/cards/sample-content';
import { sampleCardData } from '../src/cards/sample-data';
import { CARD_NAMES, type AdaptiveCardJson } from '../src/cards/types';
import { loadContent } from '../src/content/load';
import type { Content, Nudge, TimeBand } from '../src/content/types';
import type { Role } from '../src/domain';
import { projectRoot } from '../src/paths';
import { TEAMS_LIGHT_HOST_CONFIG } from './cards-preview-host-config';

const CARD_WIDTH_PX = 520;

interface Preview {
  file: string;
  title: string;
  card: AdaptiveCardJson;
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
 * written for their role (or, for "other", one for everyone), picked to show signposting where there is one.
 */
const PREVIEW_PEOPLE: readonly { role: Role; place?: string; time?: TimeBand; label: string }[] = [
  { role: 'gp', place: 'northern-ireland', label: 'GP in Northern Ireland' },
  { role: 'clinician', place: 'wales', time: 'short', label: 'practice nurse in Wales, a few hours' },
  { role: 'manager', place: 'scotland', time: 'long', label: 'practice manager in Scotland, months' },
  { role: 'reception', place: 'england:london', label: 'receptionist in London' },
  { role: 'other', label: 'social prescriber, place not set (England-wide)' },
];

function nudgeFor(content: Content, role: Role): Nudge {
  const own = content.nudges.filter((n) =>
    role === 'other' ? n.roles.includes('other') : n.roles.length === 1 && n.roles[0] === role,
  );
  const nudge = own.find((n) => n.signpost) ?? own[0] ?? content.nudges[0];
  if (!nudge) throw new Error('No nudges in the content');
  return nudge;
}

function buildPreviews(content: Content): Preview[] {
  const renderer = createCardRenderer();
  const first = PREVIEW_PEOPLE[0]!;
  const data = sampleCardData(content, nudgeFor(content, first.role), first);
  const previews: Preview[] = CARD_NAMES.map((name) => ({
    file: `${name}.png`,
    title: name,
    card: renderer.render(name, data[name]),
  }));
  for (const person of PREVIEW_PEOPLE) {
    const nudge = nudgeFor(content, person.role);
    const forPerson = sampleCardData(content, nudge, person);
    const slug = `${person.role}-${(person.place ?? 'not-set').replace(':', '-')}`;
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
  const waiting = { ...data['nudge-answered'], showResults: false, results: [], moreNeeded: 2, reflectionSaved: true };
  previews.push({
    file: 'nudge-answered-waiting.png',
    title: 'nudge-answered (under 5 answers)',
    card: renderer.render('nudge-answered', waiting),
  });
  const notPaused = { ...data.settings, pausedUntilText: '' };
  previews.push({
    file: 'settings-active.png',
    title: 'settings (not paused)',
    card: renderer.render('settings', notPaused),
  });
  return previews;
}

const PAGE = `<!doctype html><html><head><meta charset="utf-8">
<style>
  body { margin: 0; padding: 24px; background: #f5f5f5; font-family: 'Segoe UI', 'Helvetica Neue', Arial, 'Liberation Sans', sans-serif; }
  #card { width: ${CARD_WIDTH_PX}px; background: #fff; border: 1px solid #e0e0e0; border-radius: 8px; box-shadow: 0 1px 2px rgba(0,0,0,.14); overflow: hidden; }
  .ac-pushButton { border: 1px solid #d1d1d1; border-radius: 4px; background: #fff; color: #242424; font-weight: 600; padding: 5px 12px; min-height: 32px; }
  .ac-pushButton.style-positive, .ac-pushButton.primary { background: #5b5fc7; border-color: #5b5fc7; color: #fff; }
  .ac-pushButton.style-destructive { background: #c4314b; border-color: #c4314b; color: #fff; }
  .ac-input { font-family: inherit; font-size: 14px; box-sizing: border-box; max-width: 100%; }
  .ac-input.ac-textInput, .ac-input.ac-multichoiceInput select, select.ac-input, input.ac-input { border: 1px solid #d1d1d1; border-radius: 4px; padding: 5px 8px; background: #fff; }
  .ac-input.ac-textInput.ac-multiline { min-height: 72px; }
  a { color: #5b5fc7; }
</style></head><body><div id="card"></div></body></html>`;

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

async function main(): Promise<void> {
  const root = projectRoot();
  const outDir = join(root, 'previews');
  mkdirSync(outDir, { recursive: true });
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
  try {
    const page = browser.pages()[0] ?? (await browser.newPage());
    // Nothing leaves the machine: the page has no network needs.
    await page.route('**/*', (route) => route.abort());
    for (const preview of previews) {
      await page.setContent(PAGE);
      await page.addScriptTag({ content: bundle });
      await page.addScriptTag({ content: MARKDOWN_IN_PAGE });
      const problems = await page.evaluate(
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
        { card: preview.card, hostConfig: TEAMS_LIGHT_HOST_CONFIG },
      );
      for (const p of problems) console.log(`  ${preview.file}: ${p}`);
      await page.locator('#card').screenshot({ path: join(outDir, preview.file) });
      console.log(`wrote previews/${preview.file}`);
    }
  } finally {
    await browser.close();
    rmSync(userDataDir, { recursive: true, force: true });
  }
  const items = previews
    .map((p) => `<figure><figcaption>${p.title}</figcaption><img src="${p.file}" alt="${p.title} card"></figure>`)
    .join('\n');
  writeFileSync(
    join(outDir, 'index.html'),
    `<!doctype html><html><head><meta charset="utf-8"><title>Card previews</title><style>
body{font-family:'Segoe UI',Arial,sans-serif;background:#f5f5f5;margin:24px}
main{display:flex;flex-wrap:wrap;gap:24px;align-items:flex-start}
figure{margin:0}figcaption{font-weight:600;margin-bottom:8px}</style></head>
<body><h1>Leadership Nudges: card previews</h1><p>Rendered by <code>npm run cards:preview</code> with the adaptivecards renderer and a Teams-like light host config.</p><main>
${items}
</main></body></html>\n`,
  );
  console.log(`wrote previews/index.html (${previews.length} cards)`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
