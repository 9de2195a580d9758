import crypto from 'node:crypto';
import { Redis } from 'ioredis';
import type { FastifyBaseLogger } from 'fastify';
import { broadcastPublicChangesWith, receivedPublicContentChange } from './page-cache.js';

/**
 * State that several app processes must share (ARCHITECTURE: "Redis only where several processes
 * must share short-lived state"): the rate-limit counters, and the news that public content changed
 * so that every process empties its page cache at once. Nothing durable lives in Redis.
 */
export interface SharedState {
  /** The connection the rate limiter uses. */
  redis: Redis;
  close(): Promise<void>;
}

export async function connectSharedState(url: string, prefix: string, log: FastifyBaseLogger): Promise<SharedState> {
  const options = { connectTimeout: 2000, maxRetriesPerRequest: 1, lazyConnect: true };
  const redis = new Redis(url, options);
  const subscriber = new Redis(url, options);
  for (const c of [redis, subscriber]) c.on('error', (err) => log.warn({ err: err.message }, 'redis connection problem'));
  await Promise.all([redis.connect(), subscriber.connect()]);

  const channel = `${prefix}public-content-changed`;
  const me = crypto.randomUUID();
  await subscriber.subscribe(channel);
  subscriber.on('message', (ch, sender) => {
    if (ch === channel && sender !== me) receivedPublicContentChange();
  });
  const unregister = broadcastPublicChangesWith(() => {
    redis.publish(channel, me).catch((err) => log.warn({ err: err.message }, 'could not announce a public content change'));
  });

  return {
    redis,
    async close() {
      unregister();
      await Promise.allSettled([subscriber.quit(), redis.quit()]);
    },
  };
}
