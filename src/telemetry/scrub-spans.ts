import { scrubIds } from '../pseudonyms';

/**
 * Telemetry keeps no id of a person or a chat (security review N4: Cosmos document URLs named the
 * Entra id, connector URLs the personal chat). Span URLs become route templates, ids in names and
 * messages become `{id}`, and the caller's address is dropped. Telemetry needs no pseudonyms: it
 * counts and times, it does not follow people.
 */

/** Path segments after these are always ids: Cosmos documents, Bot Connector chats, activities, members, export tokens. */
const ID_AFTER = new Set(['docs', 'conversations', 'activities', 'members', 'pagedmembers', 'export', 'attachments']);
/** A segment kept as it is: a short word such as `dbs`, `v3`, `leadership-nudges` or a course id. */
const WORD = /^[A-Za-z][A-Za-z0-9_.-]{0,39}$/;

/** A URL path as a route template: `/dbs/x/colls/users/docs/<id>?q` -> `/dbs/x/colls/users/docs/{id}`. */
export function templatePath(path: string): string {
  const segments = (path.split(/[?#]/)[0] ?? '').split('/');
  return segments
    .map((segment, i) => {
      if (segment === '') return segment;
      if (ID_AFTER.has((segments[i - 1] ?? '').toLowerCase())) return '{id}';
      const digits = segment.replace(/\D/g, '').length;
      return WORD.test(segment) && digits <= 2 ? segment : '{id}';
    })
    .join('/');
}

/** A URL (absolute or a path) with its path templated and no query string. */
export function templateUrl(url: string): string {
  const absolute = /^([a-z][a-z0-9+.-]*:\/\/[^/?#]*)(.*)$/i.exec(url);
  return absolute ? `${absolute[1]}${templatePath(absolute[2] || '/')}` : templatePath(url);
}

/** Attributes holding a URL or a path (old and new OpenTelemetry HTTP conventions, Azure SDK). */
const URL_ATTRIBUTES = new Set(['http.url', 'url.full', 'http.target', 'url.path', 'http.route', 'az.url']);
/** Attributes dropped: the query string, and the address of whoever called (a person opening /go). */
const DROPPED_ATTRIBUTES = new Set([
  'url.query',
  'http.client_ip',
  'client.address',
  'net.peer.ip',
  'net.sock.peer.addr',
  'network.peer.address',
  'enduser.id',
]);

const toPlaceholder = () => '{id}';

/** A copy of span attributes with URLs templated, ids replaced and callers' addresses dropped. */
export function scrubAttributes(attributes: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(attributes)) {
    if (DROPPED_ATTRIBUTES.has(key)) continue;
    if (typeof value !== 'string') out[key] = value;
    else out[key] = URL_ATTRIBUTES.has(key) ? templateUrl(value) : scrubIds(value, toPlaceholder);
  }
  return out;
}

/** A span name with any path in it templated and ids replaced (`GET /v3/conversations/a:1/activities`). */
export function scrubSpanName(name: string): string {
  return scrubIds(
    name.replace(/\/[^\s]*/g, (path) => templatePath(path)),
    toPlaceholder,
  );
}

/** The part of an OpenTelemetry span this processor touches (structural, so no SDK type is imported). */
interface MutableSpanView {
  name: string;
  attributes: Record<string, unknown>;
  events?: { attributes?: Record<string, unknown> }[];
}

/**
 * An OpenTelemetry span processor placed before the exporter's: when a span ends, its name,
 * attributes and event attributes are rewritten in place, so what is exported carries no id.
 * (Rewritten in place because an ended span takes no setAttribute; the exporter reads it later.)
 */
export function createIdScrubbingSpanProcessor() {
  return {
    onStart: (): void => undefined,
    onEnd(span: unknown): void {
      const view = span as MutableSpanView;
      if (view.attributes) {
        const attributes = scrubAttributes(view.attributes);
        for (const key of Object.keys(view.attributes)) delete view.attributes[key];
        Object.assign(view.attributes, attributes);
      }
      view.name = scrubSpanName(view.name);
      for (const event of view.events ?? []) {
        if (event.attributes) event.attributes = scrubAttributes(event.attributes);
      }
    },
    forceFlush: async (): Promise<void> => undefined,
    shutdown: async (): Promise<void> => undefined,
  };
}
