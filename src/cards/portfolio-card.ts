import type { Choice, PortfolioEditCardData, PortfolioEditEntry } from './types';
import type { EntryFacts, PortfolioTemplate } from '../portfolio';

/** What one entry of the editing card holds: the person's text per section and their choices. */
export interface EntryEdit {
  sections: Readonly<Record<string, string>>;
  choice: readonly string[];
  minutes: number;
  /** A course id or 'none'. */
  course: string;
  courseMinutes: number;
}

export const NO_COURSE = 'none';

/**
 * An input shows its value as typed (no markdown), but a `${` in it would look like a template binding:
 * a zero-width joiner after the `$` keeps it literal and {@link decodeInputValue} takes it out again.
 */
export const encodeInputValue = (s: string): string => s.replace(/\$\{/g, '$\u200D{');
export const decodeInputValue = (s: string): string => s.replace(/\$\u200D\{/g, '${');

/** The input ids of entry `i`: one per section, the choice, and the learning-time fields. */
export const entryInputIds = (i: number, sectionIds: readonly string[]) => ({
  sections: Object.fromEntries(sectionIds.map((id) => [id, `e${i}_${id}`])) as Record<string, string>,
  choice: `e${i}_choice`,
  minutes: `e${i}_minutes`,
  course: `e${i}_course`,
  courseMinutes: `e${i}_courseMinutes`,
});

/**
 * The editing card: each chosen reflection as the questions of the person's document, prefilled
 * from what they did (or from their last edits), with the identifier warnings when there are any.
 */
export function portfolioEditCardData(options: {
  template: PortfolioTemplate;
  facts: readonly EntryFacts[];
  edits: readonly EntryEdit[];
  courseChoices: (behaviourId: string) => Choice[];
  warnings: readonly string[];
}): PortfolioEditCardData {
  const { template: t } = options;
  const sectionIds = t.sections.map((s) => s.id);
  const entries: PortfolioEditEntry[] = options.facts.map((f, i) => {
    const edit = options.edits[i];
    const ids = entryInputIds(i, sectionIds);
    return {
      heading: `${t.entryName} ${i + 1}: ${f.nudgeTitle} (${f.dateText})`,
      sections: t.sections.map((s) => ({
        inputId: ids.sections[s.id]!,
        label: s.heading,
        hint: s.hint,
        value: encodeInputValue(edit?.sections[s.id] ?? ''),
        maxLength: s.maxLength,
      })),
      hasChoice: !!t.choice,
      choiceMulti: t.choice?.multi ?? false,
      choiceInputId: ids.choice,
      choiceLabel: t.choice?.heading ?? '',
      choiceChoices: (t.choice?.options ?? []).map((o) => ({ title: o.title, value: o.value })),
      choiceValue: (edit?.choice ?? []).join(','),
      minutesInputId: ids.minutes,
      minutes: edit?.minutes ?? 0,
      courseInputId: ids.course,
      courseChoices: [{ title: 'None', value: NO_COURSE }, ...options.courseChoices(f.behaviourId)],
      course: edit?.course ?? NO_COURSE,
      courseMinutesInputId: ids.courseMinutes,
      courseMinutes: edit?.courseMinutes ?? 0,
    };
  });
  return {
    kind: t.kind,
    title: t.title,
    intro:
      'Edit each answer until it says what you want; the document holds only what is here. Nothing you write here is stored: it goes into the document and nowhere else.',
    entries,
    refs: options.facts.map((f) => f.reflectionId).join(','),
    warnings: options.warnings.map((text) => ({ text })),
    hasWarnings: options.warnings.length > 0,
  };
}
