#!/usr/bin/env node
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { aclFileText, topicFileText } from './kafka-acls';
import { discoverServices } from './services';

// Regenerates infra/docker/kafka-acls.txt and kafka-topics.txt from the contracts' topic catalog.
const repoRoot = resolve(__dirname, '..', '..', '..');
const services = discoverServices(repoRoot)
  .filter((s) => !s.front)
  .map((s) => s.name);
writeFileSync(join(repoRoot, 'infra', 'docker', 'kafka-acls.txt'), aclFileText(services));
writeFileSync(join(repoRoot, 'infra', 'docker', 'kafka-topics.txt'), topicFileText());
console.log('wrote infra/docker/kafka-acls.txt and infra/docker/kafka-topics.txt');
