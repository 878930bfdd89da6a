import { describe, expect, it } from 'vitest';
import { setTestEnv } from '@/lib/testing/bff';

setTestEnv('http://127.0.0.1:9');
const { clientAddress, peerStamp } = await import('./client-address');
const { parseEnv } = await import('./env');

const stamped = (peer: string, more: Record<string, string> = {}) => new Headers([peerStamp(peer), ...Object.entries(more)]);

describe('clientAddress', () => {
  it('is the socket peer; without TRUSTED_PROXIES no X-Forwarded-For is believed, however it rotates', () => {
    for (let i = 0; i < 5; i++) {
      expect(clientAddress(stamped('127.0.0.1', { 'x-forwarded-for': `203.0.113.${i}` }), [])).toBe('127.0.0.1');
    }
    expect(clientAddress(stamped('::ffff:192.0.2.4'), [])).toBe('192.0.2.4');
  });

  it('ignores a peer header the client wrote itself (it cannot know the process tag)', () => {
    expect(clientAddress(new Headers({ 'x-scandeck-peer': 'guess 198.51.100.1', 'x-forwarded-for': '198.51.100.1' }), [])).toBe('unknown');
  });

  it('reads X-Forwarded-For right to left only while the hop is a trusted proxy', () => {
    const trusted = ['10.0.0.0/8', '192.0.2.10'];
    // The proxy appended the client it saw; whatever the client wrote before that is ignored.
    expect(clientAddress(stamped('10.1.2.3', { 'x-forwarded-for': '1.2.3.4, 203.0.113.9' }), trusted)).toBe('203.0.113.9');
    // Two trusted hops, then the client.
    expect(clientAddress(stamped('192.0.2.10', { 'x-forwarded-for': '1.2.3.4, 203.0.113.9, 10.0.0.7' }), trusted)).toBe('203.0.113.9');
    // A peer that is not a trusted proxy: its header is not believed.
    expect(clientAddress(stamped('198.51.100.2', { 'x-forwarded-for': '203.0.113.9' }), trusted)).toBe('198.51.100.2');
    // A trusted proxy that sent no header, or garbage: the proxy itself is what is known.
    expect(clientAddress(stamped('10.1.2.3'), trusted)).toBe('10.1.2.3');
    expect(clientAddress(stamped('10.1.2.3', { 'x-forwarded-for': 'not-an-ip' }), trusted)).toBe('10.1.2.3');
  });

  it('TRUSTED_PROXIES takes addresses and CIDR ranges, and names a bad entry at start-up', () => {
    const base = {
      DIRECTOR_URL: 'http://d.test',
      DIRECTOR_ACCESS_KEY: 'a',
      DIRECTOR_SECRET_KEY: 's',
      DASHBOARD_USERS_FILE: '/u.json',
      AUTH_SECRET: 'x'.repeat(32),
    };
    expect(parseEnv({ ...base, TRUSTED_PROXIES: '10.0.0.0/8, ::1, 192.0.2.1/32' }).trustedProxies).toEqual(['10.0.0.0/8', '::1', '192.0.2.1/32']);
    expect(parseEnv(base).trustedProxies).toEqual([]);
    expect(() => parseEnv({ ...base, TRUSTED_PROXIES: '10.0.0.0/33' })).toThrow(/TRUSTED_PROXIES: "10.0.0.0\/33" is not an address or CIDR range/);
    expect(() => parseEnv({ ...base, TRUSTED_PROXIES: 'proxy.example.org' })).toThrow(/TRUSTED_PROXIES/);
  });
});
