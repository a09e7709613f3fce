#!/usr/bin/env node
import { runCli } from './io';
import { clockMain } from './clock-main';

runCli(clockMain);
