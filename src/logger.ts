import { pino, type Logger } from 'pino';

/** Structured JSON logs on stdout. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: undefined,
    // A key must never reach the logs, whatever a caller puts in a log object.
    redact: ['req.headers.authorization', 'headers.authorization', 'authorization', 'apiKey'],
  });
}
