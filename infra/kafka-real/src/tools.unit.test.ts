import { toolCommand } from './tools';
import { newClusterId } from './cluster';
import { serverProperties } from './properties';

describe('Kafka command-line tools', () => {
  it('maps script names to their main classes and adds the bootstrap server unless given', () => {
    const a = toolCommand(
      'kafka-console-consumer.sh',
      ['--topic', 't', '--from-beginning'],
      '/libs/*',
      'h:1',
    );
    expect(a.args.slice(a.args.indexOf('/libs/*') + 1)).toEqual([
      'org.apache.kafka.tools.consumer.ConsoleConsumer',
      '--bootstrap-server',
      'h:1',
      '--topic',
      't',
      '--from-beginning',
    ]);
    const b = toolCommand('topics', ['--bootstrap-server', 'other:2', '--list'], '/libs/*', 'h:1');
    expect(b.args.slice(b.args.indexOf('/libs/*') + 1)).toEqual([
      'org.apache.kafka.tools.TopicCommand',
      '--bootstrap-server',
      'other:2',
      '--list',
    ]);
    const c = toolCommand('dump-log', ['--files', 'x.log'], '/libs/*', 'h:1');
    expect(c.args).not.toContain('--bootstrap-server');
  });

  it('refuses an unknown tool, listing the known ones', () => {
    expect(() => toolCommand('mirror-maker', [], '/libs/*', 'h:1')).toThrow(
      /unknown Kafka tool "mirror-maker"; one of: topics, /,
    );
  });
});

describe('test broker settings', () => {
  const nodes = [0, 1, 2].map((nodeId) => ({ nodeId, port: 9000 + nodeId, controllerPort: 9100 + nodeId }));
  const props = (text: string) =>
    Object.fromEntries(
      text
        .trim()
        .split('\n')
        .map((l) => l.split(/=(.*)/s).slice(0, 2)),
    );

  it('makes three combined KRaft nodes, replication factor 3 and min.insync.replicas 2, no auto-created topics', () => {
    const p = props(
      serverProperties(
        { nodes, host: '127.0.0.1', replicationFactor: 3, minInsyncReplicas: 2, minSessionTimeoutMs: 500 },
        nodes[1]!,
        '/d',
      ),
    );
    expect(p).toMatchObject({
      'process.roles': 'broker,controller',
      'node.id': '1',
      'controller.quorum.voters': '0@127.0.0.1:9100,1@127.0.0.1:9101,2@127.0.0.1:9102',
      'advertised.listeners': 'PLAINTEXT://127.0.0.1:9001',
      'default.replication.factor': '3',
      'min.insync.replicas': '2',
      'offsets.topic.replication.factor': '3',
      'auto.create.topics.enable': 'false',
      'group.initial.rebalance.delay.ms': '0',
      'log.dirs': '/d',
    });
  });
});

describe('newClusterId', () => {
  it('never starts with "-" (kafka-storage would take it for an option)', () => {
    for (let i = 0; i < 2000; i++) expect(newClusterId()).toMatch(/^[A-Za-z0-9_][A-Za-z0-9_-]{21}$/);
  });
});
