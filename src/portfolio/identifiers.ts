import { isValidNhsNumber } from './nhs-number';

/**
 * Likely identifiers in a portfolio's text, found before the document is made so the person can
 * remove them (the NMC form, like every regulator's, must not identify a patient or colleague).
 * Heuristics: they warn, they do not decide; the text is never logged.
 */
export type IdentifierKind =
  'name-with-title' | 'name' | 'nhs-number' | 'date-of-birth' | 'age' | 'postcode' | 'address' | 'phone' | 'email';

export interface IdentifierFinding {
  kind: IdentifierKind;
  /** The words found, as written. */
  text: string;
}

/** What each kind is called in the warning. */
export const IDENTIFIER_LABELS: Readonly<Record<IdentifierKind, string>> = {
  'name-with-title': 'a name with a title',
  name: 'what looks like a name',
  'nhs-number': 'an NHS number',
  'date-of-birth': 'a date of birth',
  age: 'an age',
  postcode: 'a postcode',
  address: 'an address',
  phone: 'a phone number',
  email: 'an email address',
};

const TITLES =
  'Mr|Mrs|Ms|Miss|Mx|Dr|Doctor|Prof|Professor|Sister|Nurse|Matron|Sir|Dame|Lady|Lord|Rev|Revd|Father|Master';
const NAME_WORD = "[A-Z][a-z]+(?:[-'\u2019][A-Z]?[a-z]+)?";
const TITLE_NAME = new RegExp(`\\b(?:${TITLES})\\.?\\s+(?:[A-Z]\\.?\\s+)?${NAME_WORD}(?:\\s+${NAME_WORD})?`, 'g');
const CAPITALISED_RUN = new RegExp(`\\b${NAME_WORD}(?:\\s+${NAME_WORD})+\\b`, 'g');
const SINGLE_CAPITALISED = new RegExp(`\\b${NAME_WORD}\\b`, 'g');

/** Capitalised words that are not names: calendar, places, the NHS and work words people capitalise. */
const NOT_NAMES = new Set(
  (
    'I Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August September ' +
    'October November December England Wales Scotland Northern Southern Eastern Western Ireland Britain UK British English Welsh Scottish Irish NHS ' +
    'National Health Service Trust Board Primary Care Network Practice Surgery Medical Centre Health Centre Clinic Hospital ' +
    'General Team Teams Microsoft Code Leadership Nudges Nudge Academy Council College Royal Nursing Midwifery Pharmaceutical ' +
    'Professions Quality Improvement Outcomes Framework Contract Integrated System Local Christmas Easter Ramadan Diwali Eid ' +
    'Covid Google Zoom Outlook The A An And But So Then When After Before Today Yesterday This That These Those We Our My Me ' +
    'It He She They Their His Her Its Also Next Last First Second Third Later Now Once Since While Although Because If ' +
    'Partners Partner Reception Receptionist Manager Nurse Doctor Pharmacist Patient Patients Colleague Colleagues ' +
    'What How Why Who Where Which Prioritise Practise Preserve Promote Professionalism Plan Long Term Policy Guidance Standards'
  ).split(/\s+/),
);

/**
 * Common given names (a short list; a name not on it is still caught when written with a surname or a
 * title). Enough to warn about "I thanked Sarah" without flagging every capitalised word.
 */
const GIVEN_NAMES = new Set(
  (
    'Aaron Abdul Adam Adrian Ahmed Aisha Alan Alex Alexander Ali Alice Alison Amanda Amelia Amir Amy Andrea Andrew Angela Ann Anna ' +
    'Anne Anthony Ava Barbara Ben Benjamin Beth Betty Bill Brian Carl Carol Caroline Catherine Charles Charlie Charlotte Chloe ' +
    'Chris Christine Christopher Claire Colin Craig Daniel David Deborah Dennis Derek Diane Donna Dorothy Edward Eleanor Elizabeth ' +
    'Ella Ellie Emily Emma Eric Fatima Fiona Frank Gary Gemma George Grace Graham Hannah Harry Hassan Helen Ian Isabella Jack ' +
    'Jacob James Jane Janet Jason Jean Jennifer Jessica Joan Joanne John Jonathan Joseph Joshua Joyce Julie Karen Kate Katherine ' +
    'Kathleen Keith Kelly Kevin Laura Lauren Leah Lee Leon Lesley Linda Lisa Liam Louise Lucy Luke Lynn Maria Margaret Mark Martin ' +
    'Mary Matthew Megan Michael Michelle Mohammed Muhammad Nathan Neil Nicola Nicholas Noah Oliver Olivia Omar Oscar Patricia Paul ' +
    'Pauline Peter Philip Priya Rachel Raj Rebecca Richard Robert Ruth Ryan Sam Samantha Samuel Sandra Sarah Scott Sharon Sheila ' +
    'Simon Sophie Stephen Steven Stuart Susan Thomas Tom Tony Tracey Valerie Victoria William Yusuf Zoe Zara'
  ).split(/\s+/),
);

const MONTHS =
  'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';
