#!/usr/bin/env node
// `npm run kafka -- <tool> [args]`: Apache Kafka's command-line tools from the pinned jars, e.g.
//   npm run kafka -- topics --list
//   npm run kafka -- console-consumer --topic peiyu.registry.enterprise.v1 --from-beginning
// The broker is KAFKA_BROKERS (as the services read it), else 127.0.0.1:9092 (`npm start -- --kafka real`).
import { spawn } from 'node:child_process';
import { ClassDataSharing } from './cds';
import { ensureJars } from './jars';
import { KAFKA_TOOLS, toolCommand } from './tools';

const [name, ...args] = process.argv.slice(2);
if (!name || name === '--help' || name === '-h') {
  console.log(
    `npm run kafka -- <tool> [args]   (tools: ${Object.keys(KAFKA_TOOLS).join(', ')})\n` +
      'Broker: KAFKA_BROKERS, else 127.0.0.1:9092; pass --bootstrap-server to override. `<tool> --help` for its options.',
  );
  process.exit(name ? 0 : 2);
}
const jars = ensureJars();
if (!jars.available) {
  console.error(`npm run kafka: ${jars.reason}`);
  process.exit(1);
}
try {
  const cmd = toolCommand(
    name,
    args,
    jars.classpath,
    process.env.KAFKA_BROKERS ?? '127.0.0.1:9092',
    new ClassDataSharing(jars.javaVersion, jars.classpath).mapOnly(),
  );
  const child = spawn(cmd.command, cmd.args, { stdio: 'inherit' });
  // Ctrl-C reaches the tool through the terminal's process group; its exit code becomes ours.
  process.on('SIGINT', () => undefined);
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
} catch (err) {
  console.error(`npm run kafka: ${(err as Error).message}`);
  process.exit(2);
}
