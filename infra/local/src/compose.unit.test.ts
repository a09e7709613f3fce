import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { discoverServices } from './services';

const repoRoot = join(__dirname, '..', '..', '..');
interface ComposeService {
  build?: { context: string; args?: Record<string, string> };
  image?: string;
  environment?: Record<string, string | number>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: unknown };
  ports?: string[];
}
const compose = parse(readFileSync(join(repoRoot, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, ComposeService>;
};

// What every service process reads at start-up (service-kit config + the stack runner's contract).
const REQUIRED_ENV = [
  'PEIYU_MODE',
  'KAFKA_BROKERS',
  'MONGO_URL',
  'MONGO_DB',
  'PORT',
  'PEIYU_JWKS_URL',
  'PEIYU_JWT_ISSUER',
  'PEIYU_JWT_AUDIENCE',
];

describe('docker-compose.yml (production shape)', () => {
  const services = discoverServices(repoRoot);

  it('finds the services of this repository', () => {
    expect(services.map((s) => s.name)).toContain('registry');
  });

  it.each(
    discoverServices(repoRoot)
      .filter((s) => !s.front)
      .map((s) => [s.name, s] as const),
  )('runs %s from the shared Dockerfile with what it needs', (name, manifest) => {
    const svc = compose.services[name];
    expect(svc).toBeDefined();
    expect(svc!.build?.args?.SERVICE).toBe(name);
    for (const key of REQUIRED_ENV) expect(svc!.environment).toHaveProperty(key);
    expect(String(svc!.environment!.PORT)).toBe(String(manifest.port));
    expect(svc!.environment!.MONGO_DB).toBe(`peiyu-${name}`);
    expect(svc!.depends_on?.kafka?.condition).toBe('service_healthy');
    expect(svc!.depends_on?.mongo?.condition).toBe('service_healthy');
    expect(svc!.healthcheck?.test).toBeDefined();
  });

  it.each(
    discoverServices(repoRoot)
      .filter((s) => s.front)
      .map((s) => [s.name, s] as const),
  )(
    'runs the front end %s in production mode, after the services it proxies, with OIDC sign-in',
    (name, manifest) => {
      const svc = compose.services[name];
      expect(svc?.build?.args?.SERVICE).toBe(name);
      expect(svc!.environment!.PEIYU_MODE).toBe('production');
      expect(String(svc!.environment!.PORT)).toBe(String(manifest.port));
      for (const key of ['PEIYU_SERVICE_URLS', 'OIDC_ISSUER_URL', 'OIDC_CLIENT_ID', 'OIDC_REDIRECT_URI'])
        expect(svc!.environment).toHaveProperty(key);
      const proxied = String(svc!.environment!.PEIYU_SERVICE_URLS)
        .split(',')
        .map((p) => p.split('=')[0]!);
      for (const other of services.filter((s) => !s.front)) {
        expect(proxied).toContain(other.name);
        expect(svc!.depends_on?.[other.name]?.condition).toBe('service_healthy');
      }
    },
  );

  it('runs Kafka in KRaft mode and MongoDB as a replica set, with a collector and a trace viewer', () => {
    expect(compose.services.kafka?.environment?.KAFKA_PROCESS_ROLES).toBe('broker,controller');
    expect(JSON.stringify(compose.services.mongo)).toContain('--replSet');
    expect(compose.services['otel-collector']).toBeDefined();
    expect(compose.services.jaeger).toBeDefined();
  });
});
