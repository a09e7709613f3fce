import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startChild, type RunningChild } from './child';
import { assertPortFree } from './ports';
import { discoverServices, type ServiceManifest } from './services';

export interface StackOptions {
  repoRoot: string;
  /** where embedded servers keep data, keys and the shared clock; default <repo>/.peiyu */
  homeDir?: string;
  mongoPort?: number;
  kafkaPort?: number;
  /** 'default': each service on its manifest port; 'free': port 0 everywhere (tests) */
  servicePorts?: 'default' | 'free';
  /** use these instead of the embedded servers (production-like local runs) */
  external?: { mongoUrl: string; kafkaBrokers: string };
  /** only these services (by name); default every service present */
  only?: string[];
  log?: (line: string) => void;
  /** in-memory embedded servers (tests) instead of data under homeDir */
  ephemeral?: boolean;
}

export interface RunningStack {
  mongoUrl: string;
  kafkaBrokers: string;
  embedded: boolean;
  homeDir: string;
  services: Array<{ name: string; url: string; port: number; manifest: ServiceManifest }>;
  stop(): Promise<void>;
  /** Last resort when the runner itself is exiting: kills every service process at once (synchronous). */
  killNow(): void;
}

interface Embedded {
  url: string;
  stop(): Promise<void>;
}

async function startEmbedded(o: Required<Pick<StackOptions, 'repoRoot'>> & StackOptions, home: string) {
  const { startMongoLite } = await import('@peiyu/mongo-lite');
  const { startKafkaLite } = await import('@peiyu/kafka-lite');
  const mongoPort = o.mongoPort ?? 27017;
  const kafkaPort = o.kafkaPort ?? 9092;
  await assertPortFree('mongo-lite', mongoPort);
  await assertPortFree('kafka-lite', kafkaPort);
  const mongo = await startMongoLite({
    port: mongoPort,
    host: '127.0.0.1',
    ...(o.ephemeral ? {} : { dataDir: join(home, 'mongo') }),
  });
  let kafka;
  try {
    kafka = await startKafkaLite({
      port: kafkaPort,
      host: '127.0.0.1',
      autoCreateTopics: true,
      ...(o.ephemeral ? {} : { dataDir: join(home, 'kafka') }),
    });
  } catch (err) {
    await mongo.stop();
    throw err;
  }
  const m: Embedded = { url: mongo.uri, stop: () => mongo.stop() };
  const k: Embedded = { url: kafka.brokers.join(','), stop: () => kafka.stop() };
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
    .sort((a, b) => Number(a.front ?? false) - Number(b.front ?? false));
  if (options.servicePorts !== 'free') {
    for (const s of manifests) await assertPortFree(`service ${s.name}`, s.port);
  }
  const embedded = options.external ? undefined : await startEmbedded(options, home);
  const mongoUrl = options.external?.mongoUrl ?? embedded!.mongo.url;
  const kafkaBrokers = options.external?.kafkaBrokers ?? embedded!.kafka.url;
  const children: RunningChild[] = [];
  const stop = async () => {
    for (const c of [...children].reverse()) await c.stop();
    if (embedded) {
      await embedded.kafka.stop();
      await embedded.mongo.stop();
    }
  };
  try {
    for (const s of manifests) {
      const port = options.servicePorts === 'free' ? 0 : s.port;
      children.push(
        await startChild({
          name: s.name,
          entry: join(s.dir, s.main),
          cwd: s.dir,
          log,
          env: {
            ...process.env,
            PEIYU_MODE: process.env.PEIYU_MODE ?? 'local',
            // services stop by themselves if this runner dies without stopping them (service-kit watchdog)
            PEIYU_PARENT_PID: String(process.pid),
            PEIYU_HOME: home,
            PORT: String(port),
            HOST: '127.0.0.1',
            MONGO_URL: mongoUrl,
            MONGO_DB: `peiyu-${s.name}`,
            KAFKA_BROKERS: kafkaBrokers,
            ...(s.front
              ? { PEIYU_SERVICE_URLS: children.map((c) => `${c.name}=http://127.0.0.1:${c.port}`).join(',') }
              : {}),
          },
        }),
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
    homeDir: home,
    services: children.map((c, i) => ({
      name: c.name,
      port: c.port,
      url: `http://127.0.0.1:${c.port}`,
      manifest: manifests[i]!,
    })),
    stop,
    killNow: () => {
      for (const c of children) {
        if (c.process.exitCode === null && c.process.signalCode === null) c.process.kill('SIGKILL');
      }
    },
  };
}
