/**
 * Where a person works and where a catalogue entry is open. A person's place is a nation, or an NHS
 * England region; 'not set' means England-wide offers only (the bot cannot assume a region or nation).
 * A course's `places` list may also say 'uk' (open in all four nations).
 */

export type Nation = 'england' | 'wales' | 'scotland' | 'northern-ireland';

export interface PlaceInfo {
  /** Stored in preferences and used in courses.json `places`. */
  id: string;
  nation: Nation;
  /** As a person reads it in a dropdown. */
  title: string;
  /** As a reason reads it: 'in Wales', 'in London'. */
  inWords: string;
}

/** The person's choices. England's regions are NHS England's seven regions. */
export const PLACES: readonly PlaceInfo[] = [
  { id: 'england', nation: 'england', title: 'England (region not given)', inWords: 'in England' },
  { id: 'england:east', nation: 'england', title: 'England: East of England', inWords: 'in the East of England' },
  { id: 'england:london', nation: 'england', title: 'England: London', inWords: 'in London' },
  { id: 'england:midlands', nation: 'england', title: 'England: Midlands', inWords: 'in the Midlands' },
  {
    id: 'england:north-east-yorkshire',
    nation: 'england',
    title: 'England: North East and Yorkshire',
    inWords: 'in the North East and Yorkshire',
  },
  { id: 'england:north-west', nation: 'england', title: 'England: North West', inWords: 'in the North West' },
  { id: 'england:south-east', nation: 'england', title: 'England: South East', inWords: 'in the South East' },
  { id: 'england:south-west', nation: 'england', title: 'England: South West', inWords: 'in the South West' },
  { id: 'wales', nation: 'wales', title: 'Wales', inWords: 'in Wales' },
  { id: 'scotland', nation: 'scotland', title: 'Scotland', inWords: 'in Scotland' },
  { id: 'northern-ireland', nation: 'northern-ireland', title: 'Northern Ireland', inWords: 'in Northern Ireland' },
];

/** What a person who has not said where they work is treated as: England-wide offers only. */
export const PLACE_NOT_SET = 'england';

/** Ids a course's `places` may use: every person place, plus 'uk'. */
export const COURSE_PLACE_IDS: readonly string[] = ['uk', ...PLACES.map((p) => p.id)];

export const placeInfo = (id: string | undefined): PlaceInfo =>
  PLACES.find((p) => p.id === id) ?? PLACES.find((p) => p.id === PLACE_NOT_SET)!;

export const isPlaceId = (id: string): boolean => PLACES.some((p) => p.id === id);

/**
 * True when an entry open in `coursePlaces` can be joined by someone working in `personPlace`:
 * 'uk' is open to all; a nation-wide entry to anyone in that nation; a regional entry only to people
 * who said they work in that region (so a person who gave no region never sees one).
 */
export function isOpenIn(coursePlaces: readonly string[], personPlace: string | undefined): boolean {
  const me = placeInfo(personPlace);
  return coursePlaces.some((p) => p === 'uk' || p === me.nation || p === me.id);
}

/** 'in Wales' when the entry is only open in the person's nation or region; '' when it is UK-wide. */
export function placeWords(coursePlaces: readonly string[], personPlace: string | undefined): string {
  if (coursePlaces.includes('uk')) return '';
  const me = placeInfo(personPlace);
  if (coursePlaces.includes(me.id) && me.id !== me.nation) return me.inWords;
  return placeInfo(me.nation).inWords;
}
