import { loadConfig } from './config';

const secret = 'x'.repeat(32);

describe('configuration is checked at start-up, with the reason said', () => {
  it('the embedded default needs nothing', () => {
    expect(loadConfig({})).toMatchObject({ ok: true, config: { EVENT_STORE: 'sqlite', TRANSPORT: 'dropfolder', RELAY: 'on' } });
  });

  it('KurrentDB needs its connection string and a pseudonym key shared by every replica', () => {
    const result = loadConfig({ EVENT_STORE: 'kurrentdb' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toContain('KURRENTDB_CONNECTION_STRING');
    expect(result.message).toContain('PSEUDONYM_SECRET');
  });

  it('accepts KurrentDB with both, and Kafka with a broker list', () => {
    const result = loadConfig({
      EVENT_STORE: 'kurrentdb', KURRENTDB_CONNECTION_STRING: 'kurrentdb://kurrentdb:2113?tls=false', PSEUDONYM_SECRET: secret,
      TRANSPORT: 'kafka', KAFKA_BROKERS: 'kafka:9092,kafka2:9092',
    });
    expect(result).toMatchObject({ ok: true, config: { EVENT_STORE: 'kurrentdb', TRANSPORT: 'kafka' } });
  });

  it('the console signs in at the issuer of AUTH_JWKS_URL with CONSOLE_OIDC_CLIENT_ID', () => {
    const env = { CONSOLE_OIDC_CLIENT_ID: 'dnr-console', AUTH_JWKS_URL: 'https://idp.example/jwks', AUTH_ISSUER: 'https://idp.example', AUTH_AUDIENCE: 'dnr' };
    expect(loadConfig(env)).toMatchObject({ ok: true, config: { CONSOLE_OIDC_CLIENT_ID: 'dnr-console' } });
  });

  it.each([
    [{ EVENT_STORE: 'postgres' }, 'EVENT_STORE'],
    [{ TRANSPORT: 'email' }, 'TRANSPORT'],
    [{ KAFKA_BROKERS: 'kafka' }, 'KAFKA_BROKERS'],
    [{ EVENT_STORE: 'kurrentdb', KURRENTDB_CONNECTION_STRING: 'http://x', PSEUDONYM_SECRET: secret }, 'KURRENTDB_CONNECTION_STRING'],
    [{ AUTH_JWKS_URL: 'https://idp.example/jwks' }, 'AUTH_ISSUER'],
    [{ CONSOLE_OIDC_CLIENT_ID: 'dnr-console' }, 'CONSOLE_OIDC_CLIENT_ID'],
    [{ CONSOLE_OIDC_CLIENT_ID: 'with space', AUTH_JWKS_URL: 'https://idp.example/jwks', AUTH_ISSUER: 'https://idp.example', AUTH_AUDIENCE: 'dnr' }, 'CONSOLE_OIDC_CLIENT_ID'],
  ])('refuses %j naming %s', (env, field) => {
    const result = loadConfig(env);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(field);
  });
});
