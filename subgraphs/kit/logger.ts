import { pino, type Logger, type LevelWithSilent } from 'pino';

/** JSON logs; secrets and tokens never reach them. */
export function createLogger(name: string, level: LevelWithSilent = 'info'): Logger {
  return pino({
    name,
    level,
    redact: {
      paths: ['req.headers.authorization', '*.password', '*.token', '*.secret', 'authorization'],
      censor: '[redacted]',
    },
  });
}
