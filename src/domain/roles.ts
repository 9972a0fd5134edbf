/** The roles a person in primary care can choose; nudges are written for each. */
export type Role = 'gp' | 'clinician' | 'manager' | 'reception' | 'other';
export const ROLES: readonly Role[] = ['gp', 'clinician', 'manager', 'reception', 'other'];
