import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { closeSync, existsSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AclOperationTypes,
  AclPermissionTypes,
  AclResourceTypes,
  Kafka,
  logLevel,
  ResourcePatternTypes,
  type SASLOptions,
} from 'kafkajs';
import { ClassDataSharing } from './cds';
import { javaBin, jvmOptions, KAFKA_VERSION, LOG4J } from './config';
import { ensureJars } from './jars';
import { serverProperties, type ClusterSettings, type NodePorts } from './properties';

export interface RealKafkaOptions {
  /** KRaft nodes, each a broker and a controller (default 1). */
  brokers?: 1 | 3;
  /** Keeps logs here (and reuses them on the next start); without it a temporary folder, removed on stop. */
  dataDir?: string;
  /** Interface to bind and the host advertised to clients (default 127.0.0.1). */
  host?: string;
  /** Client ports, one per broker (default: free ports). */
  ports?: number[];
  /** group.min.session.timeout.ms (default 500, so tests can use 1 s sessions as on kafka-lite). */
  minSessionTimeoutMs?: number;
  /** Largest JVM heap per broker in MiB (default 384 for one broker, 256 each for three). */
  heapMb?: number;
  /** Start-up and shutdown lines (default: stderr). */
  log?: (line: string) => void;
  /**
   * SASL/SCRAM-SHA-256 and ACLs, in the shape kafka-lite's `auth` takes: the users are created when the data
   * folder is formatted (`kafka-storage format --add-scram`; a kept folder keeps the users of its first start),
   * `admin` (a user) is the brokers' own principal and a super user, and the ACLs are added once the brokers
   * serve (StandardAuthorizer; nothing is allowed without one).
   */
  auth?: RealKafkaAuth;
}

export interface RealKafkaAuth {
  users: Array<{ name: string; password: string }>;
  /** the user the brokers authenticate as among themselves (and that the start-up checks use) */
  admin: string;
  superUsers?: string[];
  acls?: Array<{
    principal: string;
    resourceType: 'topic' | 'group';
    resourceName: string;
    patternType?: 'literal' | 'prefixed';
    operations: Array<'read' | 'write' | 'describe' | 'create'>;
  }>;
}

export interface RealKafka {
  /** Bootstrap addresses, one per broker ("127.0.0.1:port"). */
  brokers: string[];
  /** The first broker's port. */
  port: number;
  nodeIds: number[];
  /** Wall time from the first format to metadata served by every broker. */
  startedInMs: number;
  /** Stops every broker (SIGTERM, then SIGKILL after 15 s; at once when the data is thrown away). */
  stop(): Promise<void>;
  /** SIGKILLs broker `i` (index into `brokers`) and waits for its process to end. */
  killBroker(i: number): Promise<void>;
  /** Starts broker `i` again on its ports and data and waits until the cluster lists it. */
  restartBroker(i: number): Promise<void>;
}

const live = new Set<ChildProcess>();
let exitHookInstalled = false;

/** A broker must never outlive the process that started it (a test run ending, a crashed runner). */
function track(child: ChildProcess): void {
  live.add(child);
  child.once('exit', () => live.delete(child));
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const c of live) c.kill('SIGKILL');
  });
}

/**
 * n distinct ports that are free now, chosen below the kernel's ephemeral range. A port from the ephemeral
 * range (what `listen(0)` hands out) can be taken by any outgoing connection between this check and Kafka's
 * bind — or while a killed broker is down before its restart on the same port — which, on a busy machine,
 * failed start-ups with "Address already in use" and restarts with ECONNREFUSED.
 */
async function freePorts(host: string, n: number): Promise<number[]> {
  const [low] = ephemeralRange();
  const top = Math.max(low - 1, 11_000);
  const bottom = Math.max(10_000, top - 15_000);
  const chosen: number[] = [];
  for (let tries = 0; chosen.length < n; tries++) {
    if (tries > 500) throw new Error(`no free ports between ${bottom} and ${top} on ${host}`);
    const port = bottom + Math.floor(Math.random() * (top - bottom));
    if (!chosen.includes(port) && (await bindable(host, port))) chosen.push(port);
  }
  return chosen;
}

