import { describe, expect, it } from 'vitest';
import { selectionScopeOf } from './row-selection';

describe('selectionScopeOf', () => {
  it('changes with the search or a filter, not with how the filters were written down', () => {
    const scope = selectionScopeOf({ q: 'web', filters: { sciId: '2', orgId: '5' } });
    expect(selectionScopeOf({ q: 'web', filters: { orgId: '5', sciId: '2' } })).toBe(scope);
    expect(selectionScopeOf({ q: 'web2', filters: { sciId: '2', orgId: '5' } })).not.toBe(scope);
    expect(selectionScopeOf({ q: 'web', filters: { sciId: '2' } })).not.toBe(scope);
    expect(selectionScopeOf({ q: 'web', filters: { sciId: '3', orgId: '5' } })).not.toBe(scope);
  });
});
