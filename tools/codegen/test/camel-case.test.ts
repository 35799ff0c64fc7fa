import { describe, expect, it } from 'vitest';
import { toCamelCase } from '../src/index.js';

describe('toCamelCase (Newtonsoft rules, as EM 13 writes JSON keys)', () => {
  it.each([
    ['IsRetry', 'isRetry'],
    ['JobUid', 'jobUid'],
    ['CreationTimeUTC', 'creationTimeUTC'],
    ['UID', 'uid'],
    ['VmUid', 'vmUid'],
    ['FSFileExcludeOptions', 'fsFileExcludeOptions'],
    ['PageNum', 'pageNum'],
    ['Links', 'links'],
    ['Href', 'href'],
    ['A', 'a'],
    ['already', 'already'],
    ['', ''],
  ])('%s → %s', (pascal, camel) => {
    expect(toCamelCase(pascal)).toBe(camel);
  });
});
