import type { QueryField } from './query-field.js';
import { radixOrderSteps } from './radix-order.js';
import { completed, type Stepwise } from './stepwise.js';
import { ranksOfSteps } from './string-ranks.js';

/** Rows whose number is replaced by its rank between two pauses. */
const RANKED_ROWS_PER_STEP = 262_144;

/**
 * The sort keys of a query result, read once per row while the result is collected, then turned
 * into the order of the rows. Every key is numbers: dates, enums and numbers as they are, string
 * fields through their `sortKey`, other strings as their rank among the distinct values seen, so
 * that no comparison rebuilds or compares a string.
 */
export class SortKeys<Row> {
  private readonly width: number;
  private numbers: Float64Array;
  /** For a string field without a `sortKey`: each distinct value and its number until ranked. */
  private readonly distinct: Map<string, number> | undefined;
  private count = 0;

  constructor(private readonly field: QueryField<Row>) {
    this.width = field.sortKey?.width ?? 1;
    this.numbers = new Float64Array(1024 * this.width);
    this.distinct = field.kind === 'string' && !field.sortKey ? new Map() : undefined;
  }

  /** Reads the key of the next row of the result. */
  add(row: Row): void {
    const at = this.count++ * this.width;
    if (at + this.width > this.numbers.length) {
      const larger = new Float64Array(this.numbers.length * 2);
      larger.set(this.numbers);
      this.numbers = larger;
    }
    if (this.field.sortKey) {
      this.field.sortKey.write(row, this.numbers, at);
      return;
    }
    const value = this.field.get(row);
    if (value === undefined) this.numbers[at] = Number.NaN;
    else if (this.distinct) this.numbers[at] = this.numberOf(String(value));
    // Times as whole microseconds, EM 13's precision: the radix sort takes integers only.
    else if (this.field.kind === 'dateTime') this.numbers[at] = Math.round(Number(value) * 1000);
    else this.numbers[at] = Number(value);
  }

  /**
   * Positions of the rows added, in the field's order: ascending puts rows without a value last,
   * descending is its exact reverse, so they come first; rows with equal keys keep the order they
   * were added in, either way (what a stable sort with a reversed comparator does).
   */
  order(descending: boolean): Uint32Array {
    return completed(this.orderSteps(descending));
  }

  /** `order`, pausing between the passes of its sort. */
  *orderSteps(descending: boolean): Stepwise<Uint32Array> {
    if (this.distinct && this.distinct.size > 0) yield* this.rankDistinct(this.distinct);
    return (
      (yield* radixOrderSteps(this.numbers, this.width, this.count, descending)) ??
      this.comparedOrder(descending)
    );
  }

  private numberOf(value: string): number {
    const distinct = this.distinct as Map<string, number>;
    let number = distinct.get(value);
    if (number === undefined) {
      number = distinct.size;
      distinct.set(value, number);
    }
    return number;
  }

  /**
   * Replaces the numbers of distinct strings by their ranks in EM's case-insensitive order,
   * pausing as it ranks them and every `RANKED_ROWS_PER_STEP` rows.
   */
  private *rankDistinct(distinct: Map<string, number>): Stepwise<void> {
    const ranks = yield* ranksOfSteps([...distinct.keys()]);
    distinct.clear();
    for (let position = 0; position < this.count; position++) {
      const number = this.numbers[position] as number;
      if (!Number.isNaN(number)) this.numbers[position] = ranks[number] as number;
      if (position % RANKED_ROWS_PER_STEP === RANKED_ROWS_PER_STEP - 1) yield;
    }
  }

  /** The same order by comparisons, for keys that are not all integers. */
  private comparedOrder(descending: boolean): Uint32Array {
    const order = new Uint32Array(this.count);
    for (let position = 0; position < order.length; position++) order[position] = position;
    const numbers = this.numbers;
    const width = this.width;
    const sign = descending ? -1 : 1;
    return order.sort((a, b) => {
      const atA = a * width;
      const atB = b * width;
      const x = numbers[atA] as number;
      const y = numbers[atB] as number;
      // NaN: no value.
      if (Number.isNaN(x)) return Number.isNaN(y) ? a - b : sign;
      if (Number.isNaN(y)) return -sign;
      for (let i = 0; i < width; i++) {
        const difference = (numbers[atA + i] as number) - (numbers[atB + i] as number);
        if (difference !== 0) return difference < 0 ? -sign : sign;
      }
      return a - b;
    });
  }
}
