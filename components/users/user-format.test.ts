import { describe, expect, it } from 'vitest';
import { fullName, groupLabel, organizationLabel, roleLabel } from './user-format';

describe('user labels', () => {
  it('calls organization 0 "Administrators", never "organization 0"', () => {
    expect(organizationLabel({ id: 0, name: 'Administrator' })).toBe('Administrators');
    expect(organizationLabel({ id: 0, name: '' })).toBe('Administrators');
    expect(organizationLabel({ id: 4, name: 'Finance' })).toBe('Finance');
    expect(organizationLabel({ id: 4, name: '' })).toBe('Organization 4');
  });

  it('names built-in roles with their id and leaves custom roles as ids', () => {
    expect(roleLabel(2)).toBe('Security Manager (2)');
    expect(roleLabel(8)).toBe('Role 8');
  });

  it('says an administrator has no group, and names groups in words rather than bare codes', () => {
    expect(groupLabel(-1)).toBe('None');
    expect(groupLabel(0)).toBe('Full Access');
    expect(groupLabel(7)).toBe('Unknown group (id 7)');
  });

  it('joins whichever names are present', () => {
    expect(fullName({ firstname: 'Ada', lastname: 'Lovelace' })).toBe('Ada Lovelace');
    expect(fullName({ firstname: '', lastname: 'Lovelace' })).toBe('Lovelace');
    expect(fullName({})).toBe('');
  });
});
