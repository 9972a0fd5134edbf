/**
 * Host configs that mirror Teams' three themes (default/light, dark, high contrast) for the preview
 * renderer: Teams' font stack, spacing, and the Fluent colours Teams uses for card text on each
 * theme's card and emphasis backgrounds. test/cards/contrast.test.ts checks every text colour the
 * cards use against these backgrounds (WCAG AA, 4.5:1).
 */

export type ThemeName = 'light' | 'dark' | 'contrast';

interface Palette {
  /** Card background and the page around it. */
  background: string;
  page: string;
  emphasis: string;
  accentBackground: string;
  text: { default: string; subtle: string };
  accent: { default: string; subtle: string };
  good: string;
  warning: string;
  attention: string;
  separator: string;
  button: { background: string; border: string; text: string; primary: string; primaryText: string };
}

export const THEME_PALETTES: Record<ThemeName, Palette> = {
  light: {
    background: '#FFFFFF',
    page: '#F5F5F5',
    emphasis: '#F5F5F5',
    accentBackground: '#7F85F5',
    text: { default: '#242424', subtle: '#616161' },
    accent: { default: '#4F52B2', subtle: '#4F52B2' },
    good: '#0E700E',
    warning: '#835C00',
    attention: '#C4314B',
    separator: '#E0E0E0',
    button: { background: '#FFFFFF', border: '#D1D1D1', text: '#242424', primary: '#5B5FC7', primaryText: '#FFFFFF' },
  },
  dark: {
    background: '#292929',
    page: '#1F1F1F',
    emphasis: '#1F1F1F',
    accentBackground: '#4F52B2',
    text: { default: '#FFFFFF', subtle: '#ADADAD' },
    accent: { default: '#A0A4F8', subtle: '#A0A4F8' },
    good: '#92C353',
    warning: '#FFAA44',
    attention: '#FF8A9B',
    separator: '#3D3D3D',
    button: { background: '#292929', border: '#666666', text: '#FFFFFF', primary: '#4F52B2', primaryText: '#FFFFFF' },
  },
  contrast: {
    background: '#000000',
    page: '#000000',
    emphasis: '#000000',
    accentBackground: '#1AEBFF',
    text: { default: '#FFFFFF', subtle: '#FFFFFF' },
    accent: { default: '#FFFF01', subtle: '#FFFF01' },
    good: '#3FF23F',
    warning: '#FFFF01',
    attention: '#FF6E6E',
    separator: '#FFFFFF',
    button: { background: '#000000', border: '#FFFFFF', text: '#FFFFFF', primary: '#FFFF01', primaryText: '#000000' },
  },
};

function foregrounds(p: Palette) {
  const same = (c: string) => ({ default: c, subtle: c });
  return {
    default: p.text,
    dark: p.text,
    light: p.text,
    accent: p.accent,
    good: same(p.good),
    warning: same(p.warning),
    attention: same(p.attention),
  };
}

/** The adaptivecards HostConfig JSON for one theme. */
export function teamsHostConfig(theme: ThemeName) {
  const p = THEME_PALETTES[theme];
  const fg = foregrounds(p);
  return {
    fontFamily:
      "'Segoe UI', 'Segoe UI Web (West European)', -apple-system, 'Helvetica Neue', Arial, 'Liberation Sans', sans-serif",
    supportsInteractivity: true,
    spacing: { small: 8, default: 12, medium: 16, large: 20, extraLarge: 24, padding: 16 },
    separator: { lineThickness: 1, lineColor: p.separator },
    fontSizes: { small: 12, default: 14, medium: 16, large: 20, extraLarge: 24 },
    fontWeights: { lighter: 300, default: 400, bolder: 600 },
    lineHeights: { small: 16, default: 20, medium: 22, large: 28, extraLarge: 32 },
    imageSizes: { small: 32, medium: 52, large: 100 },
    containerStyles: {
      default: { backgroundColor: p.background, foregroundColors: fg },
      emphasis: { backgroundColor: p.emphasis, foregroundColors: fg },
      accent: { backgroundColor: p.accentBackground, foregroundColors: fg },
      good: { backgroundColor: p.emphasis, foregroundColors: fg },
      attention: { backgroundColor: p.emphasis, foregroundColors: fg },
      warning: { backgroundColor: p.emphasis, foregroundColors: fg },
    },
    actions: {
      maxActions: 6,
      spacing: 'default',
      buttonSpacing: 8,
      showCard: { actionMode: 'inline', inlineTopMargin: 16, style: 'emphasis' },
      actionsOrientation: 'horizontal',
      actionAlignment: 'left',
      iconPlacement: 'leftOfTitle',
    },
    adaptiveCard: { allowCustomStyle: true },
    inputs: {
      label: {
        inputSpacing: 'small',
        requiredInputs: { weight: 'bolder', suffix: ' *', suffixColor: 'attention' },
        optionalInputs: { weight: 'bolder' },
      },
      errorMessage: { size: 'small', color: 'attention' },
    },
    factSet: {
      title: { weight: 'bolder', wrap: true, maxWidth: 150 },
      value: { wrap: true },
      spacing: 8,
    },
  };
}

/** Page CSS for a theme: the card frame, inputs and buttons the way Teams draws them. */
export function themeCss(theme: ThemeName, cardWidthPx: number): string {
  const p = THEME_PALETTES[theme];
  const b = p.button;
  return `
  body { margin: 0; padding: 24px; background: ${p.page}; color: ${p.text.default}; font-family: 'Segoe UI', 'Helvetica Neue', Arial, 'Liberation Sans', sans-serif; }
  #card { width: ${cardWidthPx}px; background: ${p.background}; border: 1px solid ${p.separator}; border-radius: 8px; overflow: hidden; }
  .ac-pushButton { border: 1px solid ${b.border}; border-radius: 4px; background: ${b.background}; color: ${b.text}; font-weight: 600; padding: 5px 12px; min-height: 32px; }
  .ac-pushButton.style-positive, .ac-pushButton.primary { background: ${b.primary}; border-color: ${b.primary}; color: ${b.primaryText}; }
  .ac-pushButton.style-destructive { background: ${p.attention}; border-color: ${p.attention}; color: ${p.background}; }
  .ac-input { font-family: inherit; font-size: 14px; box-sizing: border-box; max-width: 100%; color: ${p.text.default}; }
  .ac-input.ac-textInput, .ac-input.ac-multichoiceInput select, select.ac-input, input.ac-input { border: 1px solid ${b.border}; border-radius: 4px; padding: 5px 8px; background: ${p.background}; }
  .ac-input.ac-textInput.ac-multiline { min-height: 72px; }
  a { color: ${p.accent.default}; }`;
}
