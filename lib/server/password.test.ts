import { describe, expect, it } from 'vitest';
import { dummyHash, hashPassword, verifyPassword } from './password';

describe('password hashing', () => {
  it('hashes in the scrypt$N$r$p$salt$hash format and verifies', async () => {
    const hash = await hashPassword('correct horse battery');
    expect(hash).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(await verifyPassword('correct horse battery', hash)).toBe(true);
    expect(await verifyPassword('correct horse batterY', hash)).toBe(false);
  });

  it('salts each hash', async () => {
    expect(await hashPassword('same password')).not.toBe(await hashPassword('same password'));
  });

  it('refuses malformed or abusive hashes without throwing', async () => {
    for (const bad of ['', 'plain', 'bcrypt$1$2$3$4$5', 'scrypt$3$8$1$AAAA$AAAAAAAAAAAAAAAAAAAAAA==', 'scrypt$1073741824$8$1$AAAA$AAAAAAAAAAAAAAAAAAAAAA==']) {
      expect(await verifyPassword('x', bad)).toBe(false);
    }
  });

  it('has a dummy hash that is well-formed and matches nothing ordinary', async () => {
    expect(await verifyPassword('', dummyHash)).toBe(false);
    expect(await verifyPassword('password', dummyHash)).toBe(false);
  });
});
