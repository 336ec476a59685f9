// The response cache of computed answers (issue 10, item 16): a route whose contract declares
// `cache: { areas }` (core/http/contract.ts) has its JSON answer kept, as sent, under a key made of everything
// the answer depends on:
//   - the route, its validated params and query;
//   - the caller's district and visible scope: role, own school, assigned schools (answers differ by role:
//     scoping, small-cell suppression), so two callers share an entry only when they see exactly the same;
//   - the versions of the data areas the route reads (versions.ts), read before the answer is computed, so an
//     answer is never older than the versions it is filed under. A write to those areas, by anyone, changes the
//     version: the next request computes afresh, and the old entries age out of the LRU.
// Requests for the same key while it is being computed wait for that computation instead of repeating it.
// Memory is bounded by entries and bytes (JUNHENG_CACHE_ENTRIES, JUNHENG_CACHE_MB); JUNHENG_CACHE=0 turns the
// cache off (the benchmark compares both). A kept answer is sent as it was kept, gzip-compressed to clients that
// accept it.
import zlib from 'node:zlib';
import type { Db } from '../db/index.js';
import type { DataArea } from '../http/contract.js';
import { Lru } from './lru.js';
import { dataVersionsOf, type DataVersions } from './versions.js';

/** Who asks, as far as an answer can depend on it. */
export interface CacheCaller {
  districtId: string;
  role: string;
  schoolCode: string | null;
  assignedSchools: string[];
}

/**
 * One kept answer: its JSON as UTF-8 bytes (encoded once, not at each request) and, made on first demand, the
 * same gzip-compressed for clients that accept it (browsers do): a large report is sent in a fraction of the bytes.
 */
export class CachedAnswer {
  private compressed: Buffer | null = null;
  constructor(readonly json: Buffer) {}
  /** The gzip copy, or null when the answer is too small to gain from it. */
  gzip(): Buffer | null {
    if (this.json.length < 1024) return null;
    return (this.compressed ??= zlib.gzipSync(this.json, { level: 6 }));
  }
}

const positive = (v: string | undefined, fallback: number) => {
  const n = Number(v);
  return v && Number.isFinite(n) && n > 0 ? n : fallback;
};

export const cacheEnabled = (setting = process.env.JUNHENG_CACHE) => !['0', 'off', 'false', 'no'].includes((setting ?? '').trim().toLowerCase());

export class ResponseCache {
  readonly versions: DataVersions;
  readonly entries: Lru<CachedAnswer>;
  private readonly inflight = new Map<string, Promise<CachedAnswer | null>>();
  hits = 0;
  misses = 0;

  constructor(db: Db, opts: { maxEntries?: number; maxBytes?: number } = {}) {
    this.versions = dataVersionsOf(db);
    this.entries = new Lru(opts.maxEntries ?? positive(process.env.JUNHENG_CACHE_ENTRIES, 1000), opts.maxBytes ?? positive(process.env.JUNHENG_CACHE_MB, 64) * 1024 * 1024);
  }

  /**
   * The key of one answer: route, input, caller's scope, and the versions of the areas read, as a read started at
   * `since` (the request's arrival, performance.now()) or later sees them.
   */
  async keyOf(route: string, params: unknown, query: unknown, caller: CacheCaller, areas: readonly DataArea[], since?: number): Promise<string> {
    const v = await this.versions.read(caller.districtId, since);
    const versions = [...areas].sort().map((a) => `${a}:${v[a] ?? 0}`);
    return JSON.stringify([route, params ?? {}, query ?? {}, caller.districtId, caller.role, caller.schoolCode ?? null, [...caller.assignedSchools].sort(), versions]);
  }

  /**
   * The cached answer of `key`, or computes it with `compute` (which returns the JSON to keep, or null when this
   * answer must not be kept, e.g. an error status). Concurrent callers of one key share one computation; a caller
   * whose shared computation gave nothing to keep computes its own. `hit` says whether the answer was computed here.
   */
  async get(key: string, compute: () => Promise<string | null>): Promise<{ answer: CachedAnswer | null; hit: boolean }> {
    const kept = this.entries.get(key);
    if (kept !== undefined) {
      this.hits++;
      return { answer: kept, hit: true };
    }
    const running = this.inflight.get(key);
    if (running) {
      const answer = await running.catch(() => null);
      if (answer !== null) {
        this.hits++;
        return { answer, hit: true };
      }
    }
    this.misses++;
    const p = compute().then((json) => (json === null ? null : new CachedAnswer(Buffer.from(json))));
    if (!running) this.inflight.set(key, p);
    try {
      const answer = await p;
      // The bytes, with room for the compressed copy (a fraction of them), and the key (UTF-16).
      if (answer !== null) this.entries.set(key, answer, Math.ceil(answer.json.length * 1.25) + key.length * 2);
      return { answer, hit: false };
    } finally {
      if (this.inflight.get(key) === p) this.inflight.delete(key);
    }
  }

  clear() {
    this.entries.clear();
  }
}

/** One cache per database (all route plugins of a server share it); none when JUNHENG_CACHE=0. */
const perDatabase = new WeakMap<object, ResponseCache>();
export function responseCacheOf(db: Db): ResponseCache | null {
  if (!cacheEnabled()) return null;
  let c = perDatabase.get(db);
  if (!c) perDatabase.set(db, (c = new ResponseCache(db)));
  return c;
}
