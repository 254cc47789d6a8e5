import { describe, expect, it } from 'vitest';
import { connectedGroups } from '../src/connected-groups.js';

describe('connectedGroups', () => {
  it('joins items that share a key through a chain of other items', () => {
    const items = [
      { id: 'a', keys: ['x'] },
      { id: 'b', keys: ['y'] },
      { id: 'c', keys: ['x', 'z'] },
      { id: 'd', keys: ['z'] },
      { id: 'e', keys: ['y', 'w'] },
      { id: 'f', keys: [] },
    ];
    const groups = connectedGroups(items, (i) => i.keys).map((g) => g.map((i) => i.id));
    expect(groups).toEqual([['a', 'c', 'd'], ['b', 'e'], ['f']]);
  });

  it('keeps groups in the order of their first item when a later item joins two groups', () => {
    const groups = connectedGroups(['1:p', '2:q', '3:p,q'], (s) => (s.split(':')[1] ?? '').split(','));
    expect(groups).toEqual([['1:p', '2:q', '3:p,q']]);
  });
});
