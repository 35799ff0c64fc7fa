import { type ObjectTypeName, type RootElementName, rootElements } from './generated/index.gen.js';

/** The model type of a root element name, or undefined when no EM type declares it (own keys only). */
export const typeOfRoot = (root: string): ObjectTypeName | undefined =>
  Object.hasOwn(rootElements, root) ? rootElements[root as RootElementName] : undefined;
