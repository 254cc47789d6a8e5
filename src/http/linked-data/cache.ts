/** A small LRU map: Map keeps insertion order, so the first key is the least recently used. */
export class Lru<K, V> {
  private readonly map = new Map<K, V>();
  constructor(private readonly max: number) {}

  get(key: K): V | undefined {
    const v = this.map.get(key);
    if (v !== undefined) {
      this.map.delete(key);
      this.map.set(key, v);
    }
    return v;
  }

  set(key: K, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.max) this.map.delete(this.map.keys().next().value as K);
  }

  delete(key: K): void {
    this.map.delete(key);
  }

  get size(): number {
    return this.map.size;
  }
}

/**
 * The change-log sequence, kept current by the store's change events so hot
 * paths never ask SQLite; anything cached under an older sequence is stale.
 */
export class SeqClock {
  private seq: number;
  constructor(store: { stats(): { lastSeq: number }; onChange(l: (e: { lastSeq: number }) => void): () => void }) {
    this.seq = store.stats().lastSeq;
    this.stop = store.onChange((e) => {
      this.seq = Math.max(this.seq, e.lastSeq);
    });
  }
  readonly stop: () => void;

  get now(): number {
    return this.seq;
  }
}
