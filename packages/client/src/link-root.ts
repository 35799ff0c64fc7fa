import { type RootElementName, rootElements } from '@vbem/model';

const rootOfType = new Map<string, RootElementName>(
  Object.entries(rootElements).map(([root, type]) => [type, root as RootElementName]),
);

/**
 * The root element a link leads to, from its `Type`: `…ReferenceList` is `EntityReferences`,
 * `…Reference` is `EntityRef`, `…List` the plural list element, else the type's own element.
 * Undefined for types the model does not know (e.g. `VmRestorePoint`).
 */
export function rootOfLinkType(type: string | undefined): RootElementName | undefined {
  if (!type) return undefined;
  if (type.endsWith('ReferenceList')) return 'EntityReferences';
  if (type.endsWith('Reference')) return 'EntityRef';
  if (type in rootElements) return type as RootElementName;
  return rootOfType.get(type);
}
