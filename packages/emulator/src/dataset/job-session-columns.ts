import type { JobSessionTable } from './dataset.js';
import type { GuidCodec } from './dataset-guid.js';
import { withMicroseconds } from './microsecond-time.js';

/** The stored columns of a JobSessionTable, without its computed id lookups. */
export type JobSessionColumns = Omit<JobSessionTable, 'id' | 'rowOf'>;

/** Growable columns, filled job by job in generation order. */
export class JobSessionColumnsBuilder {
  count = 0;
  jobIndex: Uint32Array;
  creationTime: Float64Array;
  endTime: Float64Array;
  state: Uint8Array;
  result: Uint8Array;
  progress: Uint8Array;
  isRetry: Uint8Array;

  constructor(capacity: number) {
    this.jobIndex = new Uint32Array(capacity);
    this.creationTime = new Float64Array(capacity);
    this.endTime = new Float64Array(capacity);
    this.state = new Uint8Array(capacity);
    this.result = new Uint8Array(capacity);
    this.progress = new Uint8Array(capacity);
    this.isRetry = new Uint8Array(capacity);
  }

  push(
    jobIndex: number,
    creationTime: number,
    endTime: number,
    state: number,
    result: number,
    progress: number,
    isRetry: number,
  ): void {
    const row = this.count;
    if (row === this.jobIndex.length) this.grow();
    this.jobIndex[row] = jobIndex;
    this.creationTime[row] = withMicroseconds(creationTime);
    this.endTime[row] = withMicroseconds(endTime);
    this.state[row] = state;
    this.result[row] = result;
    this.progress[row] = progress;
    this.isRetry[row] = isRetry;
    this.count = row + 1;
  }

  private grow(): void {
    const capacity = Math.max(16, Math.ceil(this.jobIndex.length * 1.5));
    const grown = <Column extends Uint8Array | Uint32Array | Float64Array>(
      column: Column,
      larger: Column,
    ): Column => {
      larger.set(column);
      return larger;
    };
    this.jobIndex = grown(this.jobIndex, new Uint32Array(capacity));
    this.creationTime = grown(this.creationTime, new Float64Array(capacity));
    this.endTime = grown(this.endTime, new Float64Array(capacity));
    this.state = grown(this.state, new Uint8Array(capacity));
    this.result = grown(this.result, new Uint8Array(capacity));
    this.progress = grown(this.progress, new Uint8Array(capacity));
    this.isRetry = grown(this.isRetry, new Uint8Array(capacity));
  }

  /** The rows sorted by creation time (ties in generation order), in exactly sized columns. */
  sortedByCreationTime(): JobSessionColumns {
    const count = this.count;
    const creationTime = this.creationTime;
    const order = new Uint32Array(count);
    for (let row = 0; row < count; row++) order[row] = row;
    order.sort((a, b) => (creationTime[a] as number) - (creationTime[b] as number) || a - b);
    const permuted = <Column extends Uint8Array | Uint32Array | Float64Array>(
      column: Column,
      target: Column,
    ): Column => {
      for (let row = 0; row < count; row++) target[row] = column[order[row] as number] as number;
      return target;
    };
    return {
      count,
      jobIndex: permuted(this.jobIndex, new Uint32Array(count)),
      creationTime: permuted(creationTime, new Float64Array(count)),
      endTime: permuted(this.endTime, new Float64Array(count)),
      state: permuted(this.state, new Uint8Array(count)),
      result: permuted(this.result, new Uint8Array(count)),
      progress: permuted(this.progress, new Uint8Array(count)),
      isRetry: permuted(this.isRetry, new Uint8Array(count)),
    };
  }
}

export function jobSessionTable(columns: JobSessionColumns, codec: GuidCodec): JobSessionTable {
  const { count } = columns;
  return {
    ...columns,
    id(row: number): string {
      if (!Number.isInteger(row) || row < 0 || row >= count) {
        throw new RangeError(`Job session row ${row} is outside 0..${count - 1}`);
      }
      return codec.format(row);
    },
    rowOf(id: string): number {
      const parsed = codec.parse(id);
      return parsed !== undefined && parsed.sub === 0 && parsed.index < count ? parsed.index : -1;
    },
  };
}
