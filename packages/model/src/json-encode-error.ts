import { VbemError } from './vbem-error.js';

/** A model value that cannot be written as EM JSON: a required property is missing, a value has the wrong type, or a choice has two members; or an option of `toJson` outside its type (path ''). */
export class JsonEncodeError extends VbemError {
  override readonly name = 'JsonEncodeError';

  constructor(
    readonly reason: string,
    readonly path: string,
  ) {
    super(`${reason} (${path || '/'})`);
  }
}
