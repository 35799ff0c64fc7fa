import type { FieldDescriptor, ObjectTypeDescriptor } from '../descriptor.js';
import { formatEmDateTime } from '../em-date-time.js';
import {
  type ObjectTypeName,
  objectTypeDescriptors,
  type RootElementName,
  type RootValue,
} from '../generated/index.gen.js';
import { JsonEncodeError } from '../json-encode-error.js';
import { typeOfRoot } from '../root-type.js';
import { scalarValueProblem } from '../scalar-check.js';
import { timeOfDate } from '../time-of-date.js';
import type { JsonCasing } from './json-casing.js';
import { jsonKeys } from './json-keys.js';

export interface ToJsonOptions {
  /** `pascal` as EM 12 writes (the default), `camel` as EM 13 writes. */
  readonly casing?: JsonCasing | undefined;
  /** Six fraction digits in dates, as EM 13 writes JSON (default: EM 12's trimmed milliseconds). */
  readonly microseconds?: boolean | undefined;
}

interface JsonStyle {
  readonly camel: boolean;
  readonly microseconds: boolean;
}

const CASINGS: readonly unknown[] = ['pascal', 'camel'] satisfies JsonCasing[];

/** An option's value in an error message; an object by its type only (its toString may throw). */
const describeOption = (value: unknown): string =>
  typeof value === 'string'
    ? JSON.stringify(value)
    : typeof value === 'object' && value !== null
      ? 'an object'
      : String(value);

/**
 * The style the options ask for. JsonEncodeError for a value outside the types (from JavaScript):
 * `casing: 'kebab'` or `'Camel'` would otherwise write PascalCase without a word.
 */
function jsonStyleOf(options: ToJsonOptions): JsonStyle {
  if (typeof options !== 'object' || options === null) {
    throw new JsonEncodeError(`options must be an object, got ${describeOption(options)}`, '');
  }
  const { casing = 'pascal', microseconds = false } = options;
  if (!CASINGS.includes(casing)) {
    throw new JsonEncodeError(
      `casing must be 'pascal' or 'camel', got ${describeOption(casing)}`,
      '',
    );
  }
  if (typeof microseconds !== 'boolean') {
    throw new JsonEncodeError(
      `microseconds must be true or false, got ${describeOption(microseconds)}`,
      '',
    );
  }
  return { camel: casing === 'camel', microseconds };
}

/**
 * Writes a model value as EM's JSON (a plain object for `JSON.stringify`): every property of the
 * type present, `null` where absent, lists as arrays under their own name, dates as EM writes
 * them. Refuses a missing required value, an unknown property, a wrongly typed value or more
 * than one member of a choice (`Refs` and `Entities` of a query result), and an option outside
 * its type (`casing` other than 'pascal' or 'camel', `microseconds` other than a boolean).
 */
export function toJson<Root extends RootElementName>(
  root: Root,
  value: RootValue<Root>,
  options: ToJsonOptions = {},
): Record<string, unknown> {
  const style = jsonStyleOf(options);
  const type = typeOfRoot(root);
  if (!type) throw new JsonEncodeError(`no EM type has the root element ${String(root)}`, '');
  return writeObject(value, objectTypeDescriptors[type], style, '');
}

function writeObject(
  value: unknown,
  descriptor: ObjectTypeDescriptor,
  style: JsonStyle,
  path: string,
): Record<string, unknown> {
  if (
    typeof value !== 'object' ||
    value === null ||
    Array.isArray(value) ||
    timeOfDate(value) !== undefined
  ) {
    throw new JsonEncodeError(`expected a ${descriptor.name} object`, path);
  }
  const record = value as Record<string, unknown>;
  const { fields, pascalKeys, names, choices } = jsonKeys(descriptor);
  for (const key in record) {
    if (!names.has(key) && record[key] !== undefined)
      throw new JsonEncodeError(`${descriptor.name} has no property ${key}`, `${path}/${key}`);
  }
  // At most one member of a choice (XSD `xs:choice`), as `@vbem/xml`'s `encode` requires.
  for (const members of choices) {
    const present = members.filter((field) => record[field.name] != null);
    if (present.length > 1) {
      throw new JsonEncodeError(
        `only one of ${present.map((field) => field.name).join(', ')} may be set`,
        path,
      );
    }
  }
  const out: Record<string, unknown> = {};
  for (let index = 0; index < fields.length; index++) {
    const field = fields[index] as FieldDescriptor;
    const key = style.camel ? field.camelName : (pascalKeys[index] as string);
    const item = record[field.name];
    const at = `${path}/${field.name}`;
    if (item === undefined || item === null) {
      if (field.required && !field.list)
        throw new JsonEncodeError(`required property ${field.name} is missing`, at);
      out[key] = field.list ? [] : null;
    } else if (field.list) {
      if (!Array.isArray(item)) throw new JsonEncodeError(`${field.name} must be an array`, at);
      out[key] = item.map((entry, position) =>
        writeValue(field, entry, style, `${at}/${position}`),
      );
    } else {
      out[key] = writeValue(field, item, style, at);
    }
  }
  return out;
}

function writeValue(
  field: FieldDescriptor,
  value: unknown,
  style: JsonStyle,
  path: string,
): unknown {
  if (field.kind === 'object')
    return writeObject(value, objectTypeDescriptors[field.ref as ObjectTypeName], style, path);
  const problem = scalarValueProblem(field, value);
  if (problem) throw new JsonEncodeError(`${field.name} ${problem}`, path);
  // By the field's kind, not instanceof: a Date of another realm is one too.
  return field.kind === 'dateTime'
    ? formatEmDateTime(value as Date, { microseconds: style.microseconds })
    : value;
}
