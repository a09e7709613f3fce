import { peiyuMode } from '../mode';
import type { CliIo } from './io';

/** Dev tools must never run against production: they sign tokens with the dev key or move time. */
export function refuseUnlessLocal(tool: string, io: CliIo): boolean {
  let mode: string;
  try {
    mode = peiyuMode(io.env);
  } catch (err) {
    io.err(`${tool}: ${(err as Error).message}`);
    return true;
  }
  if (mode === 'local') return false;
  io.err(
    `${tool}: refused — only available in local mode (PEIYU_MODE is "${io.env['PEIYU_MODE'] ?? ''}" → ${mode}; set PEIYU_MODE=local)`,
  );
  return true;
}
