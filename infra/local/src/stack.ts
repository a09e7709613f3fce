import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { allCatalogTopics } from '@peiyu/contracts';
import { createKafka, ensureTopics, type KafkaCredentials } from '@peiyu/eventstore';
import { credentialUri } from '@peiyu/mongo-lite';
import { logLevel, type Kafka } from 'kafkajs';
import { startChild } from './child';
import { SERVICE_NODE_ARGS } from './node-args';
import { ensureLocalCredentials, KAFKA_ADMIN, type LocalCredentials } from './credentials';
import { kafkaLiteAcls } from './kafka-acls';
import { humanLine } from './human-log';
import { assertPortFree } from './ports';
import { discoverServices, type ServiceManifest } from './services';
import { Supervisor, type Backoff } from './supervise';

export interface StackOptions {
  repoRoot: string;
  /** where embedded servers keep data, keys and the shared clock; default <repo>/.peiyu */
  homeDir?: string;
  mongoPort?: number;
  kafkaPort?: number;
  /** 'default': each service on its manifest port; 'free': port 0 everywhere (tests) */
  servicePorts?: 'default' | 'free';
  /** ports chosen per service name (`npm start -- --port registry=5001`), over the manifests' */
  portOverrides?: Record<string, number>;
  /** use these instead of the embedded servers (production-like local runs) */
  external?: { mongoUrl: string; kafkaBrokers: string };
  /** only these services (by name); default every service present */
  only?: string[];
  log?: (line: string) => void;
  /** show services' JSON log lines as one short human line each (the CLI sets it when stdout is a TTY) */
  humanLogs?: boolean;
  /** in-memory embedded servers (tests) instead of data under homeDir */
  ephemeral?: boolean;
  /** restart delays of crashed services (default 0.5 s doubling to 10 s, reset after a minute up) */
  backoff?: Backoff;
  /**
   * The embedded Kafka: 'lite' (kafka-lite, in this process) or 'real' (Apache Kafka from @peiyu/kafka-real, a
   * JVM; needs Java and Maven). Default: env PEIYU_TEST_KAFKA ('real' lets the services' e2e tests run on the
   * real broker without code changes), else 'lite'.
   */
  kafka?: KafkaKind;
}

/** The database a service uses on the local stack (its MONGO_DB). */
export const databaseOf = (service: string): string => `peiyu-${service}`;

export type KafkaKind = 'lite' | 'real';

/** The embedded Kafka a stack starts when the options do not say: PEIYU_TEST_KAFKA=real|lite, else lite. */
export function defaultKafka(env: NodeJS.ProcessEnv = process.env): KafkaKind {
  const v = env.PEIYU_TEST_KAFKA;
  if (v === undefined || v === '' || v === 'lite') return 'lite';
  if (v === 'real') return 'real';
  throw new Error(`PEIYU_TEST_KAFKA must be "lite" or "real", got "${v}"`);
}

export interface RunningStack {
  mongoUrl: string;
  kafkaBrokers: string;
  embedded: boolean;
  /** which embedded Kafka runs (meaningless when `embedded` is false) */
  kafka: KafkaKind;
  homeDir: string;
  services: Array<{
    name: string;
    url: string;
    port: number;
    manifest: ServiceManifest;
    /** restarts the service after a crash, on the same port */
    supervisor: Supervisor;
  }>;
  stop(): Promise<void>;
  /** Last resort when the runner itself is exiting: kills every service process at once (synchronous). */
  killNow(): void;
  /** The generated credentials (embedded servers only), under `<home>/credentials`. */
  credentials?: LocalCredentials;
  /**
   * A kafkajs client of this stack's Kafka as `principal` (default the runner's admin principal; a service name
   * for its credentials; null for an unauthenticated client).
   */
  kafkaClient(clientId: string, principal?: string | null): Kafka;
}

interface Embedded {
  url: string;
  stop(): Promise<void>;
}

