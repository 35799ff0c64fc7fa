import { type ObjectTypeName, type RootElementName, rootElements } from './generated/index.gen.js';

/**
 * The model type of a root element name, or undefined when no EM type declares it (own keys only;
 * from JavaScript, undefined for what is no string, whose conversion to a key could throw).
 */
export const typeOfRoot = (root: string): ObjectTypeName | undefined =>
  typeof root === 'string' && Object.hasOwn(rootElements, root)
    ? rootElements[root as RootElementName]
    : undefined;
