/** Runtime configuration, read once from the environment and validated. */
import { z } from 'zod';
import { retryScheduleFormat, retryScheduleProblem } from './retry-schedule.js';

// Each check's message is what the variable should be, completing "Set NAME to …".
const flag = z.enum(['true', 'false', '1', '0'], { error: 'true or false' }).transform((value) => value === 'true' || value === '1');

/**
 * A whole number in a variable. Stricter than a coercion: an empty or blank
 * value is a mistake to report, not a 0 (PORT= would listen on a random port).
 */
const whole = (min: number, max?: number) => {
  const error = max === undefined ? `a whole number of at least ${min}` : `a whole number from ${min} to ${max}`;
  const number = z.number().int({ error }).min(min, { error });
  return z
    .string()
    .regex(/^\d+$/, { error })
    .transform(Number)
    .pipe(max === undefined ? number : number.max(max, { error }));
};

const envSchema = z.object({
  PORT: whole(0, 65535).default(4000),
  HOST: z.string().min(1, { error: 'an address or host name to listen on' }).default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .regex(/^(file:|postgres(ql)?:\/\/)/, { error: 'a URL that starts with file:, postgres:// or postgresql://' })
    .default('file:./data/contacts.db'),
  MIGRATE_ON_START: flag.default(true),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { error: 'one of fatal, error, warn, info, debug, trace, silent' })
    .default('info'),
  /** PostgreSQL connections held by one server process. */
  DATABASE_POOL_SIZE: whole(1, 500).default(10),
  /** How long a PostgreSQL connection attempt may take before the request fails. */
  DATABASE_CONNECT_TIMEOUT_MS: whole(100).default(5000),
  /** How long SQLite waits for another process's write lock before giving up. */
  SQLITE_BUSY_TIMEOUT_MS: whole(0).default(5000),
  NODE_ENV: z.string().default('production'),
  /** Largest request body; a larger one is answered 413 (1,000 batch inputs fit in well under 2 MB). */
  REQUEST_BODY_LIMIT_BYTES: whole(1024).default(2 * 1024 * 1024),
  /** How long a request may take, from its first byte to the last of the answer, before it is cut off. */
  REQUEST_TIMEOUT_MS: whole(100).default(30_000),
  GRAPHQL_MAX_DEPTH: whole(1).default(10),
  GRAPHQL_MAX_TOKENS: whole(10).default(2000),
  GRAPHQL_MAX_ALIASES: whole(0).default(15),
  GRAPHQL_MAX_DIRECTIVES: whole(0).default(20),
  GRAPHQL_MAX_COST: whole(1).default(5000),
  /** When set, GET /metrics requires `Authorization: Bearer <METRICS_TOKEN>`. */
  METRICS_TOKEN: z
    .string()
    .min(16, { error: 'a secret of at least 16 characters' })
    // It travels as `Authorization: Bearer <token>`, which holds no whitespace.
    .regex(/^\S+$/, { error: 'a secret without spaces' })
    .optional(),
  /** Webhook endpoints on loopback, private and link-local addresses are allowed (local development, tests). */
  WEBHOOK_ALLOW_PRIVATE_URLS: flag.default(false),
  /** Delays between webhook attempts (jittered); after the last, the delivery fails. */
  WEBHOOK_RETRY_SCHEDULE: z
    .string()
    .refine((text) => retryScheduleProblem(text) === null, { error: retryScheduleFormat })
    .default('5s,5m,30m,2h,5h,10h,10h'),
  /** Contact history older than this many days is pruned in the background; kept forever when unset. */
  HISTORY_RETENTION_DAYS: whole(1, 36_500).optional(),
  /**
   * Browser origins allowed to call the API cross-site: a comma-separated list
   * of origins, or `*` for any; none by default. Never with credentials.
   */
  CORS_ORIGINS: z
    .string()
    .regex(/^\s*(\*|https?:\/\/[^\s,/]+(\s*,\s*https?:\/\/[^\s,/]+)*)\s*$/, {
      error: 'a comma-separated list of origins (https://app.example.com) or *',
    })
    .transform((value): '*' | string[] => (value.trim() === '*' ? '*' : value.split(',').map((origin) => origin.trim())))
    .optional(),
});

export type Config = z.infer<typeof envSchema>;

/** The environment is unusable: one line per problem, each naming the variable, its value and what to do. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}

/** Variables whose value is never repeated in a message. */
const secrets = new Set(['METRICS_TOKEN']);

/** Problems reported at once; more than this and the rest are counted, not listed. */
const problemsShown = 3;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (parsed.success) return parsed.data;
  const defaults = envSchema.parse({});
  const variables = [...new Set(parsed.error.issues.map((issue) => String(issue.path[0])))];
  const problems = variables.slice(0, problemsShown).map((name) => {
    const issue = parsed.error.issues.find((candidate) => String(candidate.path[0]) === name)!;
    const value = secrets.has(name) ? '***' : maskPassword(env[name] ?? '');
    const fallback = defaults[name as keyof Config];
    const unset = fallback === undefined ? 'or unset it' : `or unset it for the default (${String(fallback)})`;
    return `${name}=${JSON.stringify(value)} is invalid: set ${name} to ${issue.message}, ${unset}.`;
  });
  if (variables.length > problemsShown) problems.push(`… and ${variables.length - problemsShown} more invalid variable(s): ${variables.slice(problemsShown).join(', ')}.`);
  throw new ConfigError(problems);
}

/** A URL as it may be shown to people: any password replaced by `***`. */
export function maskPassword(value: string): string {
  return value.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/?#@]*:)[^@/?#]*@/i, '$1***@');
}
