import { describe, expect, it } from 'vitest';
import { formatGroupAssign, formatZoneSelection, safeLinkHref, splitAddresses } from './organization-format';

describe('safeLinkHref', () => {
  it('gives http and https links an href, keeping the %IP% template', () => {
    expect(safeLinkHref('https://isc.sans.edu/ipinfo.html?ip=%IP%')).toBe('https://isc.sans.edu/ipinfo.html?ip=%IP%');
    expect(safeLinkHref('http://whois.arin.net/rest/ip/%IP%')).toBe('http://whois.arin.net/rest/ip/%IP%');
    expect(safeLinkHref(' HTTPS://example.test/x ')).toBe('https://example.test/x');
  });

  it('refuses every other scheme and anything that is not a URL', () => {
    for (const link of [
      'javascript:alert(1)',
      'JavaScript:alert(1)',
      'data:text/html,<b>x</b>',
      'file:///etc/passwd',
      'ftp://x.test/',
      '//evil.test/x',
      '/relative',
      'not a url',
      '',
    ]) {
      expect(safeLinkHref(link), link).toBeUndefined();
    }
  });
});

describe('organization values', () => {
  it('names zone selection modes and keeps an unknown one as sent', () => {
    expect(formatZoneSelection('auto_only')).toBe('Automatic only');
    expect(formatZoneSelection('future_mode')).toBe('future_mode');
    expect(formatZoneSelection(undefined)).toBe('—');
  });

  it('names the documented group assignments and keeps others as sent', () => {
    expect(formatGroupAssign('fullAccess')).toBe('Full access');
    expect(formatGroupAssign('all')).toBe('All groups');
    expect(formatGroupAssign('partial')).toBe('partial');
  });

  it('splits restricted IPs on commas, spaces and new lines', () => {
    expect(splitAddresses('10.0.0.0/16, 192.168.1.1\n10.1.1.1-10.1.1.9')).toEqual(['10.0.0.0/16', '192.168.1.1', '10.1.1.1-10.1.1.9']);
    expect(splitAddresses('')).toEqual([]);
  });
});
