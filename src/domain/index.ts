/**
 * The product's vocabulary: roles, preferences, schedule slots and the records (people, teams,
 * deliveries, responses) with their states. Imports nothing from the rest of src; every other part
 * may import it. Times are ISO-8601 strings in UTC unless the field name says otherwise.
 */
export * from './roles';
export * from './schedule';
export * from './conversation-ref';
export * from './preferences';
export * from './people';
export * from './teams';
export * from './deliveries';
export * from './responses';
export * from './leases';
export * from './exports';
export * from './rollout';
export * from './learning';
export * from './portfolio';
export * from './roster';
export * from './practices';
