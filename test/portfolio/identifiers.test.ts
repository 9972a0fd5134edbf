import { isValidNhsNumber, scanForIdentifiers, type IdentifierKind } from '../../src/portfolio';

const NOW = new Date('2026-12-07T12:00:00Z');
const kindsIn = (text: string): [IdentifierKind, string][] =>
  scanForIdentifiers(text, NOW).map((f) => [f.kind, f.text]);

describe('NHS numbers (modulus 11)', () => {
  it('accepts numbers whose check digit fits and refuses the rest', () => {
    expect(isValidNhsNumber('9434765919')).toBe(true);
    expect(isValidNhsNumber('4010232137')).toBe(true);
    expect(isValidNhsNumber('9434765918')).toBe(false); // one digit off
    expect(isValidNhsNumber('1234567890')).toBe(false); // remainder gives 10: never valid
    expect(isValidNhsNumber('943476591')).toBe(false);
    expect(isValidNhsNumber('94347659a9')).toBe(false);
  });

  it('finds an NHS number written with spaces or dashes, and not a ten-digit number failing the check', () => {
    expect(kindsIn('Her number is 943 476 5919.')).toEqual([['nhs-number', '943 476 5919']]);
    expect(kindsIn('Her number is 943-476-5919.')).toEqual([['nhs-number', '943-476-5919']]);
    expect(kindsIn('Ref 9434765919 today')).toEqual([['nhs-number', '9434765919']]);
    expect(kindsIn('Booking ref 943 476 5918 today').map(([k]) => k)).not.toContain('nhs-number');
  });
});

describe('likely identifiers in a reflection', () => {
  it('finds names with titles, full names and common first names', () => {
    expect(kindsIn('I spoke to Mrs Patel and Dr. Okafor about it.')).toEqual([
      ['name-with-title', 'Mrs Patel'],
      ['name-with-title', 'Dr. Okafor'],
    ]);
    expect(kindsIn('Later John Fairweather came to the desk.')).toEqual([['name', 'John Fairweather']]);
    expect(kindsIn('I thanked Sarah for staying late.')).toEqual([['name', 'Sarah']]);
    expect(kindsIn('Priya helped me.')).toEqual([['name', 'Priya']]);
  });

  it('finds dates of birth by their words, and old dates that are more likely births than events', () => {
    expect(kindsIn('DOB 14/02/1951, seen today')).toEqual([['date-of-birth', 'DOB 14/02/1951']]);
    expect(kindsIn('date of birth: 3 March 1948.')).toEqual([['date-of-birth', 'date of birth: 3 March 1948']]);
    expect(kindsIn('born on 4 May 1950.')).toEqual([['date-of-birth', 'born on 4 May 1950']]);
    expect(kindsIn('A man (12/08/1962) came in.')).toEqual([['date-of-birth', '12/08/1962']]);
    // A recent date is an event at work, not a birth.
    expect(kindsIn('On 3/11/2026 we met, and again on 5 December 2026.')).toEqual([]);
    expect(kindsIn('She was aged 87 and a 4-year-old came too.')).toEqual([
      ['age', 'aged 87'],
      ['age', '4-year-old'],
    ]);
  });

  it('finds addresses, postcodes, phone numbers and email addresses', () => {
    expect(kindsIn('lives at 14 Acacia Avenue, LS1 4AP')).toEqual([
      ['address', '14 Acacia Avenue'],
      ['postcode', 'LS1 4AP'],
    ]);
    expect(kindsIn('Flat 3 above the chemist')).toEqual([['address', 'Flat 3']]);
    expect(kindsIn('call 0113 496 0000 or +44 7700 900123')).toEqual([
      ['phone', '0113 496 0000'],
      ['phone', '+44 7700 900123'],
    ]);
    expect(kindsIn('wrote to a.person@nhs.net')).toEqual([['email', 'a.person@nhs.net']]);
  });

  it('leaves ordinary work words, places and the NHS alone', () => {
    const plain =
      'At the Monday huddle in December the Primary Care Network lead asked about the NHS Long Term Plan. ' +
      'We are in Northern Ireland. I will Prioritise people and Practise effectively. The team tried it for a week.';
    expect(kindsIn(plain)).toEqual([]);
    expect(kindsIn('Reflection on the Code and Leadership Nudges in Microsoft Teams.')).toEqual([]);
  });
});
