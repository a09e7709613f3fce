import { ConfigError, peiyuMode, type ConfigProblem } from '@peiyu/service-kit';
import { Kafka, logLevel, type KafkaConfig, type SASLOptions } from 'kafkajs';

/** A Kafka SASL principal's credentials, as a service receives them (KAFKA_SASL_MECHANISM/USERNAME/PASSWORD). */
export interface KafkaCredentials {
  mechanism: 'scram-sha-256' | 'plain';
  username: string;
  password: string;
}

const MECHANISMS: Record<string, KafkaCredentials['mechanism']> = {
  'scram-sha-256': 'scram-sha-256',
  plain: 'plain',
};

/**
 * The Kafka credentials of this process from its environment. Production (PEIYU_MODE unset) fails closed: without
 * all three variables the service does not start (finding 1), and the error names them, never their values.
 * Local mode (`npm start`, tests) may run without: the embedded broker then needs none.
 */
export function kafkaCredentialsFromEnv(env: NodeJS.ProcessEnv = process.env): KafkaCredentials | undefined {
  const vars = ['KAFKA_SASL_MECHANISM', 'KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD'] as const;
  const set = vars.filter((v) => env[v]);
  const production = peiyuMode(env) === 'production';
  if (set.length === 0 && !production) return undefined;
  const problems: ConfigProblem[] = vars
    .filter((v) => !env[v])
    .map((variable) => ({
      variable,
      message: production
        ? 'is required in production: Kafka is reached only with a SASL principal'
        : 'is required with the other KAFKA_SASL_ variables',
    }));
  const mechanism = MECHANISMS[(env.KAFKA_SASL_MECHANISM ?? '').toLowerCase()];
  if (env.KAFKA_SASL_MECHANISM && !mechanism)
    problems.push({ variable: 'KAFKA_SASL_MECHANISM', message: 'must be SCRAM-SHA-256 or PLAIN' });
  if (problems.length) throw new ConfigError(problems);
  return { mechanism: mechanism!, username: env.KAFKA_SASL_USERNAME!, password: env.KAFKA_SASL_PASSWORD! };
}

/**
 * Production refuses a MongoDB URL without a user (each service has its own SCRAM user limited to its database).
 * Returns the URL unchanged.
 */
export function mongoUrlWithCredentials(url: string, env: NodeJS.ProcessEnv = process.env): string {
  if (peiyuMode(env) !== 'production') return url;
  let user = '';
  try {
    user = decodeURIComponent(new URL(url).username);
  } catch {
    /* reported below */
  }
  if (!user)
    throw new ConfigError([
      {
        variable: 'MONGO_URL',
        message: 'must name a database user in production (mongodb://<user>:<password>@host/?authSource=…)',
      },
    ]);
  return url;
}

/** kafkajs' SASL options for credentials (undefined: an unauthenticated client). */
export function saslOf(credentials: KafkaCredentials | undefined): SASLOptions | undefined {
  return credentials ? { ...credentials } : undefined;
}

/**
 * The one way Peiyu code creates a kafkajs client: with the credentials given, else those of the environment
 * (`kafkaCredentialsFromEnv`, which fails closed in production). `credentials: null` is an explicitly
 * unauthenticated client (tests proving that the broker refuses one).
 */
export function createKafka(
  o: {
    clientId: string;
    brokers: readonly string[];
    credentials?: KafkaCredentials | null;
    logLevel?: logLevel;
    env?: NodeJS.ProcessEnv;
  } & Pick<KafkaConfig, 'retry' | 'connectionTimeout' | 'requestTimeout'>,
): Kafka {
  const credentials =
    o.credentials === null ? undefined : (o.credentials ?? kafkaCredentialsFromEnv(o.env ?? process.env));
  const sasl = saslOf(credentials);
  return new Kafka({
    clientId: o.clientId,
    brokers: [...o.brokers],
    logLevel: o.logLevel ?? logLevel.ERROR,
    ...(sasl ? { sasl } : {}),
    ...(o.retry ? { retry: o.retry } : {}),
    ...(o.connectionTimeout ? { connectionTimeout: o.connectionTimeout } : {}),
    ...(o.requestTimeout ? { requestTimeout: o.requestTimeout } : {}),
  });
}

/**
 * Whether the topics were created before this service started (PEIYU_TOPICS_PROVISIONED=true: `npm start`'s
 * runner and the compose broker's provisioning create every catalog topic with an admin principal). A service
 * then creates none, and needs no CREATE right: it writes only what it owns.
 */
export function topicsProvisioned(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.PEIYU_TOPICS_PROVISIONED === 'true';
}
