/** One KRaft node of a test cluster: a broker and a controller in the same process ("combined" mode). */
export interface NodePorts {
  nodeId: number;
  port: number;
  controllerPort: number;
}

export interface ClusterSettings {
  nodes: NodePorts[];
  host: string;
  replicationFactor: number;
  minInsyncReplicas: number;
  /** group.min.session.timeout.ms; real Kafka defaults to 6000, tests use sessions of 1 s. */
  minSessionTimeoutMs: number;
  /**
   * SASL/SCRAM-SHA-256 for clients and brokers, with ACLs (StandardAuthorizer, nothing allowed without an ACL).
   * `admin` is the brokers' own principal (a super user); the controller listener stays PLAINTEXT on the
   * loopback host, its ANONYMOUS principal a super user (as compose's internal listener).
   */
  sasl?: { admin: { username: string; password: string }; superUsers: string[] };
}

/** A value inside a JAAS option: quotes and backslashes escaped. */
const jaasValue = (v: string): string => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

function saslProperties(c: ClusterSettings, self: NodePorts): Record<string, string | number | boolean> {
  const { admin, superUsers } = c.sasl!;
  return {
    listeners: `SASL_PLAINTEXT://${c.host}:${self.port},CONTROLLER://${c.host}:${self.controllerPort}`,
    'advertised.listeners': `SASL_PLAINTEXT://${c.host}:${self.port}`,
    'inter.broker.listener.name': 'SASL_PLAINTEXT',
    'listener.security.protocol.map': 'SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT',
    'sasl.enabled.mechanisms': 'SCRAM-SHA-256',
    'sasl.mechanism.inter.broker.protocol': 'SCRAM-SHA-256',
    'listener.name.sasl_plaintext.scram-sha-256.sasl.jaas.config':
      `org.apache.kafka.common.security.scram.ScramLoginModule required username=${jaasValue(admin.username)} ` +
      `password=${jaasValue(admin.password)};`,
    'authorizer.class.name': 'org.apache.kafka.metadata.authorizer.StandardAuthorizer',
    'allow.everyone.if.no.acl.found': false,
    'super.users': [...new Set([`User:${admin.username}`, ...superUsers, 'User:ANONYMOUS'])].join(';'),
  };
}

/** server.properties for node `self` of the cluster. */
export function serverProperties(c: ClusterSettings, self: NodePorts, logDir: string): string {
  const voters = c.nodes.map((n) => `${n.nodeId}@${c.host}:${n.controllerPort}`).join(',');
  const props: Record<string, string | number | boolean> = {
    'process.roles': 'broker,controller',
    'node.id': self.nodeId,
    'controller.quorum.voters': voters,
    listeners: `PLAINTEXT://${c.host}:${self.port},CONTROLLER://${c.host}:${self.controllerPort}`,
    'advertised.listeners': `PLAINTEXT://${c.host}:${self.port}`,
    'controller.listener.names': 'CONTROLLER',
    'inter.broker.listener.name': 'PLAINTEXT',
    'listener.security.protocol.map': 'PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    'log.dirs': logDir,
    // The project creates its topics (services at start-up, consumers for what they read).
    'auto.create.topics.enable': false,
    'num.partitions': 1,
    'default.replication.factor': c.replicationFactor,
    'min.insync.replicas': c.minInsyncReplicas,
    'offsets.topic.replication.factor': c.replicationFactor,
    'offsets.topic.num.partitions': c.nodes.length, // one coordinator partition per broker is plenty here
    'transaction.state.log.replication.factor': c.replicationFactor,
    'transaction.state.log.min.isr': c.minInsyncReplicas,
    'transaction.state.log.num.partitions': c.nodes.length,
    'share.coordinator.state.topic.replication.factor': c.replicationFactor,
    'share.coordinator.state.topic.min.isr': c.minInsyncReplicas,
    'group.initial.rebalance.delay.ms': 0,
    'group.min.session.timeout.ms': c.minSessionTimeoutMs,
    // A killed broker is fenced (and leaves the ISR) after 3 s instead of 9 s.
    'broker.heartbeat.interval.ms': 500,
    'broker.session.timeout.ms': 3000,
    'unclean.leader.election.enable': false,
    // Few threads: several brokers share 2 cores with the tests.
    'num.network.threads': 2,
    'num.io.threads': 2,
    'background.threads': 2,
    'num.replica.fetchers': 1,
    'num.recovery.threads.per.data.dir': 1,
    'log.cleaner.threads': 1,
    'log.cleaner.dedupe.buffer.size': 2 * 1024 * 1024,
    'log.segment.bytes': 16 * 1024 * 1024,
    ...(c.sasl ? saslProperties(c, self) : {}),
  };
  return (
    Object.entries(props)
      .map(([k, v]) => `${k}=${v}`)
      .join('\n') + '\n'
  );
}
