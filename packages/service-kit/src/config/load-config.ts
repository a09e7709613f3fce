import type { z } from 'zod';

/** One bad environment variable. Values are never echoed: they may be secrets. */
export interface ConfigProblem {
  variable: string;
  message: string;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly problems: ConfigProblem[];

  constructor(problems: ConfigProblem[]) {
    super(`invalid configuration:\n${problems.map((p) => `  ${p.variable}: ${p.message}`).join('\n')}`);
    this.problems = problems;
  }
}

/**
 * Validates the environment against a zod object whose keys are variable names (use `z.coerce` for numbers and
 * booleans). Returns the typed config or throws a ConfigError naming every missing or bad variable.
 */
export function loadConfig<S extends z.ZodType<unknown, Record<string, unknown>>>(
  schema: S,
  env: NodeJS.ProcessEnv = process.env,
): z.output<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue): ConfigProblem => {
    const variable = issue.path.length > 0 ? String(issue.path[0]) : '(environment)';
    const missing = issue.path.length > 0 && env[variable] === undefined;
    return { variable, message: missing ? 'is required but not set' : issue.message };
  });
  throw new ConfigError(problems);
}

export interface ExitIo {
  exit: (code: number) => never;
  writeError: (text: string) => void;
}

const processIo: ExitIo = {
  exit: (code) => process.exit(code),
  writeError: (text) => process.stderr.write(text),
};

/** For a service `main`: the config, or a message naming each bad variable on stderr and exit code 78. */
export function loadConfigOrExit<S extends z.ZodType<unknown, Record<string, unknown>>>(
  schema: S,
  env: NodeJS.ProcessEnv = process.env,
  io: ExitIo = processIo,
): z.output<S> {
  try {
    return loadConfig(schema, env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    io.writeError(`${err.message}\n`);
    return io.exit(78); // EX_CONFIG (sysexits.h)
  }
}
