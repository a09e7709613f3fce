#!/usr/bin/env node
import { runCli } from './io';
import { calendarMain } from './calendar-main';

runCli((argv, io) => calendarMain(argv, io));
