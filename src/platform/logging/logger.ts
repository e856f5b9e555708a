import pino, { type LoggerOptions } from 'pino';
import { redactText, redactValue } from './redact.js';

/** pino options shared by the server and the CLI: secrets and card numbers never written. */
export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    formatters: {
      log: (object) => redactValue(object) as Record<string, unknown>,
    },
    hooks: {
      logMethod(args, method) {
        const redacted = args.map((arg) => (typeof arg === 'string' ? redactText(arg) : arg)) as typeof args;
        // An Error logged alone gets its message as the line's msg after this hook: give pino a redacted one.
        if (redacted.length === 1 && redacted[0] instanceof Error) (redacted as unknown[]).push(redactText(redacted[0].message));
        return method.apply(this, redacted);
      },
    },
  };
}

export function createLogger(level: string, destination?: pino.DestinationStream) {
  return destination ? pino(loggerOptions(level), destination) : pino(loggerOptions(level));
}
