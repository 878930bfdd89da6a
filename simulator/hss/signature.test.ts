import { describe, expect, it } from 'vitest';
import { canonicalQuery, canonicalUri, formatSdkDate, parseSdkDate, signRequest, verify } from './signature';

const vectorHeaders = { Host: 'service.endpoint.myhuaweicloud.com', 'X-Sdk-Date': '20200608T023900Z' };

describe('signRequest against Huawei published vectors', () => {
  it('signs a GET with an empty body', () => {
    const out = signRequest({ method: 'GET', path: '/resources', query: 'size=1', headers: vectorHeaders }, 'AccessKey', 'SecretKey');
    expect(out.signature).toBe('cfb4171acec81de07d50e53d57eb77edd537414d66ddb1d7d780f128e12cd842');
    expect(out.authorization).toBe(
      'SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=host;x-sdk-date, Signature=cfb4171acec81de07d50e53d57eb77edd537414d66ddb1d7d780f128e12cd842',
    );
  });

  it('signs a POST with a JSON body', () => {
    const out = signRequest(
      { method: 'POST', path: '/resources', query: { size: '1' }, headers: vectorHeaders, body: '{"name":"test","id":1}' },
      'AccessKey',
      'SecretKey',
    );
    expect(out.signature).toBe('436b1ac0a1ae03705934bb70ef2f2e09f7bfed2117d731a38235053199323a1f');
  });

  it('refuses to sign without X-Sdk-Date or Host', () => {
    expect(() => signRequest({ method: 'GET', path: '/', headers: { Host: 'h' } }, 'a', 'b')).toThrow(/X-Sdk-Date/);
    expect(() => signRequest({ method: 'GET', path: '/', headers: { 'X-Sdk-Date': '20200608T023900Z' } }, 'a', 'b')).toThrow(/Host/);
  });
});

describe('canonical forms', () => {
  it('encodes each path segment and always ends with a slash', () => {
    expect(canonicalUri('/v5/p1/a b/ü')).toBe('/v5/p1/a%20b/%C3%BC/');
    expect(canonicalUri('/v5/p1/a%20b/')).toBe('/v5/p1/a%20b/');
    expect(canonicalUri("/x/it's*")).toBe('/x/it%27s%2A/');
  });

  it('sorts query keys then values and keeps repeated keys', () => {
    expect(canonicalQuery('b=2&a=z&a=y&c')).toBe('a=y&a=z&b=2&c=');
    expect(canonicalQuery({ q: ['2', '1'], 'a b': 'x+y' })).toBe('a%20b=x%2By&q=1&q=2');
    // Decoded order, as the SDKs sort: "~" before "é", though "%C3%A9" would sort first encoded.
    expect(canonicalQuery('%C3%A9=1&~=2')).toBe('~=2&%C3%A9=1');
  });

  it('round-trips the X-Sdk-Date format', () => {
    const ms = Date.UTC(2020, 5, 8, 2, 39, 0);
    expect(formatSdkDate(ms)).toBe('20200608T023900Z');
    expect(parseSdkDate('20200608T023900Z')).toBe(ms);
    expect(parseSdkDate('2020-06-08T02:39:00Z')).toBeUndefined();
  });
});

describe('verify', () => {
  const now = Date.UTC(2020, 5, 8, 2, 40, 0);
  const headers = { host: 'service.endpoint.myhuaweicloud.com', 'x-sdk-date': '20200608T023900Z' };
  const signed = signRequest({ method: 'GET', path: '/resources', query: 'size=1', headers }, 'AccessKey', 'SecretKey');
  const received = {
    method: 'GET',
    rawPath: '/resources',
    rawQuery: 'size=1',
    headers: { ...headers, authorization: signed.authorization },
    body: Buffer.alloc(0),
  };
  const secretFor = (ak: string) => (ak === 'AccessKey' ? 'SecretKey' : undefined);

  it('accepts the request it signed', () => {
    expect(verify(received, secretFor, now)).toEqual({ ok: true, ak: 'AccessKey' });
  });

  it('names the reason for each refusal', () => {
    expect(verify({ ...received, rawQuery: 'size=2' }, secretFor, now)).toMatchObject({ ok: false, reason: 'bad-signature' });
    expect(verify(received, () => undefined, now)).toMatchObject({ ok: false, reason: 'unknown-ak' });
    expect(verify(received, secretFor, now + 20 * 60 * 1000)).toMatchObject({ ok: false, reason: 'stale-date' });
    expect(verify({ ...received, headers: { host: headers.host } }, secretFor, now)).toMatchObject({ ok: false, reason: 'missing' });
    expect(verify({ ...received, headers: { ...received.headers, authorization: 'Bearer x' } }, secretFor, now)).toMatchObject({
      ok: false,
      reason: 'malformed',
    });
  });

  it('requires host among the signed headers', () => {
    const noHost = signRequest({ method: 'GET', path: '/resources', headers: { 'x-sdk-date': '20200608T023900Z', host: 'h' } }, 'AccessKey', 'SecretKey');
    const forged = noHost.authorization.replace('SignedHeaders=host;x-sdk-date', 'SignedHeaders=x-sdk-date');
    const result = verify({ ...received, rawQuery: '', headers: { ...headers, authorization: forged } }, secretFor, now);
    expect(result).toMatchObject({ ok: false, reason: 'host-not-signed' });
  });
});
