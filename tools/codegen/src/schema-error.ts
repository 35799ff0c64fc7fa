/** A schemas/em/ file breaks the vocabulary of schemas/README.md. */
export class SchemaError extends Error {
  override readonly name = 'SchemaError';

  constructor(
    /** The schema file, relative to the schema folder. */
    readonly file: string,
    /** JSON pointer to the offending value inside the file. */
    readonly pointer: string,
    readonly reason: string,
  ) {
    super(`${file}${pointer ? `#${pointer}` : ''}: ${reason}`);
  }
}
