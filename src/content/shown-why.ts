/**
 * The sentence a card shows as "why it matters" must be a reason: what the habit changes in a practice.
 * A framework label ("Influencing for results is one of the nine Healthcare Leadership Model dimensions",
 * "'We are a team' is one of the seven NHS People Promise elements", "Attending, the first compassionate
 * behaviour, ...") is an attribution, and belongs to the source line under More.
 */
const ATTRIBUTION_PATTERNS: readonly RegExp[] = [
  /\bone of (the|its) (four|five|six|seven|eight|nine|ten)\b/i,
  /\b(first|second|third|fourth|fifth|sixth|seventh) (compassionate behaviour|NHS People Promise element|element)/i,
  /\bcompassionate (leadership )?behaviours?\b/i,
  /^(in )?collective leadership\b/i,
  /^compassionate leadership (means|is|starts|includes)\b/i,
  /^(attending|understanding|empathising|helping)\b(,| is| means)/i,
  /^plan, do, study, act\b/i,
  /^developing people\b/i,
  /\bHealthcare Leadership Model\b/i,
  /\bPeople Promise\b/i,
  /\bleadership dimensions?\b/i,
  /\b(names|calls|lists) '.+' as\b/i,
];

/** The framework wording in a shown sentence, or undefined when it reads as a reason. */
export function attributionIn(sentence: string): string | undefined {
  for (const p of ATTRIBUTION_PATTERNS) {
    const m = p.exec(sentence);
    if (m) return m[0];
  }
  return undefined;
}