function ephemeralRange(): [number, number] {
  try {
    const [a, b] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8')
      .trim()
      .split(/\s+/)
      .map(Number);
    if (a && b) return [a, b];
  } catch {
    /* not Linux: the IANA dynamic range */
  }
  return [49_152, 65_535];
}

function bindable(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s: Server = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, host, () => s.close(() => resolve(true)));
  });
}

/**
 * A KRaft cluster id: 16 random bytes in base64url. Like Kafka's own Uuid.randomUuid, never one starting with
 * '-', which the storage tool's argument parser takes for an option ("--cluster-id: expected one argument").
 */
export function newClusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

function logTail(file: string, lines = 25): string {
  if (!existsSync(file)) return '(no broker log)';
  return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
}

async function runJava(args: string[], logFile: string): Promise<number | null> {
  const fd = openSync(logFile, 'a');
  try {
    const child = spawn(javaBin(), args, { stdio: ['ignore', fd, fd] });
    track(child);
    const [code] = (await once(child, 'exit')) as [number | null];
    return code;
  } finally {
    closeSync(fd);
  }
}

interface Layout {
  clusterId: string;
  nodes: number;
}

/**
 * The folder's cluster id and size, written before the first format so a kept data dir — even one whose first
 * start died half-way through formatting — is formatted and reused with the same id.
 */
function layoutOf(dir: string, nodes: number): Layout {
  const file = join(dir, 'cluster.json');
  if (existsSync(file)) {
    const layout = JSON.parse(readFileSync(file, 'utf8')) as Layout;
    if (layout.nodes !== nodes)
      throw new Error(
        `${dir} holds a ${layout.nodes}-broker cluster; asked for ${nodes} (remove the folder)`,
      );
    return layout;
  }
  // A KRaft cluster id is 16 random bytes in URL-safe base64 without padding (what `kafka-storage random-uuid` prints).
  const layout = { clusterId: newClusterId(), nodes };
  writeFileSync(file, JSON.stringify(layout));
  return layout;
}

/**
 * Starts Apache Kafka (the pinned release, from the Maven cache) as 1 or 3 KRaft nodes on free ports and
 * resolves once every broker serves metadata. Same shape as kafka-lite's `startKafkaLite`.
 */
