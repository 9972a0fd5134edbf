/**
 * The portfolio part: turns a person's reflections into the document their profession keeps (NMC
 * reflective accounts, GP appraisal notes, GPhC and HCPC CPD records, appraisal notes and a
 * development plan), checks the text for likely identifiers, and writes a Word file. Pure: no store.
 */
export * from './types';
export { PORTFOLIO_TEMPLATES, templateFor, NMC_CODE_THEMES, FIRST_SECTION_MAX, SECTION_MAX } from './templates';
export { kindsFor, kindForProfession } from './kinds';
export { draftEntry, sectionIdsOf, type EntryDraft } from './prompts';
export { scanForIdentifiers, IDENTIFIER_LABELS, type IdentifierFinding, type IdentifierKind } from './identifiers';
export { isValidNhsNumber } from './nhs-number';
export { writePortfolioDocx, minutesText } from './docx-writer';
