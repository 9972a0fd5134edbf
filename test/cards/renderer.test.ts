import { mkdtempSync, readFileSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CardError } from '../../src/cards/errors';
import { createCardRenderer, MAX_CARD_BYTES, renderCard, teamsSizeOf } from '../../src/cards/render';
import { CARD_NAMES } from '../../src/cards/types';
import { projectRoot } from '../../src/paths';

const cardsDir = join(projectRoot(), 'cards');

describe('createCardRenderer', () => {
  it('reads and parses each template once, however many cards it renders', () => {
    const reads: string[] = [];
    const renderer = createCardRenderer({
      readFile: (path) => {
        reads.push(path);
        return readFileSync(path, 'utf8');
      },
    });
    for (let i = 0; i < 50; i++) renderer.render('message', { title: `Saved ${i}`, text: 'Your settings are saved.' });
    expect(reads).toHaveLength(CARD_NAMES.length);
    expect(new Set(reads).size).toBe(CARD_NAMES.length);
  });

  it('throws unbound_field when the data lacks a field the template binds', () => {
    const renderer = createCardRenderer();
    const render = () => renderer.render('message', { title: 'Only a title' } as never);
    expect(render).toThrow(CardError);
    expect(render).toThrow(expect.objectContaining({ code: 'unbound_field' }));
  });

  it('measures a card as Teams does, in UTF-16, and throws too_large at 60 KB or more', () => {
    const renderer = createCardRenderer();
    // 31 K plain letters: 31 KB in UTF-8 but 62 KB in UTF-16, over the limit.
    expect(() => renderer.render('message', { title: 'Big', text: 'x'.repeat(31 * 1024) })).toThrow(
      expect.objectContaining({
        code: 'too_large',
        message: expect.stringMatching(/bytes in UTF-16; the limit is 61440/),
      }),
    );
    // 20 K accented letters: 40 KB in UTF-8 and in UTF-16, inside the limit (a UTF-8 measure at 40 KB would refuse it).
    const card = renderer.render('message', { title: 'Accents', text: 'é'.repeat(20 * 1024) });
    expect(teamsSizeOf(JSON.stringify(card))).toBeLessThan(MAX_CARD_BYTES);
    expect(Buffer.byteLength(JSON.stringify(card))).toBeGreaterThan(40 * 1024);
  });

  it('throws template_invalid naming the file when a template is not JSON', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cards-'));
    cpSync(cardsDir, dir, { recursive: true });
    writeFileSync(join(dir, 'help.json'), '{ not json');
    expect(() => createCardRenderer({ dir })).toThrow(expect.objectContaining({ code: 'template_invalid' }));
    expect(() => createCardRenderer({ dir })).toThrow(/help\.json/);
  });
});

describe('renderCard', () => {
  it('renders with the shipped templates', () => {
    const card = renderCard('message', { title: 'Nudges paused', text: 'Paused until Monday 14 December.' });
    expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
    expect(JSON.stringify(card)).toContain('Paused until Monday 14 December.');
  });
});
