import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { parse } from 'yaml';
import { aclFileText, topicFileText } from './kafka-acls';
import { SERVICE_NODE_ARGS } from './node-args';
import { discoverServices } from './services';

const repoRoot = join(__dirname, '..', '..', '..');
interface ComposeService {
  build?: { context: string; args?: Record<string, string> };
  image?: string;
  restart?: string;
  command?: string[];
  secrets?: string[];
  volumes?: string[];
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
  'KAFKA_SASL_MECHANISM',
  'KAFKA_SASL_USERNAME',
  'KAFKA_SASL_PASSWORD',
  'PEIYU_CHECKPOINT_KEY_FILE',
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

  it('finding 10 — every long-running container restarts; services and both stores have health checks', () => {
    for (const [name, svc] of Object.entries(compose.services)) {
      if (name === 'mongo-keyfile')
        expect(svc.restart).toBe('no'); // one-shot init
      else expect([name, svc.restart]).toEqual([name, 'unless-stopped']);
    }
    for (const name of ['kafka', 'mongo', ...services.map((s) => s.name)])
      expect([name, compose.services[name]?.healthcheck?.test]).toEqual([name, expect.anything()]);
  });
});

// Finding 1 (production shape): authenticated Kafka and MongoDB, each service with its own principal.
const acls = readFileSync(join(repoRoot, 'infra', 'docker', 'kafka-acls.txt'), 'utf8')
  .split('\n')
  .filter((l) => l.trim() && !l.startsWith('#'))
  .map((l) => {
    const [principal, operations, resource, pattern, name] = l.trim().split(/\s+/);
    return { principal: principal!, ops: operations!.split(','), resource, pattern, name: name! };
  });

