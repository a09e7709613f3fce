import { parseArgs } from 'node:util';
import { clockForMode } from '../clock/for-mode';
import {
  advanceSharedClock,
  defaultClockFile,
  readClockOffset,
  resetSharedClock,
} from '../clock/shared-clock';
import { type CliIo, EXIT_OK, EXIT_USAGE } from './io';
import { refuseUnlessLocal } from './local-only';

const USAGE =
  'usage: npm run clock -- [--advance <duration, e.g. 15d>] [--reset]   (no option: show the date)';

/** Local tokens live in real time (tokenTimeOf): say so where a user moves the clock. */
export const TOKENS_NOTE =
  'tokens: unaffected — local tokens count their lifetime (8h by default) in real time, so tokens minted before this move keep working; a new one: npm run token -- --role <role> --region <code>';

/** `clock` CLI: moves the shared local clock forward and prints the new date. Local mode only. */
export async function clockMain(argv: string[], io: CliIo): Promise<number> {
  if (refuseUnlessLocal('clock', io)) return EXIT_USAGE;
  let values: { advance?: string; reset?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      options: { advance: { type: 'string' }, reset: { type: 'boolean' } },
    }));
  } catch (err) {
    io.err(`clock: ${(err as Error).message}\n${USAGE}`);
    return EXIT_USAGE;
  }
  const file = defaultClockFile(io.env);
  try {
    if (values.reset && values.advance !== undefined) throw new Error('use either --advance or --reset');
    if (values.reset) resetSharedClock(file);
    if (values.advance !== undefined) advanceSharedClock(file, values.advance);
  } catch (err) {
    io.err(`clock: ${(err as Error).message}\n${USAGE}`);
    return EXIT_USAGE;
  }
  const clock = clockForMode('local', io.env);
  const days = readClockOffset(file) / 86_400_000;
  io.out(
    `${clock.today()} (${clock.now().toISOString()}; ${days.toFixed(2).replace(/\.00$/, '')} day(s) ahead of real time)`,
  );
  if (values.advance !== undefined || values.reset) io.out(TOKENS_NOTE);
  return EXIT_OK;
}
