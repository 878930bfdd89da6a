import 'server-only';
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const defaults = { N: 16384, r: 8, p: 1, keyLength: 32, saltLength: 16 };

function scrypt(password: string, salt: Buffer, keyLength: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scryptCb(password, salt, keyLength, options, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

/** `scrypt$N$r$p$saltB64$hashB64`, so cost parameters can be raised later without breaking old hashes. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(defaults.saltLength);
  const { N, r, p } = defaults;
  const key = await scrypt(password, salt, defaults.keyLength, { N, r, p, maxmem: 128 * N * r * 2 });
  return ['scrypt', N, r, p, salt.toString('base64'), key.toString('base64')].join('$');
}

/** False for a wrong password and for any malformed hash; never throws on input. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [, nText, rText, pText, saltB64, hashB64] = parts as [string, string, string, string, string, string];
  const N = Number(nText);
  const r = Number(rText);
  const p = Number(pText);
  const valid = (n: number, max: number) => Number.isInteger(n) && n > 0 && n <= max;
  // Bounds keep a tampered users file from making a login cost minutes of CPU.
  if (!valid(N, 1 << 20) || (N & (N - 1)) !== 0 || !valid(r, 32) || !valid(p, 16)) return false;
  const salt = Buffer.from(saltB64, 'base64');
  const expected = Buffer.from(hashB64, 'base64');
  if (salt.length === 0 || expected.length < 16 || expected.length > 128) return false;
  try {
    const actual = await scrypt(password, salt, expected.length, { N, r, p, maxmem: 128 * N * r * 2 });
    return timingSafeEqual(actual, expected);
  } catch {
    return false;
  }
}

/** A valid hash of nothing anyone types, so an unknown user costs as much as a wrong password. */
export const dummyHash = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$Y2Fubm90LWJlLWd1ZXNzZWQtaW4tYW55LXdheS0hIQ==';
