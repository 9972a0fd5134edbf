import installationAdd from '../fixtures/activities/installation-update-add.json';
import message from '../fixtures/activities/message.json';
import invoke from '../fixtures/activities/invoke-adaptive-card-action.json';
import teamAdded from '../fixtures/activities/conversation-update-team-added.json';

/** A Teams activity as JSON (the fixtures are real Teams shapes). */
export type ActivityJson = Record<string, unknown>;

export interface Person {
  aadObjectId: string;
  teamsId: string;
  conversationId: string;
  tenantId: string;
}

export const TENANT = '72f988bf-0000-0000-0000-000000000001';

/** A person with ids derived from `n`, so tests can make many distinct people. */
export function person(n: number | string, tenantId = TENANT): Person {
  const tag = String(n).padStart(4, '0');
  return {
    aadObjectId: `00000000-0000-0000-0000-00000000${tag}`.slice(0, 36),
    teamsId: `29:user-${tag}`,
    conversationId: `a:personal-${tag}`,
    tenantId,
  };
}

const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

function applyPerson(a: ActivityJson, p: Person, serviceUrl: string): ActivityJson {
  a.serviceUrl = serviceUrl;
  a.from = { ...(a.from as object), id: p.teamsId, aadObjectId: p.aadObjectId };
  a.conversation = { ...(a.conversation as object), id: p.conversationId, tenantId: p.tenantId };
  a.channelData = { ...(a.channelData as object), tenant: { id: p.tenantId } };
  return a;
}

export function installActivity(p: Person, serviceUrl: string, overrides: ActivityJson = {}): ActivityJson {
  return { ...applyPerson(clone(installationAdd) as ActivityJson, p, serviceUrl), ...overrides };
}

export function uninstallActivity(p: Person, serviceUrl: string): ActivityJson {
  return { ...installActivity(p, serviceUrl), action: 'remove', id: `f:uninstall-${p.teamsId}` };
}

export function messageActivity(
  p: Person,
  serviceUrl: string,
  text: string,
  overrides: ActivityJson = {},
): ActivityJson {
  return {
    ...applyPerson(clone(message) as ActivityJson, p, serviceUrl),
    text,
    id: `m-${Date.now()}-${Math.random()}`,
    ...overrides,
  };
}

export function cardActionActivity(
  p: Person,
  serviceUrl: string,
  verb: unknown,
  data: unknown,
  overrides: ActivityJson = {},
): ActivityJson {
  const a = applyPerson(clone(invoke) as ActivityJson, p, serviceUrl);
  a.value = { action: { type: 'Action.Execute', title: 'x', verb, data }, trigger: 'manual' };
  return { ...a, ...overrides };
}

export function teamAddedActivity(
  serviceUrl: string,
  overrides: { teamId?: string; channelId?: string; tenantId?: string; fromAad?: string } = {},
): ActivityJson {
  const a = clone(teamAdded) as ActivityJson;
  const teamId = overrides.teamId ?? '19:general-channel-id@thread.tacv2';
  const channelId = overrides.channelId ?? teamId;
  const tenantId = overrides.tenantId ?? TENANT;
  a.serviceUrl = serviceUrl;
  a.conversation = { ...(a.conversation as object), id: channelId, tenantId };
  const cd = a.channelData as Record<string, unknown>;
  a.channelData = { ...cd, team: { ...(cd.team as object), id: teamId }, tenant: { id: tenantId } };
  if (overrides.fromAad) a.from = { ...(a.from as object), aadObjectId: overrides.fromAad };
  return a;
}

/**
 * "Start my nudges": the welcome form saved (consent first), by default as a GP with the weekly
 * nudge on Mondays at 09:00 London time.
 */
export function startNudgesActivity(p: Person, serviceUrl: string, prefs: Record<string, unknown> = {}): ActivityJson {
  return cardActionActivity(p, serviceUrl, 'settings.save', {
    role: 'gp',
    timeZone: 'Europe/London',
    day: 'mon',
    time: '09:00',
    frequency: 'weekly',
    ...prefs,
  });
}
