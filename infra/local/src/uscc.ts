#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { USCC_USAGE, usccLines } from './newcomer';

try {
  const { values } = parseArgs({
    options: { county: { type: 'string' }, count: { type: 'string' }, from: { type: 'string' } },
  });
  for (const line of usccLines(values)) console.log(line);
} catch (err) {
  console.error(`uscc: ${(err as Error).message}\n${USCC_USAGE}`);
  process.exitCode = 2;
}
