import type { FastifyServerOptions } from 'fastify';
import type { Config } from '../config/config.js';

/**
 * pino settings: JSON lines with request ids; no client addresses, query strings, cookies or
 * bodies, so no personal data or credentials reach the log (SECURITY AUTH-03, LOG-05).
 */
export function loggerOptions(cfg: Pick<Config, 'LOG_LEVEL'>): FastifyServerOptions['logger'] {
  return {
    level: cfg.LOG_LEVEL,
    redact: { paths: ['req.headers.cookie', 'req.headers.authorization', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]', '*.password', '*.newPassword', '*.currentPassword'], censor: '[redacted]' },
    serializers: {
      req: (req: { method: string; url: string; id: string }) => ({ method: req.method, path: req.url.split('?')[0], id: req.id }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    timestamp: () => `,"time":"${new Date().toISOString()}"`,
  };
}
