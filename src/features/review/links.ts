import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';

/**
 * Links in a text that do not resolve (issue 4 §8), checked safely: only http and https, a
 * bounded time, at most a few redirects, and never an address inside the private network unless
 * the installation allows it (the check runs on the server, so it must not become a way to probe
 * the intranet). The address is checked when the connection is made, not before, so a name that
 * changes its answer between lookups gains nothing.
 */
export interface LinkResult {
  url: string;
  ok: boolean | null;
  status: number | null;
  reason: string;
}

const URL_RE = /https?:\/\/[^\s<>"'，。；、）》」】]+/g;
export const MAX_LINKS = 50;

export function extractLinks(text: string): string[] {
  return [...new Set([...text.matchAll(URL_RE)].map((m) => m[0].replace(/[.,;:!?)]+$/, '')))].slice(0, MAX_LINKS);
}

/** Loopback, private, link-local, carrier-grade NAT, unspecified and unique-local addresses. */
export function isPrivateAddress(ip: string): boolean {
  const v4 = ip.startsWith('::ffff:') ? ip.slice(7) : ip;
  if (net.isIPv4(v4)) {
    const [a, b] = v4.split('.').map(Number);
    return a === 0 || a === 10 || a === 127 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127);
  }
  const l = ip.toLowerCase();
  return l === '::' || l === '::1' || l.startsWith('fc') || l.startsWith('fd') || l.startsWith('fe8') || l.startsWith('fe9') || l.startsWith('fea') || l.startsWith('feb');
}

class PrivateAddressError extends Error {}

function headOnce(url: URL, allowPrivate: boolean, timeoutMs: number, method: 'HEAD' | 'GET'): Promise<{ status: number; location?: string }> {
  const lib = url.protocol === 'https:' ? https : http;
  const lookup: net.LookupFunction = (host, opts, cb) =>
    dns.lookup(host, { ...opts, all: false }, (err, address, family) => {
      if (!err && !allowPrivate && isPrivateAddress(String(address))) return cb(new PrivateAddressError(String(address)), '', 4);
      cb(err, address as string, family as number);
    });
  return new Promise((resolve, reject) => {
    const req = lib.request(url, { method, lookup, timeout: timeoutMs, headers: { 'user-agent': 'Gongkai-LinkCheck/1' } }, (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0, location: res.headers.location });
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end();
  });
}

export async function checkLink(raw: string, opts: { allowPrivate: boolean; timeoutMs?: number }): Promise<LinkResult> {
  const timeoutMs = opts.timeoutMs ?? 5000;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { url: raw, ok: false, status: null, reason: '链接格式不正确' };
  }
  // A literal private address is refused before any connection.
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!opts.allowPrivate && net.isIP(host) && isPrivateAddress(host)) return { url: raw, ok: null, status: null, reason: '内网地址，不予检查' };
  try {
    for (let hop = 0; hop <= 3; hop++) {
      if (url.protocol !== 'http:' && url.protocol !== 'https:') return { url: raw, ok: false, status: null, reason: '只检查 http 和 https 链接' };
      let r = await headOnce(url, opts.allowPrivate, timeoutMs, 'HEAD');
      if (r.status === 405 || r.status === 501) r = await headOnce(url, opts.allowPrivate, timeoutMs, 'GET');
      if (r.status >= 300 && r.status < 400 && r.location) {
        url = new URL(r.location, url);
        continue;
      }
      if (r.status >= 200 && r.status < 300) return { url: raw, ok: true, status: r.status, reason: '可以访问' };
      return { url: raw, ok: false, status: r.status, reason: r.status === 404 ? '页面不存在（404）' : `服务器返回 ${r.status}` };
    }
    return { url: raw, ok: false, status: null, reason: '跳转次数过多' };
  } catch (e) {
    if (e instanceof PrivateAddressError) return { url: raw, ok: null, status: null, reason: '内网地址，不予检查' };
    const msg = (e as Error).message;
    return { url: raw, ok: false, status: null, reason: msg === 'timeout' ? '访问超时' : (e as NodeJS.ErrnoException).code === 'ENOTFOUND' ? '域名无法解析' : '无法连接' };
  }
}

/** Checks every link of a text, five at a time. */
export async function checkLinks(text: string, opts: { allowPrivate: boolean; timeoutMs?: number }): Promise<LinkResult[]> {
  const urls = extractLinks(text);
  const out: LinkResult[] = new Array(urls.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(5, urls.length) }, async () => {
      while (next < urls.length) {
        const i = next++;
        out[i] = await checkLink(urls[i], opts);
      }
    }),
  );
  return out;
}
