import type { PortfolioKind, Role } from '../domain';

/**
 * Which register a free-text or coded profession points to (the settings may hold a finer profession
 * than the role for nurses, pharmacists and allied health professionals); undefined when unknown.
 */
export function kindForProfession(profession: unknown): PortfolioKind | undefined {
  if (typeof profession !== 'string') return undefined;
  const p = profession.toLowerCase();
  if (/nurs|midwi/.test(p)) return 'nmc';
  if (/pharm/.test(p)) return 'gphc';
  if (
    /\bahp\b|allied|physio|paramedic|occupational|dietit|podiat|chirop|speech|radiograph|orthoptist|prosthet|orthot|psycholog|art therap|music therap|drama therap|biomedical|operating department|hearing aid/.test(
      p,
    )
  )
    return 'hcpc';
  if (/\bgp\b|doctor|physician/.test(p)) return 'gp-appraisal';
  return undefined;
}

/**
 * The documents offered to a person, best fit first: a GP gets GP appraisal notes; a nurse or other
 * clinician gets their regulator's shape when the profession is known, else a choice of the three; the
 * practice manager, reception and everyone else get appraisal notes that name no regulator.
 */
export function kindsFor(role: Role, profession?: unknown): PortfolioKind[] {
  const known = kindForProfession(profession);
  if (role === 'gp') return ['gp-appraisal', 'appraisal'];
  if (role === 'clinician')
    return known && known !== 'appraisal' ? [known, 'appraisal'] : ['nmc', 'gphc', 'hcpc', 'appraisal'];
  return ['appraisal'];
}
