#!/usr/bin/env node
import { processCliIo } from './io';
import { policyMain } from './policy-main';

policyMain(process.argv.slice(2), processCliIo).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
