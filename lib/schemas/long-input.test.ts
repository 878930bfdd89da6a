import { afterEach, describe, expect, it, vi } from 'vitest';
import { createScanInput, isScanTarget } from './scan';
import { createSecurityManagerInput, updateSecurityManagerInput } from './security-manager';
import { signOutEverywhereInput } from './session';

const long = (unit: string) => unit.repeat(Math.ceil(60_000 / unit.length));

afterEach(() => vi.restoreAllMocks());

/**
 * Runs `parse` and says the longest string any validation pattern was asked to match. zod's own
 * scan for surrogate pairs (one character class, linear) is left out: it cannot backtrack.
 */
function longestMatched(parse: () => unknown): number {
  let longest = 0;
  const original = RegExp.prototype.test;
  const spy = vi.spyOn(RegExp.prototype, 'test').mockImplementation(function (this: RegExp, value: string) {
    if (this.source !== '[\\uD800-\\uDBFF]' && String(value).length > longest) {
      longest = String(value).length;
    }
    return original.call(this, value);
  });
  try {
    parse();
  } finally {
    spy.mockRestore();
  }
  return longest;
}

describe('length is checked before any pattern (no ReDoS)', () => {
  it('a 60 KB e-mail in a security manager PATCH or POST is refused as too long, never matched', () => {
    const email = `a@${long('a.')}@`;
    const patch = () => updateSecurityManagerInput.safeParse({ email });
    expect(longestMatched(patch)).toBeLessThanOrEqual(320);
    const result = updateSecurityManagerInput.safeParse({ email });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.message)).toEqual(['must be at most 320 characters']);
    expect(longestMatched(() => createSecurityManagerInput.safeParse({ email, username: long('a'), timezone: long('a') }))).toBeLessThanOrEqual(320);
  });

  it('scan targets and schedule fields are measured before their patterns', () => {
    expect(longestMatched(() => isScanTarget(`${long(':')}x`))).toBe(0);
    expect(isScanTarget(`${long(':')}x`)).toBe(false);
    const scan = {
      name: 'x',
      ipList: `${':'.repeat(19_000)}x`,
      schedule: { type: 'ical', start: long('T'), repeatRule: long('F') },
    };
    expect(longestMatched(() => createScanInput.safeParse(scan))).toBeLessThanOrEqual(253);
  });

  it('sign-out everywhere takes a username of at most 64 characters', () => {
    expect(signOutEverywhereInput.safeParse({ username: long('a') }).success).toBe(false);
  });
});
