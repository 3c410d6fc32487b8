import { pino, type Logger } from 'pino';

/** Structured JSON logs on stdout. */
export function createLogger(level: string): Logger {
  return pino(
    {
      level,
      base: undefined,
      // A key must never reach the logs, whatever a caller puts in a log object.
      redact: ['req.headers.authorization', 'headers.authorization', 'authorization', 'apiKey'],
    },
    // Written synchronously. pino's default stdout destination writes in the
    // background and, at exit, flushes what is pending in a loop that retries
    // every error: once nothing read stdout any more (a log collector gone), the
    // process hung in that loop at its first exit and never stopped on SIGTERM.
    // A synchronous write meets the broken pipe at once, and pino stops logging.
    pino.destination({ dest: 1, sync: true }),
  );
}
