import pino, { LoggerOptions } from 'pino';
import { AppConfig } from '../../config/app-config';

/** What stands in for an e-mail address found in a log message. */
export const EMAIL_PLACEHOLDER = '[email]';

const EMAIL_PATTERN = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;

/**
 * Keys whose values never reach a log line, wherever they sit in a logged object: credentials,
 * cookies and the personal fields of our inputs. Messages are scrubbed of e-mail addresses too
 * (see scrubPersonalData); request bodies and GraphQL variables are never logged at all.
 */
const REDACTED_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'res.headers["set-cookie"]',
  'headers.cookie',
  'headers.authorization',
  '*.password',
  '*.newPassword',
  '*.currentPassword',
  '*.token',
  '*.email',
  '*.variables',
  'password',
  'token',
  'email',
  'variables',
];

export function scrubPersonalData(text: string): string {
  return text.replace(EMAIL_PATTERN, EMAIL_PLACEHOLDER);
}

/**
 * Options of the process's one pino logger (made by request-logging.ts): JSON lines, level from
 * LOG_LEVEL, with credentials and personal data removed.
 */
export function loggerOptions(config: AppConfig): LoggerOptions {
  return {
    level: config.effectiveLogLevel,
    base: { service: 'cyswllt-api' },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    hooks: {
      // Messages are free text (errors from drivers, lines from modules): strip e-mail addresses.
      logMethod(args, method) {
        method.apply(
          this,
          args.map((arg) => (typeof arg === 'string' ? scrubPersonalData(arg) : arg)) as Parameters<typeof method>,
        );
      },
    },
    serializers: {
      // Type, message, code and stack only: driver errors also carry the statement's parameters.
      err: (error: unknown) => {
        const { type, message, stack, code } = pino.stdSerializers.err(error as Error) as {
          type: string;
          message?: string;
          stack?: string;
          code?: unknown;
        };
        return { type, message: scrubPersonalData(message ?? ''), code, stack: stack && scrubPersonalData(stack) };
      },
    },
  };
}
