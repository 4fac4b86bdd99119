/**
 * No Docker engine runs here, so docker/ is checked by reading it: the compose file parses and
 * holds the production shape, every reference resolves, and the environment it gives the
 * service passes the service's own start-up validation. `docker compose config` on a machine
 * with Docker is the stronger check (README).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { loadConfig } from '@dnr/config';

const ROOT = join(__dirname, '../..');
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

interface Service {
  image?: string;
  build?: { context: string; dockerfile: string };
  environment?: Record<string, string>;
  volumes?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  deploy?: { replicas?: number };
}
const compose = load(read('docker/docker-compose.yml')) as { services: Record<string, Service>; volumes: Record<string, unknown> };
const services = compose.services;

/** Compose's `${NAME:?message}` interpolation, from docker/.env.example. */
function interpolate(env: Record<string, string>): Record<string, string> {
  const example = Object.fromEntries(read('docker/.env.example').split('\n').filter((l) => /^\w+=/.test(l)).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, String(v).replace(/\$\{(\w+):\?[^}]*\}/g, (_, name: string) => {
    if (!(name in example)) throw new Error(`${name} is required by the compose file but missing from docker/.env.example`);
    return example[name];
  })]));
}

describe('docker/docker-compose.yml', () => {
  it('has KurrentDB, three Kafka brokers in KRaft mode, two API replicas, one relay and a gateway, all with health checks', () => {
    expect(Object.keys(services).sort()).toEqual(['api', 'gateway', 'kafka-1', 'kafka-2', 'kafka-3', 'kurrentdb', 'relay']);
    expect(services.api.deploy?.replicas).toBe(2);
    const brokers = ['kafka-1', 'kafka-2', 'kafka-3'].map((name) => services[name]);
    for (const b of brokers) expect(b.image).toMatch(/^apache\/kafka:3\.9\.\d+$/);
    for (const b of brokers) expect(b.environment?.KAFKA_PROCESS_ROLES).toContain('controller');
    expect(brokers.map((b) => b.environment?.KAFKA_NODE_ID)).toEqual(['1', '2', '3']);
    expect(new Set(brokers.map((b) => b.environment?.KAFKA_ADVERTISED_LISTENERS)).size).toBe(3);
    expect(new Set(brokers.flatMap((b) => b.volumes ?? [])).size).toBe(3);
    expect(services.kurrentdb.image).toMatch(/kurrent-lts\/kurrentdb:\d+\.\d+$/);
    for (const [name, s] of Object.entries(services)) expect({ name, test: s.healthcheck?.test?.length }).toEqual({ name, test: expect.any(Number) });
  });

  it('pins every image and builds ours from docker/Dockerfile at the repository root', () => {
    for (const s of Object.values(services)) expect(s.image).toMatch(/:[\w.-]+$/);
    for (const s of Object.values(services)) expect(s.image).not.toMatch(/:latest$/);
    for (const s of [services.api, services.relay]) expect(s.build).toEqual({ context: '..', dockerfile: 'docker/Dockerfile' });
  });

  it('every named volume is declared and used; every dependency exists and waits for health', () => {
    const used = Object.values(services).flatMap((s) => s.volumes ?? []).map((v) => v.split(':')[0]).filter((v) => !v.startsWith('.'));
    expect([...new Set(used)].sort()).toEqual(Object.keys(compose.volumes).sort());
    for (const s of Object.values(services)) {
      for (const [dep, how] of Object.entries(s.depends_on ?? {})) {
        expect(Object.keys(services)).toContain(dep);
        expect(how.condition).toBe('service_healthy');
      }
    }
    for (const v of Object.values(services).flatMap((s) => s.volumes ?? []).filter((v) => v.startsWith('./'))) {
      expect(existsSync(join(ROOT, 'docker', v.split(':')[0]))).toBe(true);
    }
  });

  it('gives the API replicas and the relay an environment the service accepts at start-up', () => {
    for (const name of ['api', 'relay']) {
      const result = loadConfig(interpolate(services[name].environment ?? {}));
      expect({ name, ok: result.ok, why: result.ok ? '' : result.message }).toEqual({ name, ok: true, why: '' });
    }
    expect(services.api.environment).toMatchObject({ RELAY: 'off', OUTBOX_ENDPOINTS: 'off', EVENT_STORE: 'kurrentdb', TRANSPORT: 'kafka' });
    expect(services.relay.environment).toMatchObject({ RELAY: 'on', OUTBOX_ENDPOINTS: 'on' });
    // Topics with replication factor 3 on the three brokers; the relay runs its own host, not the API's main.
    for (const name of ['api', 'relay']) expect(services[name].environment).toMatchObject({ KAFKA_REPLICATION_FACTOR: '3', KAFKA_BROKERS: 'kafka-1:9092,kafka-2:9092,kafka-3:9092' });
    expect((services.relay as Service & { command?: string[] }).command).toEqual(['node', 'dist/apps/relay/src/main.js']);
    expect(existsSync(join(ROOT, 'apps/relay/src/main.ts'))).toBe(true);
  });

  it('the gateway sends the outbox to the relay and hides /metrics', () => {
    const conf = read('docker/gateway.conf');
    expect(conf).toMatch(/location \/v1\/outbox\s*\{\s*proxy_pass http:\/\/relay;/);
    expect(conf).toMatch(/location = \/metrics\s*\{\s*return 404;/);
  });
});

describe('docker/Dockerfile', () => {
  const dockerfile = read('docker/Dockerfile');
  const stages = dockerfile.split('\n').filter((l) => l.startsWith('FROM '));
  const runtime = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));

  it('is multi-stage on a current Node LTS image and runs as a non-root user with production dependencies only', () => {
    expect(stages.length).toBeGreaterThanOrEqual(3);
    for (const from of stages) expect(from).toMatch(/^FROM node:24-bookworm-slim|^FROM \w+ AS/);
    expect(dockerfile).toContain('npm ci --omit=dev');
    expect(runtime).toMatch(/\nUSER node\n/);
    expect(runtime).toContain('HEALTHCHECK');
    expect(runtime).toContain('CMD ["node", "dist/apps/api/src/main.js"]');
  });

  it('copies only files that exist, and keeps secrets and build output out of the context', () => {
    const sources = dockerfile.split('\n').filter((l) => l.startsWith('COPY ') && !l.includes('--from')).flatMap((l) => l.slice(5).trim().split(/\s+/).slice(0, -1));
    for (const s of sources) expect({ s, exists: existsSync(join(ROOT, s)) }).toEqual({ s, exists: true });
    const ignored = read('.dockerignore').split('\n');
    expect(ignored).toEqual(expect.arrayContaining(['node_modules', 'dist', 'data', 'docker/.env']));
  });
});