export async function startRealKafka(options: RealKafkaOptions = {}): Promise<RealKafka> {
  const log = options.log ?? ((l: string) => process.stderr.write(l + '\n'));
  const jars = ensureJars(log);
  if (!jars.available) throw new Error(`cannot start real Kafka: ${jars.reason}`);
  const n = options.brokers ?? 1;
  const host = options.host ?? '127.0.0.1';
  const owned = !options.dataDir;
  const dir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'kafka-real-')));
  await mkdir(dir, { recursive: true });
  const layout = layoutOf(dir, n);
  const ports = await freePorts(host, options.ports ? n : 2 * n);
  const nodes: NodePorts[] = Array.from({ length: n }, (_, i) => ({
    nodeId: i,
    port: options.ports?.[i] ?? (ports[2 * i] as number),
    controllerPort: options.ports ? (ports[i] as number) : (ports[2 * i + 1] as number),
  }));
  const settings: ClusterSettings = {
    nodes,
    host,
    replicationFactor: Math.min(n, 3),
    minInsyncReplicas: n >= 3 ? 2 : 1,
    minSessionTimeoutMs: options.minSessionTimeoutMs ?? 500,
  };
  const auth = options.auth;
  const adminUser = auth?.users.find((u) => u.name === auth.admin);
  if (auth && !adminUser)
    throw new Error(`kafka-real auth: admin user "${auth.admin}" is not among the users`);
  if (auth)
    settings.sasl = {
      admin: { username: adminUser!.name, password: adminUser!.password },
      superUsers: auth.superUsers ?? [],
    };
  const sasl: SASLOptions | undefined = adminUser
    ? { mechanism: 'scram-sha-256', username: adminUser.name, password: adminUser.password }
    : undefined;
  const heap = options.heapMb ?? (n === 1 ? 384 : 256);
  const nodeDir = (i: number) => join(dir, `node-${i}`);
  const propsFile = (i: number) => join(nodeDir(i), 'server.properties');
  const logFile = (i: number) => join(nodeDir(i), 'broker.log');
  const procs: (ChildProcess | undefined)[] = new Array(n).fill(undefined);
  const dumping = new Set<ChildProcess>();
  const cds = new ClassDataSharing(jars.javaVersion, jars.classpath);
  const brokers = nodes.map((x) => `${host}:${x.port}`);
  const java = (main: string, args: string[], extra: string[]) => [
    ...jvmOptions(heap),
    ...extra,
    `-Dlog4j2.configurationFile=${LOG4J}`,
    '-cp',
    jars.classpath,
    main,
    ...args,
  ];

  const started = performance.now();
  for (let i = 0; i < n; i++) {
    await mkdir(nodeDir(i), { recursive: true });
    writeFileSync(propsFile(i), serverProperties(settings, nodes[i] as NodePorts, join(nodeDir(i), 'data')));
  }
  const unformatted = nodes
    .map((_, i) => i)
    .filter((i) => !existsSync(join(nodeDir(i), 'data', 'meta.properties')));
  const fresh = unformatted.length > 0;
  if (fresh) {
    // Formatting starts a JVM per node; in parallel they share the 2 cores well enough.
    const codes = await Promise.all(
      unformatted.map((i) =>
        runJava(
          java(
            'kafka.tools.StorageTool',
            [
              'format',
              '--ignore-formatted',
              '-t',
              layout.clusterId,
              '-c',
              propsFile(i),
              ...(auth?.users ?? []).flatMap((u) => [
                '--add-scram',
                `SCRAM-SHA-256=[name=${u.name},password=${u.password}]`,
              ]),
            ],
            cds.mapOnly(),
          ),
          logFile(i),
        ),
      ),
    );
    const bad = unformatted[codes.findIndex((c) => c !== 0)];
    if (bad !== undefined)
      throw new Error(`kafka-storage format failed for node ${bad}:\n${logTail(logFile(bad))}`);
  }
  const formattedMs = Math.round(performance.now() - started);

  const launch = (i: number) => {
    const fd = openSync(logFile(i), 'a');
    const sharing = cds.flags();
    const child = spawn(javaBin(), java('kafka.Kafka', [propsFile(i)], sharing.args), {
      stdio: ['ignore', fd, fd],
    });
    closeSync(fd);
    track(child);
    if (sharing.dumps) dumping.add(child);
    child.once('exit', () => {
      dumping.delete(child);
      sharing.afterExit();
    });
    procs[i] = child;
    return child;
  };

  /** Polls the cluster until the wanted nodes are listed as live brokers, failing fast if one exits. */
  const waitForBrokers = async (wanted: number[], limitMs = 120_000) => {
    const deadline = performance.now() + limitMs;
    const up = wanted.map((i) => brokers[i] as string);
    for (;;) {
      for (const i of wanted) {
        const p = procs[i];
        if (!p || p.exitCode !== null || p.signalCode !== null)
          throw new Error(`Kafka node ${i} exited during start-up:\n${logTail(logFile(i))}`);
      }
      const listed = await liveNodeIds(up, sasl);
      if (wanted.every((i) => listed.includes(i))) return;
      if (performance.now() > deadline)
        throw new Error(
          `Kafka not serving metadata after ${limitMs} ms:\n${logTail(logFile(wanted[0] ?? 0))}`,
        );
      await new Promise((r) => setTimeout(r, 200));
    }
  };

  const exited = async (p: ChildProcess | undefined, signal: NodeJS.Signals, graceMs: number) => {
    if (!p || p.exitCode !== null || p.signalCode !== null) return;
    const done = once(p, 'exit');
    p.kill(signal);
    const timer = setTimeout(() => p.kill('SIGKILL'), graceMs);
    await done;
    clearTimeout(timer);
  };

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      const t = performance.now();
      // Thrown-away data needs no clean shutdown, unless the JVM is to dump its class-data archive on exit.
      await Promise.all(
        procs.map((p) => exited(p, owned && !(p && dumping.has(p)) ? 'SIGKILL' : 'SIGTERM', 15_000)),
      );
      if (owned) await rm(dir, { recursive: true, force: true });
      log(`kafka-real: stopped in ${Math.round(performance.now() - t)} ms`);
    })());

  try {
    for (let i = 0; i < n; i++) launch(i);
    await waitForBrokers(nodes.map((_, i) => i));
    if (auth?.acls?.length) await addAcls(brokers, sasl!, auth.acls);
    await warmUp(brokers, sasl);
  } catch (err) {
    await stop();
    throw err;
  }
  const startedInMs = Math.round(performance.now() - started);
  log(
    `kafka-real: Apache Kafka ${KAFKA_VERSION}, ${n} KRaft node(s) serving metadata at ${brokers.join(',')} ` +
      `in ${startedInMs} ms (format ${fresh ? `${formattedMs} ms` : 'skipped: data kept'}; heap ${heap} MiB each)`,
  );

  const index = (i: number) => {
    if (!Number.isInteger(i) || i < 0 || i >= n) throw new Error(`no broker ${i} (cluster of ${n})`);
    return i;
  };
  return {
    brokers,
    port: nodes[0]!.port,
    nodeIds: nodes.map((x) => x.nodeId),
    startedInMs,
    stop,
    killBroker: async (i) => exited(procs[index(i)], 'SIGKILL', 0),
    restartBroker: async (i) => {
      const p = procs[index(i)];
      if (p && p.exitCode === null && p.signalCode === null) throw new Error(`broker ${i} is still running`);
      launch(i);
      await waitForBrokers([i]);
    },
  };
}

