type RowArray = Uint16Array | Uint32Array;

/** Row numbers (or VM indexes) of a query result, appended one by one into a typed array that doubles as it fills. */
export class RowList<Rows extends RowArray> {
  private rows: Rows;
  private count = 0;

  constructor(private readonly make: (length: number) => Rows) {
    this.rows = make(1024);
  }

  push(row: number): void {
    if (this.count === this.rows.length) {
      const larger = this.make(this.rows.length * 2);
      larger.set(this.rows);
      this.rows = larger;
    }
    this.rows[this.count++] = row;
  }

  /** The rows in an exactly sized array: as appended, or in `order` (positions). */
  toArray(order?: Uint32Array): Rows {
    const result = this.make(this.count);
    if (!order) {
      result.set(this.rows.subarray(0, this.count));
      return result;
    }
    for (let i = 0; i < order.length; i++) result[i] = this.rows[order[i] as number] as number;
    return result;
  }
}
