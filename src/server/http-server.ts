import restify, { type Request, type Response, type Server } from 'restify';
import type { CloudAdapter, TurnContext } from 'botbuilder';
import type { Logger } from '../logger';
import { hasActivityShape } from './activity-shape';

/** The short error names refused requests get in their JSON body (never request content). */
const REFUSAL_NAMES: Record<number, string> = {
  404: 'not_found',
  405: 'method_not_allowed',
  413: 'payload_too_large',
};

/** Largest request body accepted on /api/messages; Teams activities are far smaller. */
export const MAX_BODY_BYTES = 256 * 1024;

export interface HttpServerDeps {
  adapter: CloudAdapter;
  /** The bot's turn logic. */
  onTurn: (context: TurnContext) => Promise<void>;
  /** Resolves when the store answers; rejects otherwise. */
  checkReady: () => Promise<void>;
  /** Serves a short-lived export by its token, once per format; 'used' when downloaded already, undefined when unknown or expired. */
  findExport?: (
    token: string,
    format: 'json' | 'text',
  ) => Promise<{ body: string | Uint8Array; fileName: string; contentType: string } | 'used' | undefined>;
  /** Counts a (signed) course link's use and gives the provider's URL; undefined for an unknown course. */
  openCourse?: (courseId: string, tenantId: string, signature: string, holder: string) => Promise<string | undefined>;
  logger: Logger;
}

/** The media type of a Content-Type header, lower case, without parameters ('' when absent). */
const mediaTypeOf = (header: string | undefined): string => (header ?? '').split(';')[0]!.trim().toLowerCase();

/** A path fit for the logs: an export token, or anything but a short word, becomes a placeholder. */
export function routeOf(path: string): string {
  return path
    .split('?')[0]!
    .split('/')
    .map((segment, i, all) =>
      all[i - 1] === 'export' ? '{token}' : segment === '' || /^[A-Za-z][\w.-]{0,39}$/.test(segment) ? segment : '{id}',
    )
    .join('/');
}

/**
 * A short page a person opening a download link in a browser can read (HTML, no script, no
 * request content), for a link that cannot give the file.
 */
