/**
 * Poll scales run the same way everywhere, from low to high (then any way out such as "Not sure"), so a
 * person skimming on a phone does not misclick. An option reads as low or high from its first words.
 */
const LOW =
  /^(not at all|not this week|not clear|not fairly|not confident|not well|hardly|rarely|never|no one|none|poor|hard|very hard|a little|once)\b/i;
const HIGH = /^(very|always|most days|often|every|easy|completely|clear|well|mostly)\b/i;
const WAY_OUT = /^(not sure|prefer not to say|don't know|no .* this week)$/i;

export type ScaleEnd = 'low' | 'high' | undefined;

export function scaleEnd(label: string): ScaleEnd {
  const l = label.trim();
  if (WAY_OUT.test(l)) return undefined;
  if (LOW.test(l)) return 'low';
  if (HIGH.test(l)) return 'high';
  return undefined;
}

/** True when some high option comes before a low one (the scale runs high to low). */
export function runsHighToLow(labels: readonly string[]): boolean {
  const ends = labels.map(scaleEnd);
  const firstHigh = ends.indexOf('high');
  const lastLow = ends.lastIndexOf('low');
  return firstHigh !== -1 && lastLow !== -1 && firstHigh < lastLow;
}
