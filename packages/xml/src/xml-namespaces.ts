/** The namespace the prefix `xml` is bound to, and may only be (`xml:space`, `xml:lang`). */
export const XML_NAMESPACE = 'http://www.w3.org/XML/1998/namespace';

/** The XML Schema instance namespace (`xsi:nil`, `xsi:type`), which .NET's serializer writes. */
export const XSI_NAMESPACE = 'http://www.w3.org/2001/XMLSchema-instance';
