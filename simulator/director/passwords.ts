import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

// A low scrypt cost: the simulator only needs to show that it never keeps a clear password,
// and seeding dozens of security managers must stay fast.
const COST = 1024;

export function hashPassword(password: string, salt: Buffer = randomBytes(16)): string {
  const hash = scryptSync(password, salt, 32, { N: COST });
  return `scrypt$${COST}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

export function verifyPassword(password: string, stored: string): boolean {
  const [scheme, cost, saltB64, hashB64] = stored.split('$');
  if (scheme !== 'scrypt' || !cost || !saltB64 || !hashB64) return false;
  const expected = Buffer.from(hashB64, 'base64');
  const actual = scryptSync(password, Buffer.from(saltB64, 'base64'), expected.length, { N: Number(cost) });
  return timingSafeEqual(actual, expected);
}
