/**
 * The kinds of portfolio document the bot writes from a person's reflections, one per kind of
 * registration or appraisal: NMC reflective accounts, GP appraisal notes, GPhC and HCPC CPD records,
 * and appraisal notes with a development plan for everyone else (no regulator named).
 */
export type PortfolioKind = 'nmc' | 'gp-appraisal' | 'gphc' | 'hcpc' | 'appraisal';

export const PORTFOLIO_KINDS: readonly PortfolioKind[] = ['nmc', 'gp-appraisal', 'gphc', 'hcpc', 'appraisal'];

export const isPortfolioKind = (v: unknown): v is PortfolioKind =>
  typeof v === 'string' && (PORTFOLIO_KINDS as readonly string[]).includes(v);