async function startKafka(
  o: StackOptions,
  kind: KafkaKind,
  home: string,
  log: (l: string) => void,
  auth: { credentials: LocalCredentials; services: string[] },
) {
  const port = o.kafkaPort ?? 9092;
  if (kind === 'real') {
    const { startRealKafka } = await import('@peiyu/kafka-real');
    const kafka = await startRealKafka({
      ...(port === 0 ? {} : { ports: [port] }),
      ...(o.ephemeral ? {} : { dataDir: join(home, 'kafka-real') }),
      log,
      // The same principals and ACLs as on kafka-lite, enforced by Kafka's own StandardAuthorizer.
      auth: {
        users: Object.entries(auth.credentials.kafka).map(([name, password]) => ({ name, password })),
        admin: KAFKA_ADMIN,
        acls: kafkaLiteAcls(auth.services),
      },
    });
    return { url: kafka.brokers.join(','), stop: () => kafka.stop() };
  }
  const { startKafkaLite } = await import('@peiyu/kafka-lite');
  const kafka = await startKafkaLite({
    port,
    host: '127.0.0.1',
    autoCreateTopics: true,
    ...(o.ephemeral ? {} : { dataDir: join(home, 'kafka') }),
    // SCRAM principals and the catalog's ACLs (finding 1): the runner's admin provisions, services only use.
    auth: {
      users: Object.entries(auth.credentials.kafka).map(([name, password]) => ({ name, password })),
      superUsers: [`User:${KAFKA_ADMIN}`],
      acls: kafkaLiteAcls(auth.services),
    },
  });
  return { url: kafka.brokers.join(','), stop: () => kafka.stop() };
}

async function startEmbedded(
  o: Required<Pick<StackOptions, 'repoRoot'>> & StackOptions,
  kind: KafkaKind,
  home: string,
  log: (l: string) => void,
  auth: { credentials: LocalCredentials; services: string[] },
) {
  const { startMongoLite } = await import('@peiyu/mongo-lite');
  const mongoPort = o.mongoPort ?? 27017;
  const kafkaPort = o.kafkaPort ?? 9092;
  await assertPortFree('mongo-lite', mongoPort);
  await assertPortFree(kind === 'real' ? 'Kafka' : 'kafka-lite', kafkaPort);
  const mongo = await startMongoLite({
    port: mongoPort,
    host: '127.0.0.1',
    ...(o.ephemeral ? {} : { dataDir: join(home, 'mongo') }),
    auth: auth.credentials.mongo,
  });
  let k: Embedded;
  try {
    k = await startKafka(o, kind, home, log, auth);
  } catch (err) {
    await mongo.stop();
    throw err;
  }
  const m: Embedded = { url: mongo.uri, stop: () => mongo.stop() };
  return { mongo: m, kafka: k };
}

/**
 * The local stack: embedded MongoDB and Kafka (or external ones), then every service as its own process.
 * Failure at any step stops what already started, so a refused start leaves nothing behind.
 */
