import { ConfigError, loadConfig } from '../src/config';

describe('configuration', () => {
  it('has defaults that run locally on the embedded store', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      port: 3978,
      store: 'embedded',
      dataDir: './data',
      devMode: true,
      host: '127.0.0.1',
      defaultTimeZone: 'Europe/London',
      cosmosDatabase: 'leadership-nudges',
      allowedTenants: [],
    });
  });

  it('names STORE and the fix when it has a bad value', () => {
    expect(() => loadConfig({ STORE: 'mongo' })).toThrow(ConfigError);
    expect(() => loadConfig({ STORE: 'mongo' })).toThrow(/STORE: must be "embedded".*or "cosmos".*got "mongo"/);
  });

  it('requires COSMOS_ENDPOINT for the cosmos store', () => {
    expect(() => loadConfig({ STORE: 'cosmos' })).toThrow(/COSMOS_ENDPOINT: is required when STORE=cosmos/);
  });

  it('refuses a LINK_SIGNING_KEY shorter than 32 characters, naming the fix', () => {
    expect(() => loadConfig({ LINK_SIGNING_KEY: 'short' })).toThrow(/LINK_SIGNING_KEY: must be at least 32/);
    expect(loadConfig({ LINK_SIGNING_KEY: 'k'.repeat(32) }).linkSigningKey).toBe('k'.repeat(32));
  });

  it('rejects a time zone it does not know', () => {
    expect(() => loadConfig({ DEFAULT_TIMEZONE: 'Mars/Olympus' })).toThrow(/DEFAULT_TIMEZONE/);
  });

  it('rejects a port that is not a number', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT: must be a whole number/);
  });

  it('needs a password with an app id unless a managed identity is used', () => {
    expect(() => loadConfig({ MicrosoftAppId: 'abc' })).toThrow(/MicrosoftAppPassword/);
    expect(
      loadConfig({
        MicrosoftAppId: 'abc',
        MicrosoftAppType: 'UserAssignedMsi',
        MicrosoftAppTenantId: 't',
        ALLOWED_TENANTS: 't',
      }).devMode,
    ).toBe(false);
  });

  it('refuses a SingleTenant or managed-identity bot with no app id (a deployment that lost it), naming the setting', () => {
    expect(() => loadConfig({ MicrosoftAppType: 'SingleTenant', MicrosoftAppTenantId: 't' })).toThrow(
      /^MicrosoftAppId: is required when MicrosoftAppType is SingleTenant/,
    );
    expect(() => loadConfig({ MicrosoftAppType: 'UserAssignedMsi', MicrosoftAppId: ' ' })).toThrow(/^MicrosoftAppId: /);
  });

  it('refuses to listen beyond loopback in development mode', () => {
    expect(() => loadConfig({ HOST: '0.0.0.0' })).toThrow(/HOST: must be a loopback address/);
  });

  it('never lets the minimum group size go below 5', () => {
    expect(() => loadConfig({ MIN_GROUP_SIZE: '3' })).toThrow(/MIN_GROUP_SIZE/);
  });

  it('reads a comma list of allowed tenants', () => {
    expect(loadConfig({ ALLOWED_TENANTS: ' a, b ,,c ' }).allowedTenants).toEqual(['a', 'b', 'c']);
  });
});
