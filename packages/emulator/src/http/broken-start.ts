import { objectTypeDescriptors, type RootElementName, rootElements } from '@vbem/model';
import { EM_NAMESPACE } from '@vbem/xml';

/**
 * The body of a fault that spoils an answer without acting on the request: the start of the
 * answer the route would give, cut short so that it is never well-formed. In XML the declaration
 * and the root's start tag up to its namespace (`<Jobs xmlns="…"`, where the attributes or the
 * `>` would follow); in JSON the opening brace and the root type's first key, as the emulated EM
 * writes it (`{"Refs":` on EM 12, `{"refs":` on EM 13). A route that answers no body
 * (`undefined`) gets a bare `<` or `{`.
 */
export function brokenStart(
  root: RootElementName | undefined,
  json: boolean,
  emVersion: 12 | 13,
): string {
  if (!json) {
    return root === undefined
      ? '<'
      : `<?xml version="1.0" encoding="utf-8"?><${root} xmlns="${EM_NAMESPACE}"`;
  }
  if (root === undefined) return '{';
  const type = objectTypeDescriptors[rootElements[root]];
  // The emulator writes JSON keys in the model's order: attributes, then elements.
  const first = type.attributes[0] ?? type.elements[0];
  if (first === undefined) return '{';
  const key = emVersion === 13 ? first.camelName : (first.jsonName ?? first.name);
  return `{${JSON.stringify(key)}:`;
}
