/** What a CLI touches, injectable so tests run it in-process. */
export interface CliIo {
  env: NodeJS.ProcessEnv;
  out: (line: string) => void;
  err: (line: string) => void;
}

export const processCliIo: CliIo = {
  env: process.env,
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

/** Exit codes: 0 done, 2 refused (bad arguments or not local mode). */
export const EXIT_OK = 0;
export const EXIT_USAGE = 2;

/** Runs a CLI main and sets the exit code without cutting pending output short. */
export function runCli(main: (argv: string[], io: CliIo) => Promise<number>): void {
  main(process.argv.slice(2), processCliIo).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