/**
 * On a fresh cluster the first group lookup and the first producer id meet "coordinator loading" while the
 * internal topics are created; kafkajs retries but logs each one as an ERROR. Done here, clients find a
 * broker that is ready for them.
 */
async function warmUp(bootstrap: string[], sasl: SASLOptions | undefined): Promise<void> {
  const kafka = new Kafka({
    brokers: bootstrap,
    ...(sasl ? { sasl } : {}),
    clientId: 'kafka-real-warmup',
    logLevel: logLevel.NOTHING,
    retry: { retries: 30, initialRetryTime: 100, maxRetryTime: 1000 },
  });
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.describeGroups(['kafka-real-warmup']); // FindCoordinator creates __consumer_offsets
  } finally {
    await admin.disconnect();
  }
  const producer = kafka.producer({ idempotent: true });
  await producer.connect(); // InitProducerId
  await producer.disconnect();
}

/** Node ids the cluster lists as live brokers (empty while nothing answers). */
async function liveNodeIds(bootstrap: string[], sasl: SASLOptions | undefined): Promise<number[]> {
  const admin = new Kafka({
    brokers: bootstrap,
    ...(sasl ? { sasl } : {}),
    clientId: 'kafka-real-readiness',
    logLevel: logLevel.NOTHING,
    connectionTimeout: 1000,
    retry: { retries: 0 },
  }).admin();
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    return cluster.brokers.map((b) => b.nodeId);
  } catch {
    return [];
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

const OPERATION = {
  read: AclOperationTypes.READ,
  write: AclOperationTypes.WRITE,
  describe: AclOperationTypes.DESCRIBE,
  create: AclOperationTypes.CREATE,
} as const;

/** The ACLs (allow, any host), added as the admin principal. */
async function addAcls(bootstrap: string[], sasl: SASLOptions, acls: NonNullable<RealKafkaAuth['acls']>) {
  const admin = new Kafka({
    brokers: bootstrap,
    clientId: 'kafka-real-acls',
    logLevel: logLevel.NOTHING,
    sasl,
    retry: { retries: 10, initialRetryTime: 100, maxRetryTime: 1000 },
  }).admin();
  await admin.connect();
  try {
    await admin.createAcls({
      acl: acls.flatMap((a) =>
        a.operations.map((op) => ({
          resourceType: a.resourceType === 'topic' ? AclResourceTypes.TOPIC : AclResourceTypes.GROUP,
          resourceName: a.resourceName,
          resourcePatternType:
            a.patternType === 'prefixed' ? ResourcePatternTypes.PREFIXED : ResourcePatternTypes.LITERAL,
          principal: a.principal,
          host: '*',
          operation: OPERATION[op],
          permissionType: AclPermissionTypes.ALLOW,
        })),
      ),
    });
  } finally {
    await admin.disconnect();
  }
}
