import { parseArgs } from 'node:util';

/** The options every command-path bench takes (`--rate 200 --seconds 60 --warmup 10 --replicas 1 --series`). */
export interface CommandPathArgs {
  rate: number;
  seconds: number;
  /** Seconds at the same rate before the measured run, reported on their own line. */
  warmup: number;
  /** Processes of the service under test (round robin), as the province profile runs two or more. */
  replicas: number;
  /** One line per second of the measured run. */
  series: boolean;
}

export function commandPathArgs(argv: string[] = process.argv.slice(2)): CommandPathArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      rate: { type: 'string', default: '200' },
      seconds: { type: 'string', default: '60' },
      warmup: { type: 'string', default: '10' },
      replicas: { type: 'string', default: '1' },
      series: { type: 'boolean', default: false },
    },
  });
  return {
    rate: Number(values.rate),
    seconds: Number(values.seconds),
    warmup: Math.max(0, Number(values.warmup)),
    replicas: Math.max(1, Number(values.replicas)),
    series: values.series,
  };
}

/** How many targets (one per command) a bench seeds: measured, 20 first commands, warm-up (open-loop.ts). */
export const commandTargets = (a: CommandPathArgs): number =>
  Math.round(a.rate * a.seconds) + 20 + Math.round(a.rate * a.warmup);

/** Runs a bench's main: a failure is printed with its stack and exits non-zero. */
export function benchMain(main: () => Promise<void>): void {
  main().catch((err: unknown) => {
    process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  });
}
