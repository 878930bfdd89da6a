import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { createRng } from '@/simulator/data/prng';
import { canonicalQuery, canonicalUri, sdkDate, signRequest } from './signer';

// The official SDK's signer, a dev dependency used only here as the reference implementation.
const require = createRequire(import.meta.url);
const { AKSKSigner } = require('@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner') as {
  AKSKSigner: {
    sign(
      request: { method: string; endpoint: string; headers: Record<string, string>; queryParams: Record<string, string | string[]>; data?: unknown },
      credential: { getAk(): string; getSk(): string },
    ): Record<string, string>;
  };
};

const vector = { ak: 'AccessKey', sk: 'SecretKey' };
const vectorHeaders = { host: 'service.endpoint.myhuaweicloud.com', 'X-Sdk-Date': '20200608T023900Z' };

describe('published vectors', () => {
  it('signs the GET vector', () => {
    const out = signRequest({ method: 'GET', path: '/resources', query: [['size', '1']], headers: vectorHeaders, body: '' }, vector);
    expect(out.signature).toBe('cfb4171acec81de07d50e53d57eb77edd537414d66ddb1d7d780f128e12cd842');
    expect(out.authorization).toBe(
      'SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=host;x-sdk-date, Signature=cfb4171acec81de07d50e53d57eb77edd537414d66ddb1d7d780f128e12cd842',
    );
  });

  it('signs the POST vector', () => {
    const out = signRequest({ method: 'post', path: '/resources', query: [['size', '1']], headers: vectorHeaders, body: '{"name":"test","id":1}' }, vector);
    expect(out.signature).toBe('436b1ac0a1ae03705934bb70ef2f2e09f7bfed2117d731a38235053199323a1f');
  });

  it('changes the signature when any signed part changes', () => {
    const base = { method: 'GET', path: '/resources', query: [['size', '1']] as Array<[string, string]>, headers: vectorHeaders, body: '' };
    const reference = signRequest(base, vector).signature;
    expect(signRequest({ ...base, query: [['size', '2']] }, vector).signature).not.toBe(reference);
    expect(signRequest({ ...base, path: '/resource' }, vector).signature).not.toBe(reference);
    expect(signRequest({ ...base, body: ' ' }, vector).signature).not.toBe(reference);
    expect(signRequest(base, { ...vector, sk: 'SecretKey2' }).signature).not.toBe(reference);
    expect(signRequest({ ...base, headers: { ...vectorHeaders, host: 'service.endpoint.myhuaweicloud.com:8443' } }, vector).signature).not.toBe(reference);
  });

  it('refuses to sign without host or date', () => {
    expect(() => signRequest({ method: 'GET', path: '/', query: [], headers: { host: 'h' }, body: '' }, vector)).toThrow(/x-sdk-date/);
    expect(() => signRequest({ method: 'GET', path: '/', query: [], headers: { 'x-sdk-date': '20200608T023900Z' }, body: '' }, vector)).toThrow(/host/);
  });
});

describe('canonical forms', () => {
  it('encodes each path segment once and ends with a slash', () => {
    expect(canonicalUri('/v5/p/a b/ü')).toBe('/v5/p/a%20b/%C3%BC/');
    expect(canonicalUri('/v5/p/a%20b')).toBe('/v5/p/a%20b/');
    expect(canonicalUri("/x/it's*~")).toBe('/x/it%27s%2A~/');
  });

  it('sorts by raw key then value and keeps repeated keys', () => {
    expect(
      canonicalQuery([
        ['b', '2'],
        ['a', 'z'],
        ['a', 'y'],
        ['c', ''],
      ]),
    ).toBe('a=y&a=z&b=2&c=');
    // Raw order puts "~" before "é"; sorting the encoded forms would put "%C3%A9" first.
    expect(
      canonicalQuery([
        ['é', '1'],
        ['~', '2'],
      ]),
    ).toBe('~=2&%C3%A9=1');
  });

  it('formats X-Sdk-Date in UTC', () => {
    expect(sdkDate(Date.UTC(2020, 5, 8, 2, 39, 0, 999))).toBe('20200608T023900Z');
  });
});

describe('agreement with @huaweicloud/huaweicloud-sdk-core on generated requests', () => {
  // Characters Node's legacy url.parse (inside the SDK) leaves alone in a path; it escapes ' and
  // spaces itself, which would make the SDK sign "%2527" for a quote.
  const pathAlphabet = 'abcXYZ019-._~!$&()*+,;=:@é中😀';
  const queryAlphabet = "abcXYZ019-._~!$'()*+,;:@/?é中😀 %&=#[]";
  const rng = createRng(20_240_611);
  const word = (alphabet: string, max: number) => {
    const chars = [...alphabet];
    return Array.from({ length: rng.int(1, max) }, () => rng.pick(chars)).join('');
  };

  it('gives the same Authorization for 500 requests', () => {
    for (let i = 0; i < 500; i++) {
      const segments = Array.from({ length: rng.int(1, 4) }, () => word(pathAlphabet, 8));
      const path = `/v5/${segments.join('/')}${rng.chance(0.3) ? '/' : ''}`;
      const queryParams: Record<string, string | string[]> = {};
      for (let k = rng.int(0, 5); k > 0; k--) {
        const key = word(queryAlphabet, 6);
        const values = Array.from({ length: rng.chance(0.3) ? rng.int(2, 3) : 1 }, () => (rng.chance(0.1) ? '' : word(queryAlphabet, 10)));
        queryParams[key] = values.length === 1 ? values[0]! : values;
      }
      // A key drawn twice overwrites the first draw, so the pairs come from the final object.
      const finalPairs = Object.entries(queryParams).flatMap(([k, v]) =>
        Array.isArray(v) ? v.map((x): [string, string] => [k, x]) : [[k, v] as [string, string]],
      );
      const method = rng.pick(['GET', 'POST', 'PUT', 'DELETE']);
      const data = method === 'POST' || method === 'PUT' ? { name: word(queryAlphabet, 12), n: rng.int(0, 1000) } : undefined;
      const host = rng.chance(0.5) ? 'hss.cn-north-4.myhuaweicloud.com' : '127.0.0.1:4500';
      const date = sdkDate(Date.UTC(2024, rng.int(0, 11), rng.int(1, 28), rng.int(0, 23), rng.int(0, 59), rng.int(0, 59)));
      const headers = { 'X-Sdk-Date': date, host, 'X-Project-Id': word('abcdef0123456789', 32), 'Content-Type': 'application/json' };
      const credentials = { ak: word('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 20), sk: word('abcdefABCDEF0123456789+/', 40) };

      const sdk = AKSKSigner.sign(
        { method, endpoint: `https://${host}${path}`, headers: { ...headers }, queryParams: structuredClone(queryParams), data },
        { getAk: () => credentials.ak, getSk: () => credentials.sk },
      );
      const ours = signRequest({ method, path, query: finalPairs, headers, body: data === undefined ? '' : JSON.stringify(data) }, credentials);
      expect(ours.authorization, `${method} ${path} ${JSON.stringify(queryParams)}`).toBe(sdk.Authorization);
    }
  });
});