function sendPage(res: Response, status: number, message: string): void {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Leadership Nudges</title></head><body><p>${message.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p></body></html>`;
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'content-security-policy': "default-src 'none'",
  });
  res.end(html);
}

/** Whether a Content-Encoding header says the body is not encoded ('identity', any case, maybe repeated). */
const isIdentityEncoding = (header: string): boolean =>
  header.split(',').every((coding) => ['identity', ''].includes(coding.trim().toLowerCase()));

/** Whether a request carries a body to parse: POST, PUT or PATCH, or any request that declares one. */
const hasRequestBody = (req: Request): boolean =>
  ['POST', 'PUT', 'PATCH'].includes(req.method ?? 'GET') ||
  Number(req.headers['content-length'] ?? 0) > 0 ||
  req.headers['transfer-encoding'] !== undefined;

export interface HttpServer {
  server: Server;
  listen(port: number, host: string): Promise<{ port: number }>;
  /** Stops taking requests and resolves when in-flight requests have finished (or after graceMs). */
  close(graceMs?: number): Promise<void>;
  inFlight(): number;
}

/**
 * The HTTP edge: /api/messages hands the request to the CloudAdapter and nothing else touches it;
 * /healthz says the process is alive; /readyz says the store is reachable.
 */
export function createHttpServer(deps: HttpServerDeps): HttpServer {
  const server = restify.createServer({ name: 'leadership-nudges', handleUncaughtExceptions: false });
  let inFlight = 0;
  let closing = false;
  const idleWaiters: (() => void)[] = [];

  server.pre((req: Request, res: Response, next: restify.Next) => {
    if (closing && req.url?.startsWith('/api/')) {
      res.header('connection', 'close');
      res.send(503, { error: 'shutting_down' });
      return next(false);
    }
    inFlight++;
    res.once('finish', () => {
      inFlight--;
      if (inFlight === 0) idleWaiters.splice(0).forEach((w) => w());
    });
    return next();
  });
  // Only JSON is read. Anything else is refused here, before any parser sees it: restify's general
  // body parser would hand multipart bodies to formidable, which writes them to temp files (up to
  // 200 MB each, never deleted) even for requests that then fail authentication.
  // Only uncompressed bodies are read: restify counts maxBodySize on the compressed bytes and
  // inflates gzip without a limit, so a 254 KB gzip body became 255 MB and exhausted the heap
  // (security review N1). Teams does not compress activities.
  server.pre((req: Request, res: Response, next: restify.Next) => {
    if (!hasRequestBody(req)) return next();
    if (mediaTypeOf(req.headers['content-type']) !== 'application/json') {
      res.send(415, { error: 'unsupported_media_type', message: 'Send application/json.' });
      return next(false);
    }
    const encoding = req.headers['content-encoding'];
    if (encoding !== undefined) {
      if (!isIdentityEncoding(encoding)) {
        res.send(415, {
          error: 'unsupported_media_type',
          message: 'Send the body uncompressed (no Content-Encoding, or identity).',
        });
        return next(false);
      }
      // restify's body reader refuses 'identity' though it means "not encoded".
      delete req.headers['content-encoding'];
    }
    return next();
  });
  // jsonBodyParser hands its options to its body reader, which applies maxBodySize (not in its types).
  server.use(
    restify.plugins.jsonBodyParser({
      maxBodySize: MAX_BODY_BYTES,
      mapParams: false,
    } as restify.plugins.JsonBodyParserOptions),
  );

  server.post('/api/messages', async (req: Request, res: Response) => {
    if (!hasActivityShape(req.body)) {
      res.send(400, { error: 'bad_request', message: 'Expected a Bot Framework activity as a JSON object.' });
      return;
    }
    try {
      await deps.adapter.process(req, res, deps.onTurn);
    } catch (error) {
      deps.logger.error(
        { err: { name: (error as Error)?.name, message: (error as Error)?.message } },
        'adapter.process failed',
      );
      if (!res.headersSent) res.send(500, { error: 'internal_error' });
    }
  });

  server.get('/healthz', async (_req: Request, res: Response) => {
    res.send(200, { status: 'ok' });
  });

  server.get('/readyz', async (_req: Request, res: Response) => {
    try {
      await deps.checkReady();
      res.send(200, { status: 'ready', store: 'ok' });
    } catch {
      res.send(503, { status: 'not_ready', store: 'unreachable' });
    }
  });

  server.get('/api/export/:token', async (req: Request, res: Response) => {
    const token = String(req.params?.token ?? '');
    const format = new URL(req.url ?? '/', 'http://localhost').searchParams.get('format') === 'text' ? 'text' : 'json';
    let found: Awaited<ReturnType<NonNullable<HttpServerDeps['findExport']>>>;
    try {
      found =
        /^[A-Za-z0-9_-]{20,100}$/.test(token) && deps.findExport ? await deps.findExport(token, format) : undefined;
    } catch {
      res.send(503, {
        error: 'unavailable',
        message: 'The download is not available just now. Please try again in a minute.',
      });
      return;
    }
    if (found === 'used') {
      sendPage(
        res,
        410,
        'This download link has already been used. Type "export" in the chat with Leadership Nudges for a new one.',
      );
      return;
    }
    if (!found) {
      sendPage(
        res,
        404,
        'This download link has expired or is not valid. Type "export" in the chat with Leadership Nudges for a new one.',
      );
      return;
    }
    res.writeHead(200, {
      'content-type': found.contentType,
      'content-disposition': `attachment; filename="${found.fileName}"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
    res.end(found.body);
  });

  server.get('/go/:courseId', async (req: Request, res: Response) => {
    const courseId = String(req.params?.courseId ?? '');
    const query = new URL(req.url ?? '/', 'http://localhost').searchParams;
    const tenantId = query.get('t') ?? '';
    const signature = query.get('s') ?? '';
    const holder = query.get('h') ?? '';
    let url: string | undefined;
    try {
      url = deps.openCourse ? await deps.openCourse(courseId, tenantId, signature, holder) : undefined;
    } catch {
      url = undefined;
    }
    if (!url) {
      res.send(404, {
        error: 'not_found',
        message: 'That course link is not known. Type "courses" in the chat for current ones.',
      });
      return;
    }
    res.writeHead(302, { location: url, 'cache-control': 'no-store' });
    res.end();
  });

  server.on(
    'restifyError',
    (
      req: Request,
      _res: Response,
      err: Error & { statusCode?: number; toJSON?: () => unknown },
      callback: () => void,
    ) => {
      // Keep error bodies short and free of request content.
      const status = err.statusCode ?? 500;
      // An unknown path or method is routine (probes, a browser opening the bot's address): info.
      const routine = status === 404 || status === 405;
      // The route, never the path: an export path carries its one-time token (security review L2).
      deps.logger[status >= 500 ? 'error' : routine ? 'info' : 'warn'](
        { status, method: req.method, path: routeOf(req.path?.() ?? '') },
        'request refused',
      );
      err.toJSON = () => ({ error: REFUSAL_NAMES[status] ?? (status >= 500 ? 'server_error' : 'bad_request'), status });
      return callback();
    },
  );

  return {
    server,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          const addr = server.address();
          resolve({ port: typeof addr === 'object' && addr ? addr.port : port });
        });
      }),
    close: (graceMs = 8000) =>
      new Promise<void>((resolve) => {
        closing = true;
        const finish = () => {
          server.close(() => resolve());
          // Idle keep-alive sockets would hold close() open.
          (server.server as unknown as { closeIdleConnections?: () => void }).closeIdleConnections?.();
        };
        if (inFlight === 0) return finish();
        const timer = setTimeout(finish, graceMs);
        idleWaiters.push(() => {
          clearTimeout(timer);
          finish();
        });
      }),
    inFlight: () => inFlight,
  };
}
