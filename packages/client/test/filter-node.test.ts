import { describe, expect, it } from 'vitest';
import { nodeOfText, render } from '../src/query/filter-node.js';

describe('nodeOfText', () => {
  it.each(['A==1', 'A==1;B==2', 'A==1,(B==2;C=="x,(y)""")', '(A==1,B==2);(C==3,D==4)'])(
    'reads back what render wrote: %s',
    (text) => {
      expect(render(nodeOfText(text), false)).toBe(text);
    },
  );

  it('drops the parentheses of a text that is one group, and flattens a join in its own', () => {
    expect(nodeOfText('(A==1,B==2)')).toEqual({ join: ',', operands: ['A==1', 'B==2'] });
    expect(nodeOfText('(A==1;B==2);C==3')).toEqual({
      join: ';',
      operands: ['A==1', 'B==2', 'C==3'],
    });
  });

  it('keeps text of another shape whole, in parentheses', () => {
    expect(nodeOfText('A==1;B==2,C==3')).toBe('(A==1;B==2,C==3)');
    expect(nodeOfText('A=="1')).toBe('(A=="1)');
    expect(nodeOfText('A==1)')).toBe('(A==1))');
  });
});
