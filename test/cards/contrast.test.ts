/**
 * Every text colour the cards use is readable on Teams' light, dark and high-contrast themes:
 * WCAG AA (4.5:1) between the host config's foreground for that colour (default or subtle) and the
 * background of the container style the text sits in. The host configs mirror Teams' themes and
 * are the ones `npm run cards:preview` renders with.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { teamsHostConfig, type ThemeName } from '../../scripts/cards-preview-host-config';

const CARDS_DIR = join(__dirname, '..', '..', 'cards');
const THEMES: ThemeName[] = ['light', 'dark', 'contrast'];

/** WCAG 2.x relative luminance of a #RRGGBB colour. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

interface TextUse {
  card: string;
  style: string;
  color: string;
  subtle: boolean;
}

/** Every text element of a template with the container style around it. */
function textUses(card: string, node: unknown, style = 'default', found: TextUse[] = []): TextUse[] {
  if (Array.isArray(node)) node.forEach((n) => textUses(card, n, style, found));
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    const here = typeof o.style === 'string' && ['Container', 'Column'].includes(String(o.type)) ? o.style : style;
    if (o.type === 'TextBlock' || o.type === 'TextRun') {
      found.push({
        card,
        style: here,
        color: typeof o.color === 'string' ? o.color.toLowerCase() : 'default',
        subtle: o.isSubtle === true,
      });
    }
    for (const [key, value] of Object.entries(o)) if (key !== 'fallback') textUses(card, value, here, found);
  }
  return found;
}

const uses = readdirSync(CARDS_DIR)
  .filter((f) => f.endsWith('.json'))
  .flatMap((f) => textUses(f, JSON.parse(readFileSync(join(CARDS_DIR, f), 'utf8'))));

describe('text contrast on Teams themes', () => {
  it('finds the text of every card', () => {
    expect(uses.length).toBeGreaterThan(100);
    expect(new Set(uses.map((u) => u.card)).size).toBe(
      readdirSync(CARDS_DIR).filter((f) => f.endsWith('.json')).length,
    );
  });

  it('computes WCAG ratios (black on white is 21:1, equal colours 1:1)', () => {
    expect(contrastRatio('#000000', '#FFFFFF')).toBeCloseTo(21, 5);
    expect(contrastRatio('#777777', '#777777')).toBe(1);
  });

  it.each(THEMES)('every text colour the cards use meets 4.5:1 on the %s theme', (theme) => {
    const config = teamsHostConfig(theme);
    const styles = config.containerStyles as Record<
      string,
      { backgroundColor: string; foregroundColors: Record<string, { default: string; subtle: string }> }
    >;
    const failures: string[] = [];
    const combos = new Set(uses.map((u) => `${u.style}|${u.color}|${u.subtle}`));
    for (const combo of combos) {
      const [style, color, subtle] = combo.split('|') as [string, string, string];
      const s = styles[style];
      const fg = s?.foregroundColors[color]?.[subtle === 'true' ? 'subtle' : 'default'];
      if (!s || !fg) {
        failures.push(`${combo}: not in the host config`);
        continue;
      }
      const ratio = contrastRatio(fg, s.backgroundColor);
      if (ratio < 4.5) {
        const cards = [
          ...new Set(uses.filter((u) => `${u.style}|${u.color}|${u.subtle}` === combo).map((u) => u.card)),
        ];
        failures.push(
          `${color}${subtle === 'true' ? ' subtle' : ''} on ${style}: ${ratio.toFixed(2)}:1 (${cards.join(', ')})`,
        );
      }
    }
    expect(failures).toEqual([]);
  });
});
