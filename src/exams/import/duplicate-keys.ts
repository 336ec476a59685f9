// Repeated 学籍号 among a million rows without a string or a hash-table probe per row: remember each row's key
// bytes and 32-bit FNV-1a hash, sort the hashes once (typed-array sort), and compare bytes only where hashes repeat.

export class DuplicateKeys {
  private hashes: Uint32Array;
  private starts: Int32Array;
  private ends: Int32Array;
  private rows: Int32Array;
  size = 0;

  constructor(
    private readonly buf: Uint8Array,
    capacity = 1024,
  ) {
    this.hashes = new Uint32Array(capacity);
    this.starts = new Int32Array(capacity);
    this.ends = new Int32Array(capacity);
    this.rows = new Int32Array(capacity);
  }

  /** Remembers the key buf[s, e) of `row`. */
  add(s: number, e: number, row: number): void {
    if (this.size === this.hashes.length) this.grow();
    const buf = this.buf;
    let h = 0x811c9dc5 | 0;
    for (let p = s; p < e; p++) h = Math.imul(h ^ buf[p], 0x01000193);
    const i = this.size++;
    this.hashes[i] = h;
    this.starts[i] = s;
    this.ends[i] = e;
    this.rows[i] = row;
  }

  /** Every later row whose key equals an earlier row's, with the first such row, in row order. */
  duplicates(): { row: number; first: number; start: number; end: number }[] {
    const sorted = this.hashes.slice(0, this.size).sort();
    const repeated = new Set<number>();
    for (let i = 1; i < sorted.length; i++) if (sorted[i] === sorted[i - 1]) repeated.add(sorted[i]);
    if (!repeated.size) return [];
    const out: { row: number; first: number; start: number; end: number }[] = [];
    const seen = new Map<number, number[]>(); // hash → entries so far
    for (let i = 0; i < this.size; i++) {
      const h = this.hashes[i];
      if (!repeated.has(h)) continue;
      const earlier = seen.get(h) ?? [];
      const match = earlier.find((j) => this.same(i, j));
      if (match === undefined) seen.set(h, [...earlier, i]);
      else out.push({ row: this.rows[i], first: this.rows[match], start: this.starts[i], end: this.ends[i] });
    }
    return out;
  }

  private same(i: number, j: number): boolean {
    const len = this.ends[i] - this.starts[i];
    if (this.ends[j] - this.starts[j] !== len) return false;
    for (let k = 0; k < len; k++) if (this.buf[this.starts[i] + k] !== this.buf[this.starts[j] + k]) return false;
    return true;
  }

  private grow(): void {
    const n = Math.ceil(this.hashes.length * 1.5);
    const h = new Uint32Array(n);
    h.set(this.hashes);
    this.hashes = h;
    for (const key of ['starts', 'ends', 'rows'] as const) {
      const a = new Int32Array(n);
      a.set(this[key]);
      this[key] = a;
    }
  }
}
