/**
 * Professions inside the 'Nurse or other clinician' role. Some offers are open to one profession only
 * (the Queen's Nursing Institute programmes are for nurses): a course's `professions` names them, and a
 * person's optional profession (the settings form) decides whether they see it.
 */
export interface ProfessionInfo {
  id: string;
  /** As a person reads it in a dropdown. */
  title: string;
  /** As a reason names the group: 'nurses', 'pharmacists'. */
  plural: string;
}

export const PROFESSIONS: readonly ProfessionInfo[] = [
  { id: 'nurse', title: 'Nurse (practice nurse, advanced nurse practitioner)', plural: 'nurses' },
  { id: 'nursing-associate', title: 'Nursing associate', plural: 'nursing associates' },
  { id: 'healthcare-assistant', title: 'Healthcare assistant', plural: 'healthcare assistants' },
  { id: 'pharmacist', title: 'Pharmacist or pharmacy technician', plural: 'pharmacists' },
  { id: 'paramedic', title: 'Paramedic', plural: 'paramedics' },
  { id: 'physician-associate', title: 'Physician associate', plural: 'physician associates' },
  {
    id: 'allied-health-professional',
    title: 'Allied health professional (physiotherapist, dietitian, podiatrist...)',
    plural: 'allied health professionals',
  },
  { id: 'other-clinician', title: 'Another clinical role', plural: 'other clinicians' },
];

export const PROFESSION_IDS: readonly string[] = PROFESSIONS.map((p) => p.id);

export const isProfessionId = (id: string): boolean => PROFESSION_IDS.includes(id);

export const professionInfo = (id: string): ProfessionInfo | undefined => PROFESSIONS.find((p) => p.id === id);

/**
 * True when a person may join an entry as far as profession goes: an entry for every profession suits
 * all; an entry for some suits only a person who said they are one of them (the bot cannot assume).
 */
export const professionFits = (courseProfessions: readonly string[] | undefined, profession: string | undefined) =>
  !courseProfessions || (profession !== undefined && courseProfessions.includes(profession));
