/* global require, process */
// A group member in its own process, so a test can SIGKILL it: it never sends LeaveGroup and must be expired.
const { Kafka, logLevel } = require('kafkajs');

const [brokers, topic, groupId, sessionTimeout] = process.argv.slice(2);
const kafka = new Kafka({ brokers: brokers.split(','), clientId: 'killable', logLevel: logLevel.NOTHING });
const consumer = kafka.consumer({
  groupId,
  sessionTimeout: Number(sessionTimeout),
  rebalanceTimeout: Number(sessionTimeout) * 2,
  heartbeatInterval: 100,
  maxWaitTimeInMs: 100,
});
consumer.on(consumer.events.GROUP_JOIN, (e) => {
  const partitions = Object.values(e.payload.memberAssignment).flat();
  process.stdout.write(JSON.stringify({ joined: partitions }) + '\n');
});
consumer
  .connect()
  .then(() => consumer.subscribe({ topic, fromBeginning: true }))
  .then(() => consumer.run({ eachMessage: async () => undefined }))
  .catch((e) => {
    process.stderr.write(String(e) + '\n');
    process.exit(1);
  });