export async function startStack(options: StackOptions): Promise<RunningStack> {
  const log = options.log ?? ((l: string) => process.stdout.write(l + '\n'));
  const home = options.homeDir ?? join(options.repoRoot, '.peiyu');
  mkdirSync(home, { recursive: true });
  // Front ends start last: they are handed the addresses of the services started before them.
  const manifests = discoverServices(options.repoRoot)
    .filter((s) => !options.only || options.only.includes(s.name))
    .sort((a, b) => Number(a.front ?? false) - Number(b.front ?? false))
    .map((s) => ({ ...s, port: options.portOverrides?.[s.name] ?? s.port }));
  if (options.servicePorts !== 'free') {
    for (const s of manifests) await assertPortFree(`service ${s.name}`, s.port);
  }
  const kafka = options.kafka ?? defaultKafka();
  // Every service of the repository has its principal and ACLs, whichever of them this run starts.
  const backends = discoverServices(options.repoRoot)
    .filter((s) => !s.front)
    .map((s) => s.name);
  const credentials = options.external ? undefined : ensureLocalCredentials(home, backends, databaseOf);
  const embedded = options.external
    ? undefined
    : await startEmbedded(options, kafka, home, log, { credentials: credentials!, services: backends });
  const mongoUrl = options.external?.mongoUrl ?? embedded!.mongo.url;
  const kafkaBrokers = options.external?.kafkaBrokers ?? embedded!.kafka.url;
  // Both embedded brokers authenticate (SCRAM) and authorise (the catalog's ACLs); external ones are the caller's.
  const kafkaAuth = !!embedded;
  const kafkaCredentialsOf = (principal: string): KafkaCredentials | undefined =>
    kafkaAuth && credentials?.kafka[principal] !== undefined
      ? { mechanism: 'scram-sha-256', username: principal, password: credentials.kafka[principal] }
      : undefined;
  const kafkaClient = (clientId: string, principal: string | null = KAFKA_ADMIN): Kafka =>
    createKafka({
      clientId,
      brokers: kafkaBrokers.split(','),
      credentials: principal === null ? null : (kafkaCredentialsOf(principal) ?? null),
      // a refusal is what the caller asserts or throws: no kafkajs log noise
      logLevel: logLevel.NOTHING,
    });
  const mongoUrlOf = (service: string): string => {
    const user = credentials?.mongo.users.find((u) => u.user === databaseOf(service));
    return user && embedded ? credentialUri(mongoUrl, user) : mongoUrl;
  };
  const children: Supervisor[] = [];
  const stop = async () => {
    for (const c of [...children].reverse()) await c.stop();
    if (embedded) {
      await embedded.kafka.stop();
      await embedded.mongo.stop();
    }
  };
  try {
    // The admin principal creates every catalog topic (and dead-letter companion) before any service starts:
    // services need no CREATE right, and a consumer never waits for a topic its owner has not made yet.
    if (embedded) await provisionTopics(kafkaClient('peiyu-runner'));
    for (const s of manifests) {
      const port = options.servicePorts === 'free' ? 0 : s.port;
      const kafkaCredentials = s.front ? undefined : kafkaCredentialsOf(s.name);
      const env: NodeJS.ProcessEnv = {
        // Embedded servers: only the generated credentials (never the runner's own); external: the caller's.
        ...(embedded ? withoutInfraCredentials(process.env) : process.env),
        // Local mode is set here, explicitly: a service without PEIYU_MODE runs as production (fails closed).
        PEIYU_MODE: process.env.PEIYU_MODE ?? 'local',
        // services stop by themselves if this runner dies without stopping them (service-kit watchdog)
        PEIYU_PARENT_PID: String(process.pid),
        PEIYU_HOME: home,
        HOST: '127.0.0.1',
        MONGO_URL: s.front ? mongoUrl : mongoUrlOf(s.name),
        MONGO_DB: databaseOf(s.name),
        KAFKA_BROKERS: kafkaBrokers,
        ...(embedded ? { PEIYU_TOPICS_PROVISIONED: 'true' } : {}),
        ...(kafkaCredentials
          ? {
              KAFKA_SASL_MECHANISM: 'SCRAM-SHA-256',
              KAFKA_SASL_USERNAME: kafkaCredentials.username,
              KAFKA_SASL_PASSWORD: kafkaCredentials.password,
            }
          : {}),
        // A front end (the portal) is handed the addresses of the services started before it.
        ...(s.front
          ? {
              PEIYU_SERVICE_URLS: children
                .map((c, i) => `${manifests[i]!.name}=http://127.0.0.1:${c.port}`)
                .join(','),
            }
          : {}),
      };
      children.push(
        await Supervisor.start(
          {
            name: s.name,
            log,
            ...(options.backoff ? { backoff: options.backoff } : {}),
            start: (p) =>
              startChild({
                name: s.name,
                entry: join(s.dir, s.main),
                nodeArgs: SERVICE_NODE_ARGS,
                cwd: s.dir,
                log,
                ...(options.humanLogs ? { format: humanLine } : {}),
                env: { ...env, PORT: String(p) },
              }),
          },
          port,
        ),
      );
    }
  } catch (err) {
    await stop();
    throw err;
  }
  return {
    mongoUrl,
    kafkaBrokers,
    embedded: !!embedded,
    kafka,
    homeDir: home,
    services: children.map((c, i) => ({
      name: manifests[i]!.name,
      port: c.port,
      url: `http://127.0.0.1:${c.port}`,
      manifest: manifests[i]!,
      supervisor: c,
    })),
    stop,
    ...(credentials ? { credentials } : {}),
    kafkaClient,
    killNow: () => {
      for (const c of children) {
        const child = c.current.process;
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      }
    },
  };
}

/** The runner's own environment must not leak its (or a previous stack's) credentials into a service. */
function withoutInfraCredentials(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out = { ...env };
  for (const k of [
    'KAFKA_SASL_MECHANISM',
    'KAFKA_SASL_USERNAME',
    'KAFKA_SASL_PASSWORD',
    'PEIYU_TOPICS_PROVISIONED',
  ])
    delete out[k];
  return out;
}

async function provisionTopics(kafka: Kafka): Promise<void> {
  await ensureTopics(kafka, allCatalogTopics());
}
