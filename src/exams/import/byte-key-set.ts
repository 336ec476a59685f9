// A set of byte strings (slices of one buffer), for finding a repeated 学籍号 among a million rows without
// making a million JS strings: open addressing over 32-bit FNV-1a hashes, byte-wise comparison on a hash match.

export class ByteKeySet {
  private table: Int32Array; // entry index + 1, 0 = free
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
    this.table = new Int32Array(t);
    this.mask = t - 1;
  }

  /** Adds buf[s, e) with a value ≥ 0 (e.g. its row); returns the value of an equal key added before, or -1 (then it was added). */
  add(s: number, e: number, value: number): number {
    const buf = this.buf;
    let h = 0x811c9dc5 | 0;
    for (let p = s; p < e; p++) h = Math.imul(h ^ buf[p], 0x01000193);
    h ^= h >>> 15;
    let slot = h & this.mask;
    for (;;) {
      const entry = this.table[slot] - 1;
      if (entry < 0) break;
      if (this.hashes[entry] === h && this.same(entry, s, e)) return this.values[entry];
      slot = (slot + 1) & this.mask;
    }
    if (this.size === this.starts.length) {
      this.grow();
      return this.add(s, e, value);
    }
    const id = this.size++;
    this.starts[id] = s;
    this.ends[id] = e;
    this.hashes[id] = h;
    this.values[id] = value;
    this.table[slot] = id + 1;
    this.pendingSlot = -1;
    return -1;
  }

  /** The value of buf[s, e), or -1 when absent; then insertFound() adds that key without hashing it again. */
  find(s: number, e: number): number {
    const buf = this.buf;
    let h = 0x811c9dc5 | 0;
    for (let p = s; p < e; p++) h = Math.imul(h ^ buf[p], 0x01000193);
    h ^= h >>> 15;
    let slot = h & this.mask;
    for (;;) {
      const entry = this.table[slot] - 1;
      if (entry < 0) break;
      if (this.hashes[entry] === h && this.same(entry, s, e)) return this.values[entry];
      slot = (slot + 1) & this.mask;
    }
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
      let slot = this.pendingHash & this.mask;
      while (this.table[slot] !== 0) slot = (slot + 1) & this.mask;
      this.pendingSlot = slot;
    }
    const id = this.size++;
    this.starts[id] = this.pendingStart;
    this.ends[id] = this.pendingEnd;
    this.hashes[id] = this.pendingHash;
    this.values[id] = value;
    this.table[this.pendingSlot] = id + 1;
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
    this.table = new Int32Array(n * 2);
    this.mask = n * 2 - 1;
    for (let id = 0; id < this.size; id++) {
      let slot = this.hashes[id] & this.mask;
      while (this.table[slot] !== 0) slot = (slot + 1) & this.mask;
      this.table[slot] = id + 1;
    }
  }
}
