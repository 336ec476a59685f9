// A set of byte strings (slices of one buffer), for finding a repeated 学籍号 among a million rows without
// making a million JS strings: open addressing over 32-bit FNV-1a hashes, byte-wise comparison on a hash match.
// Each slot holds the entry and its hash side by side, so a probe touches one cache line (the table of a
// million keys does not fit in the cache).

export class ByteKeySet {
  /** Per slot: [entry index + 1 (0 = free), hash]. */
  private table: Int32Array;
  /** Slots − 1 (the slot count is a power of two). */
  private mask: number;
  private starts: Int32Array;
  private ends: Int32Array;
  private hashes: Int32Array;
  private values: Int32Array;
  private pendingSlot = -1;
  private pendingHash = 0;
  private pendingStart = 0;
  private pendingEnd = 0;
  size = 0;

  constructor(
    private readonly buf: Uint8Array,
    capacity = 1024,
  ) {
    this.starts = new Int32Array(capacity);
    this.ends = new Int32Array(capacity);
    this.hashes = new Int32Array(capacity);
    this.values = new Int32Array(capacity);
    let t = 16;
    while (t < capacity * 2) t *= 2;
    this.table = new Int32Array(2 * t);
    this.mask = t - 1;
  }

  private hash(s: number, e: number): number {
    const buf = this.buf;
    let h = 0x811c9dc5 | 0;
    for (let p = s; p < e; p++) h = Math.imul(h ^ buf[p], 0x01000193);
    return h ^ (h >>> 15);
  }

  /** The slot of buf[s, e) with hash h: its entry's slot, or the free slot where it would go. */
  private probe(h: number, s: number, e: number): number {
    const table = this.table;
    let slot = h & this.mask;
    for (;;) {
      const entry = table[2 * slot] - 1;
      if (entry < 0 || (table[2 * slot + 1] === h && this.same(entry, s, e))) return slot;
      slot = (slot + 1) & this.mask;
    }
  }

  /** Adds buf[s, e) with a value ≥ 0 (e.g. its row); returns the value of an equal key added before, or -1 (then it was added). */
  add(s: number, e: number, value: number): number {
    const v = this.find(s, e);
    if (v < 0) this.insertFound(value);
    return v;
  }

  /** The value of buf[s, e), or -1 when absent; then insertFound() adds that key without hashing it again. */
  find(s: number, e: number): number {
    const h = this.hash(s, e);
    const slot = this.probe(h, s, e);
    const entry = this.table[2 * slot] - 1;
    if (entry >= 0) return this.values[entry];
    this.pendingSlot = slot;
    this.pendingHash = h;
    this.pendingStart = s;
    this.pendingEnd = e;
    return -1;
  }

  /** Adds the key of the last find() that returned -1, with a value ≥ 0 (no other key added in between). */
  insertFound(value: number): void {
    if (this.pendingSlot < 0) throw new Error('insertFound without a find');
    if (this.size === this.starts.length) {
      this.grow();
      this.pendingSlot = this.probe(this.pendingHash, this.pendingStart, this.pendingEnd);
    }
    const id = this.size++;
    this.starts[id] = this.pendingStart;
    this.ends[id] = this.pendingEnd;
    this.hashes[id] = this.pendingHash;
    this.values[id] = value;
    this.table[2 * this.pendingSlot] = id + 1;
    this.table[2 * this.pendingSlot + 1] = this.pendingHash;
    this.pendingSlot = -1;
  }

  /** Changes the value of the key added last. */
  setLastValue(value: number) {
    this.values[this.size - 1] = value;
  }

  private same(entry: number, s: number, e: number): boolean {
    const s0 = this.starts[entry];
    if (this.ends[entry] - s0 !== e - s) return false;
    const buf = this.buf;
    for (let k = 0; k < e - s; k++) if (buf[s0 + k] !== buf[s + k]) return false;
    return true;
  }

  private grow() {
    const n = this.starts.length * 2;
    const copy = (a: Int32Array) => {
      const b = new Int32Array(n);
      b.set(a);
      return b;
    };
    this.starts = copy(this.starts);
    this.ends = copy(this.ends);
    this.hashes = copy(this.hashes);
    this.values = copy(this.values);
    let t = this.mask + 1;
    while (t < n * 2) t *= 2; // a power of two: slots are hash & mask
    const table = new Int32Array(2 * t);
    const mask = t - 1;
    for (let id = 0; id < this.size; id++) {
      let slot = this.hashes[id] & mask;
      while (table[2 * slot] !== 0) slot = (slot + 1) & mask;
      table[2 * slot] = id + 1;
      table[2 * slot + 1] = this.hashes[id];
    }
    this.table = table;
    this.mask = mask;
  }
}
