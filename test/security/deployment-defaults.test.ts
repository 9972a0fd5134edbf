import { ConfigError, configWarnings, loadConfig } from '../../src/config';

/** Authentication on: an app id with its secret, as a hand-made deployment would set it. */
const AUTH_ON = { MicrosoftAppId: '11111111-2222-3333-4444-555555555555', MicrosoftAppPassword: 'not-a-real-secret' };

describe('deployment defaults (security review: an empty ALLOWED_TENANTS meant every tenant, even with authentication on)', () => {
  it.each([
    ['unset', {}],
    ['empty', { ALLOWED_TENANTS: '' }],
    ['only commas and spaces', { ALLOWED_TENANTS: ' , ,' }],
  ])('refuses to start with authentication on and ALLOWED_TENANTS %s, naming the setting and the fix', (_, env) => {
    let error: unknown;
    try {
      loadConfig({ ...AUTH_ON, ...env });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe('ALLOWED_TENANTS');
    expect((error as Error).message).toMatch(/^ALLOWED_TENANTS: is required when MicrosoftAppId is set/);
    expect((error as Error).message).toMatch(/tenant id/);
    expect((error as Error).message).toMatch(/\* to accept any tenant/);
  });

  it('starts with a listed tenant, with no warning', () => {
    const config = loadConfig({ ...AUTH_ON, ALLOWED_TENANTS: 'tenant-a, tenant-b' });
    expect(config.allowedTenants).toEqual(['tenant-a', 'tenant-b']);
    expect(config.allowAnyTenant).toBe(false);
    expect(configWarnings(config)).toEqual([]);
  });

  it('starts with an explicit * (any tenant) and warns', () => {
    const config = loadConfig({ ...AUTH_ON, ALLOWED_TENANTS: ' * ' });
    expect(config.allowedTenants).toEqual([]);
    expect(config.allowAnyTenant).toBe(true);
    expect(configWarnings(config)).toEqual([
      expect.stringMatching(/^ALLOWED_TENANTS is \*: .*any Microsoft 365 tenant/),
    ]);
  });

  it('refuses * mixed with tenant ids (which one was meant?)', () => {
    expect(() => loadConfig({ ...AUTH_ON, ALLOWED_TENANTS: 'tenant-a,*' })).toThrow(/ALLOWED_TENANTS: is either/);
  });

  it('still starts in development mode (no app id, loopback only) without ALLOWED_TENANTS', () => {
    const config = loadConfig({});
    expect(config.devMode).toBe(true);
    expect(config.allowedTenants).toEqual([]);
    expect(configWarnings(config)).toEqual([]);
  });
});
