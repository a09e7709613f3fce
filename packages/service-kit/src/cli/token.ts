#!/usr/bin/env node
import { runCli } from './io';
import { tokenMain } from './token-main';

runCli(tokenMain);
