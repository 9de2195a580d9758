/**
 * Rendered public pages, kept in memory (ARCHITECTURE: "rendered pages cached and invalidated on
 * publish"). A write that changes public content calls `publicContentChanged()` after its commit,
 * which empties the cache of this process at once; other processes on the same PostgreSQL server
 * catch up within the TTL (PAGE_CACHE_SECONDS). Only successful pages are kept, and at most
 * `maxEntries`, so random URLs cannot grow it without bound. The portal keeps the encoded bytes,
 * so a hit costs no UTF-8 encoding of a page that is mostly Chinese.
 */
export class PageCache<T = string> {
  private entries = new Map<string, { body: T; expires: number }>();
  constructor(
    private ttlMs: number,
    private maxEntries = 5000,
    private now: () => number = Date.now,
  ) {}

  get(key: string): T | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (e.expires <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return e.body;
  }

  set(key: string, body: T): void {
    if (this.ttlMs <= 0) return;
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { body, expires: this.now() + this.ttlMs });
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}

const listeners = new Set<() => void>();
const broadcasters = new Set<() => void>();

/** Subscribes to changes of public content; returns the unsubscribe function. */
export function onPublicContentChange(fn: () => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** Registers a way to tell other processes (the Redis bridge); returns the unregister function. */
export function broadcastPublicChangesWith(fn: () => void): () => void {
  broadcasters.add(fn);
  return () => broadcasters.delete(fn);
}

/** Tells every page cache of this process, and through the bridge the other processes, that public content changed. Call after the commit. */
export function publicContentChanged(): void {
  receivedPublicContentChange();
  for (const fn of broadcasters) fn();
}

/** A change announced by another process: only the caches of this one are emptied. */
export function receivedPublicContentChange(): void {
  for (const fn of listeners) fn();
}
