/**
 * Practices inside a tenant: the unit anything counted for a group is counted for. Records in
 * src/domain/practices.ts; membership comes from the rosters of a practice's teams; leads are people.
 */
export * from './errors';
export * from './practice-deps';
export * from './practice-records';
export * from './membership';
export * from './leads';
export * from './practice-setup';
export * from './practice-groups';
export * from './practice-defaults';
export * from './forget-person';
