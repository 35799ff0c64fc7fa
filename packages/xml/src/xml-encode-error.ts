import { VbemError } from '@vbem/model';

/** A value cannot be written as EM XML: a required property is missing, or a value has the wrong type. */
export class XmlEncodeError extends VbemError {
  override readonly name = 'XmlEncodeError';

  constructor(
    readonly reason: string,
    /** Where in the value: `/BackupJobSession/Links[2]/Href`. */
    readonly path: string,
  ) {
    super(path ? `${reason} (${path})` : reason);
  }
}
