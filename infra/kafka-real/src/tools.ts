import { javaBin, jvmOptions, LOG4J } from './config';

/**
 * The Kafka command-line tools (kafka-topics.sh and friends) by their script names without the `kafka-`
 * prefix: the main class each script runs in Apache Kafka 4.x, and whether it talks to a broker.
 */
export const KAFKA_TOOLS: Record<string, { main: string; bootstrap: boolean }> = {
  topics: { main: 'org.apache.kafka.tools.TopicCommand', bootstrap: true },
  'console-consumer': { main: 'org.apache.kafka.tools.consumer.ConsoleConsumer', bootstrap: true },
  'console-producer': { main: 'org.apache.kafka.tools.ConsoleProducer', bootstrap: true },
  'consumer-groups': { main: 'org.apache.kafka.tools.consumer.group.ConsumerGroupCommand', bootstrap: true },
  'get-offsets': { main: 'org.apache.kafka.tools.GetOffsetShell', bootstrap: true },
  configs: { main: 'kafka.admin.ConfigCommand', bootstrap: true },
  'delete-records': { main: 'org.apache.kafka.tools.DeleteRecordsCommand', bootstrap: true },
  'leader-election': { main: 'org.apache.kafka.tools.LeaderElectionCommand', bootstrap: true },
  'metadata-quorum': { main: 'org.apache.kafka.tools.MetadataQuorumCommand', bootstrap: true },
  cluster: { main: 'org.apache.kafka.tools.ClusterTool', bootstrap: false },
  'dump-log': { main: 'org.apache.kafka.tools.DumpLogSegments', bootstrap: false },
  storage: { main: 'kafka.tools.StorageTool', bootstrap: false },
};

/**
 * The `java` command line running tool `name` with `args`. `kafka-topics`, `kafka-topics.sh` and `topics`
 * all name the same tool. Tools that talk to a broker get `--bootstrap-server` from `bootstrap` unless the
 * arguments carry one.
 */
export function toolCommand(
  name: string,
  args: string[],
  classpath: string,
  bootstrap: string,
  jvmExtra: string[] = [],
): { command: string; args: string[] } {
  const key = name.replace(/^kafka-/, '').replace(/\.sh$/, '');
  const tool = KAFKA_TOOLS[key];
  if (!tool) throw new Error(`unknown Kafka tool "${name}"; one of: ${Object.keys(KAFKA_TOOLS).join(', ')}`);
  const needsBootstrap =
    tool.bootstrap && !args.some((a) => a === '--bootstrap-server' || a.startsWith('--bootstrap-server='));
  return {
    command: javaBin(),
    args: [
      ...jvmOptions(256),
      ...jvmExtra,
      `-Dlog4j2.configurationFile=${LOG4J}`,
      '-cp',
      classpath,
      tool.main,
      ...(needsBootstrap ? ['--bootstrap-server', bootstrap] : []),
      ...args,
    ],
  };
}
