import { mkdir } from 'node:fs/promises';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { parseAuthConfig, type AuthConfigInput } from './auth/config';
import { Authenticator } from './auth/sasl';
import { Broker } from './broker';
import { Connection } from './connection';

export interface KafkaLiteOptions {
  /** TCP port; 0 (the default) picks a free one. */
  port?: number;
  /** Interface to bind and the host advertised to clients; default 127.0.0.1. */
  host?: string;
  /** Directory for logs and offsets; without it everything is in memory. */
  dataDir?: string;
  /** Create unknown topics on Metadata requests that allow it (default true, like Kafka). */
  autoCreateTopics?: boolean;
  /** Partitions of auto-created topics and of CreateTopics requests with numPartitions -1 (default 1). */
  defaultPartitions?: number;
  /** group.initial.rebalance.delay.ms (default 0 so that tests form groups at once). */
  initialRebalanceDelayMs?: number;
  /** group.min.session.timeout.ms: shorter consumer sessions are refused (default 6000, as Kafka). */
  minSessionTimeoutMs?: number;
  /** group.max.session.timeout.ms (default 1 800 000, as Kafka). */
  maxSessionTimeoutMs?: number;
  /** Largest accepted batch in bytes (default 1 MiB, as Kafka's message.max.bytes). */
  maxMessageBytes?: number;
  /**
   * SASL users (SCRAM-SHA-256 and PLAIN) and per-principal ACLs. When given, a client must authenticate before
   * any request but ApiVersions and the SASL exchange, and every request is checked against the ACLs.
   */
  auth?: AuthConfigInput;
  /** Called with errors that closed a client connection (a malformed request, for instance). */
  onConnectionError?: (e: unknown) => void;
  /** Observes every request header (tests use it to record the versions a client negotiates). */
  onRequest?: (apiKey: number, apiVersion: number) => void;
}

export interface KafkaLite {
  brokers: string[];
  port: number;
  stop(): Promise<void>;
}

/** Starts a single-node, Kafka-protocol-compatible broker (the subset kafkajs 2.2.x uses). */
export async function startKafkaLite(options: KafkaLiteOptions = {}): Promise<KafkaLite> {
  const host = options.host ?? '127.0.0.1';
  const auth = options.auth ? new Authenticator(parseAuthConfig(options.auth)) : undefined;
  if (options.dataDir) await mkdir(options.dataDir, { recursive: true });
  const broker = await Broker.open(
    {
      nodeId: 0,
      autoCreateTopics: options.autoCreateTopics ?? true,
      defaultPartitions: options.defaultPartitions ?? 1,
      maxMessageBytes: options.maxMessageBytes ?? 1_048_588,
    },
    options.dataDir,
    {
      initialRebalanceDelayMs: options.initialRebalanceDelayMs ?? 0,
      sessionTimeoutRange: [options.minSessionTimeoutMs ?? 6000, options.maxSessionTimeoutMs ?? 1_800_000],
    },
    auth,
  );
  const sockets = new Set<Socket>();
  const connections = new Set<Connection>();
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const advertised = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  server.on('connection', (socket) => {
    sockets.add(socket);
    const conn = new Connection(socket, {
      broker,
      host: advertised,
      port,
      auth,
      onError: options.onConnectionError,
      onRequest: options.onRequest,
    });
    connections.add(conn);
    socket.on('close', () => {
      sockets.delete(socket);
      connections.delete(conn);
    });
  });
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const c of connections) c.close();
      await closed;
      await broker.close();
    })());
  return { brokers: [`${advertised}:${port}`], port, stop };
}

export { scramCredential, type ScramCredential } from './auth/scram';
export {
  parseAuthConfig,
  readAuthConfig,
  writeAuthConfig,
  type AuthConfigInput,
  type AclEntry,
} from './auth/config';
