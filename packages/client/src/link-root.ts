import { type Link, type RootElementName, rootElements } from '@vbem/model';
import { SUMMARY_REPORT_FRAMES } from './resources/summary-report-frames.js';

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
  if (Object.hasOwn(rootElements, type)) return type as RootElementName;
  return rootOfType.get(type);
}

/**
 * The root element a link leads to: its `Type`'s (see rootOfLinkType), or for the summary
 * report's links, all of Type `ReportFrame`, the frame its path names.
 */
export function rootOfLink(link: Link): RootElementName | undefined {
  if (link.Type !== 'ReportFrame') return rootOfLinkType(link.Type);
  const frame = /\/reports\/summary\/([a-z_]+)\/?(?:[?#]|$)/i.exec(link.Href)?.[1]?.toLowerCase();
  return frame !== undefined && Object.hasOwn(SUMMARY_REPORT_FRAMES, frame)
    ? SUMMARY_REPORT_FRAMES[frame as keyof typeof SUMMARY_REPORT_FRAMES]
    : undefined;
}