describe('docker-compose.yml: authenticated infrastructure (finding 1)', () => {
  // Front ends (the portal) hold no Kafka or MongoDB credentials: they reach the services over HTTP only.
  const services = discoverServices(repoRoot).filter((s) => !s.front);
  const kafka = compose.services.kafka!.environment!;

  it('Kafka: clients only over SASL/SCRAM, the other listeners on loopback, ACLs enforced', () => {
    const listeners = String(kafka.KAFKA_LISTENERS).split(',');
    for (const l of listeners)
      expect(l.startsWith('SASL_PLAINTEXT://') || l.includes('//127.0.0.1:')).toBe(true);
    expect(kafka.KAFKA_SASL_ENABLED_MECHANISMS).toBe('SCRAM-SHA-256');
    expect(String(kafka.KAFKA_LISTENER_SECURITY_PROTOCOL_MAP)).toContain('SASL_PLAINTEXT:SASL_PLAINTEXT');
    expect(kafka.KAFKA_AUTHORIZER_CLASS_NAME).toBe('org.apache.kafka.metadata.authorizer.StandardAuthorizer');
    expect(kafka.KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND).toBe('false');
    expect(JSON.stringify(compose.services.kafka!.healthcheck!.test)).toContain('kafka-security.sh');
  });

  it.each(services.map((s) => [s.name] as const))(
    '%s: its own SCRAM principal and database user, from secrets that must be set',
    (name) => {
      const env = compose.services[name]!.environment!;
      const up = name.toUpperCase();
      expect(env.KAFKA_SASL_USERNAME).toBe(name);
      expect(env.KAFKA_SASL_PASSWORD).toBe(`\${PEIYU_KAFKA_PASSWORD_${up}:?set PEIYU_KAFKA_PASSWORD_${up}}`);
      expect(kafka[`PEIYU_KAFKA_PASSWORD_${up}`]).toBe(env.KAFKA_SASL_PASSWORD);
      const mongo = new URL(String(env.MONGO_URL).replace(/\$\{[^}]+\}/, 'secret'));
      expect(mongo.username).toBe(name);
      expect(mongo.searchParams.get('authSource')).toBe(`peiyu-${name}`);
      expect(mongo.searchParams.get('authMechanism')).toBe('SCRAM-SHA-256');
      expect(compose.services[name]!.secrets).toContain(`checkpoint_${name}_key`);
    },
  );

  it("the ACL and topic files are exactly the ones generated from the contracts' topic catalog", () => {
    const names = services.map((s) => s.name);
    // On a mismatch: npm run build -w @peiyu/local && npm run acls -w @peiyu/local
    expect(readFileSync(join(repoRoot, 'infra', 'docker', 'kafka-acls.txt'), 'utf8')).toBe(
      aclFileText(names),
    );
    expect(readFileSync(join(repoRoot, 'infra', 'docker', 'kafka-topics.txt'), 'utf8')).toBe(topicFileText());
    expect(JSON.stringify(compose.services.kafka!.volumes)).toContain('kafka-topics.txt');
    for (const s of services)
      expect(compose.services[s.name]!.environment!.PEIYU_TOPICS_PROVISIONED).toBe('true');
  });

  it.each(services.map((s) => [s.name] as const))(
    '%s: writes only its own topics (and DLQs of what it reads), reads only named topics and its own groups',
    (name) => {
      const mine = acls.filter((a) => a.principal === name);
      expect(mine.length).toBeGreaterThan(0);
      const reads = mine.filter((a) => a.resource === 'topic' && a.ops.includes('Read'));
      for (const r of reads) expect([r.name, r.pattern]).toEqual([r.name, 'literal']);
      for (const w of mine.filter((a) => a.ops.includes('Write'))) {
        const own =
          w.pattern === 'literal' && w.name.startsWith(`peiyu.${name}.`) && !w.name.endsWith('.dlq');
        const dlq = w.pattern === 'literal' && reads.some((r) => `${r.name}.dlq` === w.name);
        expect([w.name, own || dlq]).toEqual([w.name, true]);
      }
      // No CREATE (nor anything else): the admin provisions every topic.
      for (const a of mine) for (const op of a.ops) expect(['Read', 'Write']).toContain(op);
      for (const g of mine.filter((a) => a.resource === 'group'))
        expect([g.pattern, g.name]).toEqual(['prefixed', `peiyu-${name}-`]);
      for (const a of mine) expect(a.name).not.toMatch(/^\*|^peiyu\.$/);
    },
  );

  it('every ACL principal is a service of this repository', () => {
    const names = new Set(services.map((s) => s.name));
    for (const a of acls) expect(names.has(a.principal)).toBe(true);
  });

  it('MongoDB: --auth with a key file; the init script gives each service readWrite on its own database only', () => {
    const mongo = compose.services.mongo!;
    expect(mongo.command).toEqual(expect.arrayContaining(['--auth', '--keyFile']));
    expect(mongo.volumes).toContain(
      './infra/docker/mongo-users.js:/docker-entrypoint-initdb.d/10-peiyu-users.js:ro',
    );
    // Run the init script against a recording stand-in for mongosh's `db`.
    const created: Array<{ db: string; user: Record<string, unknown> }> = [];
    const db = {
      getSiblingDB: (name: string) => ({
        createUser: (user: Record<string, unknown>) => created.push({ db: name, user }),
      }),
    };
    const env = Object.fromEntries(
      services.map((s) => [`PEIYU_MONGO_PASSWORD_${s.name.toUpperCase()}`, `pw-${s.name}`]),
    );
    runInNewContext(readFileSync(join(repoRoot, 'infra', 'docker', 'mongo-users.js'), 'utf8'), {
      db,
      process: { env },
    });
    expect(created.map((c) => c.db).sort()).toEqual(services.map((s) => `peiyu-${s.name}`).sort());
    for (const { db: dbName, user } of created) {
      const name = dbName.replace(/^peiyu-/, '');
      expect(user).toEqual({
        user: name,
        pwd: `pw-${name}`,
        roles: [{ role: 'readWrite', db: dbName }],
        mechanisms: ['SCRAM-SHA-256'],
      });
      expect(
        compose.services.mongo!.environment![`PEIYU_MONGO_PASSWORD_${name.toUpperCase()}`],
      ).toBeDefined();
    }
  });
});

describe("the image runs a service with the local stack's Node options", () => {
  it('the Dockerfile starts node with SERVICE_NODE_ARGS, exactly', () => {
    const dockerfile = readFileSync(join(repoRoot, 'Dockerfile'), 'utf8');
    const cmd = dockerfile.split('\n').find((l) => l.startsWith('CMD '));
    const node = /exec node (.*?) ?services\/\$\{SERVICE\}\/dist\/main\.js/.exec(cmd ?? '');
    expect(node).not.toBeNull();
    expect(node![1]!.split(' ').filter(Boolean)).toEqual([...SERVICE_NODE_ARGS]);
  });

  it.each([
    'packages/eventstore',
    'services/assessment',
    'services/audit',
    'services/subsidy',
    'services/certification',
    'services/statistics',
  ])("%s's bench runs a service's code in its own process, with SERVICE_NODE_ARGS", (dir) => {
    const bench = (
      JSON.parse(readFileSync(join(repoRoot, dir, 'package.json'), 'utf8')) as {
        scripts: Record<string, string>;
      }
    ).scripts['bench']!;
    const runs = bench.split('&&').map((c) => c.trim());
    expect(runs.length).toBeGreaterThan(0);
    for (const run of runs) expect(run).toMatch(new RegExp(`^node ${SERVICE_NODE_ARGS.join(' ')} dist/`));
  });
});
