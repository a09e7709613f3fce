import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TOPICS } from '@peiyu/contracts';
import Ajv from 'ajv';
import { parse } from 'yaml';

// The production profile for a province (issue 19 §4): valid against the Compose Specification's own JSON
// schema (vendored, infra/docker/schema/README.md) and held to the project's rules — health checks and restart
// policies, three Kafka brokers with RF 3 / min ISR 2, the catalog's topics and partitions, a three-member
// MongoDB replica set with majority writes, two replicas of every stateless service.
const repoRoot = join(__dirname, '..', '..', '..');
const read = (p: string) => readFileSync(join(repoRoot, p), 'utf8');
type Svc = {
  image?: string;
  build?: unknown;
  restart?: string;
  healthcheck?: { test?: unknown };
  environment?: Record<string, string | number>;
  entrypoint?: string[];
  command?: string[];
  depends_on?: Record<string, { condition: string }> | string[];
  deploy?: { replicas?: number };
};
const compose = parse(read('infra/docker/compose.province.yml'), { merge: true }) as {
  services: Record<string, Svc>;
};
const services = Object.entries(compose.services);

/** Run-once jobs: some service waits for them with service_completed_successfully. */
const jobs = new Set(
  services.flatMap(([, s]) =>
    Array.isArray(s.depends_on) || !s.depends_on
      ? []
      : Object.entries(s.depends_on)
          .filter(([, d]) => d.condition === 'service_completed_successfully')
          .map(([name]) => name),
  ),
);
// Distroless images with no shell or HTTP client to probe with (as in the root docker-compose.yml).
const NO_PROBE = new Set(['otel-collector', 'jaeger']);