const NUMERIC_DATE = /\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})\b/g;
const LONG_DATE = new RegExp(`\\b\\d{1,2}(?:st|nd|rd|th)?\\s+(?:${MONTHS})\\.?,?\\s+(\\d{4})\\b`, 'gi');
const DOB_WORDS = /\b(?:d\.?o\.?b\.?|date of birth|born (?:on|in)\b)[:\s]*[^\s,;.]*(?:\s+[^\s,;.]+){0,2}/gi;
const AGE = /\b(?:aged\s+\d{1,3}|\d{1,3}[- ]years?[- ]old|\d{1,3}\s?(?:yo|y\/o)\b)/gi;
const POSTCODE = /\b(?:[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]?)\s*\d[ABD-HJLNP-UW-Z]{2}\b/gi;
const STREET =
  /\b\d{1,4}[a-z]?,?\s+(?:[A-Z][a-z]+\s+){1,3}(?:Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Close|Drive|Dr|Way|Crescent|Court|Place|Gardens|Terrace|Grove|Hill|Park|Row|Square|Walk|Mews|View|Rise)\b\.?/g;
const FLAT = /\b(?:Flat|Apartment|Apt)\s+\d+[a-z]?\b/gi;
const TEN_DIGITS = /(?<![\d])(\d{3})[ -]?(\d{3})[ -]?(\d{4})(?![\d])/g;
const PHONE = /(?<![\w+])(?:\+44\s?\(?0?\)?\s?|0)\d(?:[\s-]?\d){8,9}(?!\d)/g;
const EMAIL = /\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b/g;

/** A date whose year is more than ten years back is more likely a birth date than an event at work. */
function isLikelyBirthYear(year: number, now: Date): boolean {
  const full = year < 100 ? (year > now.getUTCFullYear() % 100 ? 1900 + year : 2000 + year) : year;
  return full >= 1900 && full <= now.getUTCFullYear() - 10;
}

/** Whether a capitalised word at `index` starts a sentence (so its capital says nothing). */
function startsSentence(text: string, index: number): boolean {
  const before = text.slice(0, index).trimEnd();
  return before === '' || /[.!?:;\n"'\u201C(]$/.test(before);
}

/**
 * Finds likely identifiers in `text`, each once, in order of appearance. `now` dates the birth-year
 * guess. Never logs or stores anything.
 */
export function scanForIdentifiers(text: string, now: Date = new Date()): IdentifierFinding[] {
  const found: (IdentifierFinding & { at: number })[] = [];
  const taken: [number, number][] = [];
  const overlaps = (start: number, end: number) => taken.some(([s, e]) => start < e && end > s);
  const add = (kind: IdentifierKind, at: number, match: string) => {
    const value = match.trim();
    if (value === '' || overlaps(at, at + match.length)) return;
    taken.push([at, at + match.length]);
    found.push({ kind, text: value, at });
  };
  const each = (re: RegExp, fn: (m: RegExpMatchArray, at: number) => void) => {
    for (const m of text.matchAll(re)) fn(m, m.index ?? 0);
  };

  each(EMAIL, (m, at) => add('email', at, m[0]));
  each(DOB_WORDS, (m, at) => add('date-of-birth', at, m[0]));
  each(TEN_DIGITS, (m, at) => {
    if (isValidNhsNumber(`${m[1]}${m[2]}${m[3]}`)) add('nhs-number', at, m[0]);
  });
  each(PHONE, (m, at) => add('phone', at, m[0]));
  each(NUMERIC_DATE, (m, at) => {
    if (Number(m[2]) <= 12 && isLikelyBirthYear(Number(m[3]), now)) add('date-of-birth', at, m[0]);
  });
  each(LONG_DATE, (m, at) => {
    if (isLikelyBirthYear(Number(m[1]), now)) add('date-of-birth', at, m[0]);
  });
  each(AGE, (m, at) => add('age', at, m[0]));
  each(STREET, (m, at) => add('address', at, m[0]));
  each(FLAT, (m, at) => add('address', at, m[0]));
  each(POSTCODE, (m, at) => {
    // A postcode's letters are capitals when written; lower case "a1 2bc" is rarely meant as one.
    if (/[A-Z]/.test(m[0])) add('postcode', at, m[0]);
  });
  each(TITLE_NAME, (m, at) => add('name-with-title', at, m[0]));
  each(CAPITALISED_RUN, (m, at) => {
    // Drop leading words that are not names (a sentence's first word, 'Today', 'NHS'...).
    let words = m[0].split(/\s+/);
    let offset = at;
    while (
      words.length > 0 &&
      (NOT_NAMES.has(words[0]!) || (startsSentence(text, offset) && !GIVEN_NAMES.has(words[0]!)))
    ) {
      offset += words[0]!.length + (text.slice(offset + words[0]!.length).match(/^\s+/)?.[0].length ?? 0);
      words = words.slice(1);
    }
    words = words.filter((w) => !NOT_NAMES.has(w));
    if (words.length >= 2 || (words.length === 1 && GIVEN_NAMES.has(words[0]!)))
      add('name', offset, text.slice(offset, at + m[0].length));
  });
  each(SINGLE_CAPITALISED, (m, at) => {
    if (GIVEN_NAMES.has(m[0])) add('name', at, m[0]);
  });
  return found.sort((a, b) => a.at - b.at).map(({ kind, text: t }) => ({ kind, text: t }));
}
