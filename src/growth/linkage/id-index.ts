// Dense integer keys for student ids (学籍号): each distinct id gets 0, 1, 2, … in order of first appearance, so the
// rest of the linkage works on typed arrays instead of hashing strings again (one Map lookup per record in total).

export class IdIndex {
  private readonly keys = new Map<string, number>();
  readonly ids: string[] = [];

  key(id: string): number {
    let k = this.keys.get(id);
    if (k === undefined) {
      k = this.ids.length;
      this.keys.set(id, k);
      this.ids.push(id);
    }
    return k;
  }

  get size(): number {
    return this.ids.length;
  }
}