describe('infra/docker/compose.province.yml', () => {
  it('is valid against the Compose Specification schema (and the schema rejects a broken file)', () => {
    const schema = JSON.parse(read('infra/docker/schema/compose-spec.json')) as object;
    const ajv = new Ajv({ allErrors: true, unknownFormats: 'ignore' });
    // The schema names draft-07 by its https URL; ajv knows the same meta-schema by the http one.
    const draft7 = JSON.parse(
      readFileSync(require.resolve('ajv/lib/refs/json-schema-draft-07.json'), 'utf8'),
    ) as object;
    ajv.addMetaSchema({ ...draft7, $id: 'https://json-schema.org/draft-07/schema' });
    const validate = ajv.compile(schema);
    // Validated as written (the YAML merge keys resolved, as compose does), without interpolation.
    expect(validate(compose) ? [] : validate.errors).toEqual([]);
    expect(validate({ services: { x: { restart: 5, healthcheck: { interval: [] } } } })).toBe(false);
  });

  it('gives every long-running service a restart policy and (but for distroless images) a health check', () => {
    for (const [name, s] of services) {
      if (jobs.has(name)) {
        expect([name, s.restart]).toEqual([name, 'on-failure']);
        continue;
      }
      expect([name, s.restart]).toEqual([name, 'unless-stopped']);
      if (!NO_PROBE.has(name)) expect([name, s.healthcheck?.test]).toEqual([name, expect.anything()]);
    }
  });

  it('runs three Kafka brokers with replication factor 3 and min.insync.replicas 2', () => {
    const brokers = services.filter(([n]) => /^kafka-\d$/.test(n));
    expect(brokers.map(([n]) => n)).toEqual(['kafka-1', 'kafka-2', 'kafka-3']);
    for (const [, b] of brokers) {
      const env = b.environment!;
      expect(env.KAFKA_CONTROLLER_QUORUM_VOTERS).toBe('1@kafka-1:9093,2@kafka-2:9093,3@kafka-3:9093');
      expect(Number(env.KAFKA_DEFAULT_REPLICATION_FACTOR)).toBe(3);
      expect(Number(env.KAFKA_MIN_INSYNC_REPLICAS)).toBe(2);
      expect(Number(env.KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR)).toBe(3);
      expect(Number(env.KAFKA_TRANSACTION_STATE_LOG_MIN_ISR)).toBe(2);
      expect(env.KAFKA_AUTO_CREATE_TOPICS_ENABLE).toBe('false');
    }
    expect(new Set(brokers.map(([, b]) => b.environment!.KAFKA_NODE_ID)).size).toBe(3);
  });

  it('creates every catalog topic (and its dead-letter topic) with the catalog partitions, RF 3, min ISR 2', () => {
    const script = compose.services['kafka-topics']!.entrypoint!.join('\n');
    expect(script).toContain('--replication-factor 3');
    expect(script).toContain('--config min.insync.replicas=2');
    const created = [...script.matchAll(/^\s*create (\S+) (\d+) (-?\d+)$/gm)].map((m) => [
      m[1],
      Number(m[2]),
    ]);
    const expected = TOPICS.flatMap((t) => [
      [t.name, t.partitions],
      [`${t.name}.dlq`, 1],
    ]);
    expect(created).toEqual(expected);
  });

  it('runs a three-member MongoDB replica set and every service writes with majority', () => {
    const members = services.filter(([n]) => /^mongo-\d$/.test(n));
    expect(members.map(([n]) => n)).toEqual(['mongo-1', 'mongo-2', 'mongo-3']);
    for (const [, m] of members) expect(m.command).toEqual(expect.arrayContaining(['--replSet', 'rs0']));
    const init = JSON.stringify(compose.services['mongo-1']!.healthcheck!.test);
    for (const host of ['mongo-1:27017', 'mongo-2:27017', 'mongo-3:27017']) expect(init).toContain(host);
    expect(init).toContain("defaultWriteConcern: { w: 'majority'");
    const stateless = services.filter(([, s]) => s.build);
    expect(stateless.length).toBeGreaterThanOrEqual(3);
    for (const [name, s] of stateless) {
      expect([name, s.deploy?.replicas]).toEqual([name, expect.any(Number)]);
      expect(s.deploy!.replicas).toBeGreaterThanOrEqual(2);
      const url = s.environment?.MONGO_URL;
      if (url === undefined) continue; // the portal holds no database
      expect(String(url)).toContain('mongo-1:27017,mongo-2:27017,mongo-3:27017/');
      expect(String(url)).toContain('w=majority');
      expect(String(s.environment!.KAFKA_BROKERS)).toBe('kafka-1:9092,kafka-2:9092,kafka-3:9092');
    }
  });

  it('runs every service of the stack (the root docker-compose.yml), each with its users and in the portal', () => {
    const root = parse(read('docker-compose.yml'), { merge: true }) as { services: Record<string, Svc> };
    const built = (all: Record<string, Svc>) =>
      Object.entries(all)
        .filter(([, s]) => s.build)
        .map(([n]) => n)
        .sort();
    expect(built(compose.services)).toEqual(built(root.services));
    expect(built(compose.services)).toEqual(
      ['assessment', 'audit', 'certification', 'portal', 'registry', 'statistics', 'subsidy'].sort(),
    );
    const mongoEnv = compose.services['mongo-1']!.environment!;
    const kafkaEnv = compose.services['kafka-1']!.environment!;
    const urls = String(compose.services['portal']!.environment!.PEIYU_SERVICE_URLS);
    for (const [name, s] of services.filter(([, s]) => s.build && s.environment?.MONGO_DB)) {
      const upper = name.toUpperCase();
      // mongo-users.js and kafka-security.sh refuse to start without every service's password
      expect([name, mongoEnv[`PEIYU_MONGO_PASSWORD_${upper}`]]).toEqual([name, expect.any(String)]);
      expect([name, kafkaEnv[`PEIYU_KAFKA_PASSWORD_${upper}`]]).toEqual([name, expect.any(String)]);
      expect(urls).toContain(`${name}=http://${name}:${String(s.environment!.PORT)}`);
    }
  });
});
