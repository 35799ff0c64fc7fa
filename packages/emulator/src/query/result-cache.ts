/** What an entry costs besides its value: the Map entry, the record and the key's characters. */
const ENTRY_OVERHEAD_BYTES = 64;

/**
 * Values by key, least recently used out first, bounded by their total size in bytes rather than
 * by their number: a million-row result and a three-row one do not cost the same. A value larger
 * than the whole budget is not kept.
 */
export class ResultCache<Value> {
  private readonly entries = new Map<string, { readonly value: Value; readonly bytes: number }>();
  private total = 0;

  constructor(
    private readonly budgetBytes: number,
    private readonly sizeOf: (value: Value) => number,
  ) {}

  /** The value of `key`, now the most recently used, or undefined. */
  get(key: string): Value | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  set(key: string, value: Value): void {
    const bytes = this.sizeOf(value) + key.length * 2 + ENTRY_OVERHEAD_BYTES;
    this.delete(key);
    if (bytes > this.budgetBytes) return;
    for (const [oldest] of this.entries) {
      if (this.total + bytes <= this.budgetBytes) break;
      this.delete(oldest);
    }
    this.entries.set(key, { value, bytes });
    this.total += bytes;
  }

  clear(): void {
    this.entries.clear();
    this.total = 0;
  }

  /** Bytes held now, never more than the budget. */
  get bytes(): number {
    return this.total;
  }

  private delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.total -= entry.bytes;
  }
}
