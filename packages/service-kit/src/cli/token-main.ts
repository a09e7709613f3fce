import { parseArgs } from 'node:util';
import { ROLES } from '@peiyu/contracts';
import { z } from 'zod';
import { defaultKeyDir, loadDevKeys } from '../auth/dev-keys';
import { signLocalToken } from '../auth/local-token';
import { PrincipalClaimsSchema } from '../auth/principal';
import { clockForMode } from '../clock/for-mode';
import { parseDuration } from '../clock/duration';
import { type CliIo, EXIT_OK, EXIT_USAGE } from './io';
import { refuseUnlessLocal } from './local-only';

const USAGE = `usage: npm run token -- --role <${ROLES.join('|')}> [--region <division code>] [--uscc <USCC>] [--sub <id>] [--ttl 8h]`;
// The verifiers' default maximum token lifetime (DEFAULT_MAX_TOKEN_LIFETIME_SEC): a longer token is refused.
const MAX_TTL_MS = 12 * 3_600_000;

const TtlSchema = z
  .string()
  .transform((text, ctx) => {
    try {
      return parseDuration(text);
    } catch (err) {
      ctx.addIssue({ code: 'custom', message: (err as Error).message });
      return z.NEVER;
    }
  })
  .refine((ms) => ms <= MAX_TTL_MS, 'must be at most 12h');

function parse(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      role: { type: 'string' },
      region: { type: 'string' },
      uscc: { type: 'string' },
      sub: { type: 'string' },
      ttl: { type: 'string', default: '8h' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  return values;
}

/** `token` CLI: prints a bearer token signed with the local dev key. Local mode only. */
export async function tokenMain(argv: string[], io: CliIo): Promise<number> {
  if (refuseUnlessLocal('token', io)) return EXIT_USAGE;
  let args: ReturnType<typeof parse>;
  try {
    args = parse(argv);
  } catch (err) {
    io.err(`token: ${(err as Error).message}\n${USAGE}`);
    return EXIT_USAGE;
  }
  if (args.help) {
    io.out(USAGE);
    return EXIT_OK;
  }
  const sub =
    args.sub ??
    `dev-${args.role ?? 'unknown'}${args.region ? `-${args.region}` : ''}${args.uscc ? `-${args.uscc}` : ''}`;
  const claims = PrincipalClaimsSchema.safeParse({
    sub,
    role: args.role,
    region: args.region,
    uscc: args.uscc,
  });
  const ttl = TtlSchema.safeParse(args.ttl);
  if (!claims.success || !ttl.success) {
    const issues = [
      ...(claims.success
        ? []
        : claims.error.issues.map((i) => `--${i.path.join('.') || 'role'}: ${i.message}`)),
      ...(ttl.success ? [] : ttl.error.issues.map((i) => `--ttl: ${i.message}`)),
    ];
    io.err(`token: ${issues.join('; ')}\n${USAGE}`);
    return EXIT_USAGE;
  }
  const keys = await loadDevKeys(defaultKeyDir(io.env));
  const token = await signLocalToken(keys, {
    principal: claims.data,
    ttlMs: ttl.data,
    clock: clockForMode('local', io.env),
  });
  io.out(token);
  return EXIT_OK;
}
