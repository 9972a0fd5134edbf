import {
  createIdScrubbingSpanProcessor,
  scrubSpanName,
  templatePath,
  templateUrl,
} from '../../src/telemetry/scrub-spans';

const ENTRA = '6a1f0d2e-1111-4c4c-9d9d-0123456789ab';

describe('span scrubbing: route templates instead of ids', () => {
  it.each([
    [`/dbs/leadership-nudges/colls/users/docs/${ENTRA}`, '/dbs/leadership-nudges/colls/users/docs/{id}'],
    [
      `/dbs/leadership-nudges/colls/responses/docs/refl%7C${ENTRA}%7Cadhoc%7C2026`,
      '/dbs/leadership-nudges/colls/responses/docs/{id}',
    ],
    ['/v3/conversations/a%3A1xYz-personal/activities/1700000000000', '/v3/conversations/{id}/activities/{id}'],
    ['/v3/conversations/19:abc@thread.tacv2/pagedmembers?continuationToken=x', '/v3/conversations/{id}/pagedmembers'],
    ['/api/export/UgmMWXGo0123456789abcdefXYZ?format=text', '/api/export/{id}'],
    ['/go/kings-fund-kindness?t=tenant&s=sig', '/go/kings-fund-kindness'],
    ['/api/messages', '/api/messages'],
  ])('%s -> %s', (path, template) => {
    expect(templatePath(path)).toBe(template);
  });

  it('keeps the scheme and host of a URL', () => {
    expect(templateUrl(`https://acct.documents.azure.com:443/dbs/x/colls/users/docs/${ENTRA}`)).toBe(
      'https://acct.documents.azure.com:443/dbs/x/colls/users/docs/{id}',
    );
  });

  it('scrubs a span name, its attributes and its events in place, and drops the caller address', () => {
    const span = {
      name: `GET /dbs/x/colls/users/docs/${ENTRA}`,
      attributes: {
        'http.url': `http://h/v3/conversations/a:1xYz/activities`,
        'client.address': '203.0.113.7',
        'http.status_code': 404,
      } as Record<string, unknown>,
      events: [{ attributes: { 'exception.message': `user 29:1AbCdEf not found for ${ENTRA}` } }],
    };
    createIdScrubbingSpanProcessor().onEnd(span);
    expect(span).toEqual({
      name: 'GET /dbs/x/colls/users/docs/{id}',
      attributes: { 'http.url': 'http://h/v3/conversations/{id}/activities', 'http.status_code': 404 },
      events: [{ attributes: { 'exception.message': 'user {id} not found for {id}' } }],
    });
    expect(scrubSpanName('POST')).toBe('POST');
  });
});
