export const hex = (value: number, digits: number): string =>
  (value >>> 0).toString(16).padStart(digits, '0');

export const pad2 = (value: number): string => String(value).padStart(2, '0');
