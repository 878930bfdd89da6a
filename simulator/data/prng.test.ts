import { describe, expect, it } from 'vitest';
import { createRng, mulberry32 } from './prng';

describe('mulberry32', () => {
  it('gives the reference sequence for seed 1', () => {
    const next = mulberry32(1);
    // Known first outputs of mulberry32(1), so a changed algorithm cannot pass unnoticed.
    expect([next(), next(), next()].map((n) => n.toFixed(10))).toEqual(['0.6270739406', '0.0027357212', '0.5274470400']);
  });
});

describe('createRng', () => {
  it('repeats with the same seed and differs with another', () => {
    const a = createRng(7);
    const b = createRng(7);
    const c = createRng(8);
    const seqA = Array.from({ length: 20 }, () => a.int(0, 1000));
    expect(Array.from({ length: 20 }, () => b.int(0, 1000))).toEqual(seqA);
    expect(Array.from({ length: 20 }, () => c.int(0, 1000))).not.toEqual(seqA);
  });

  it('keeps int within bounds and reaches both ends', () => {
    const rng = createRng(3);
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const n = rng.int(2, 5);
      expect(n).toBeGreaterThanOrEqual(2);
      expect(n).toBeLessThanOrEqual(5);
      seen.add(n);
    }
    expect([...seen].sort()).toEqual([2, 3, 4, 5]);
  });

  it('makes upper-case v4 UUIDs', () => {
    const rng = createRng(11);
    for (let i = 0; i < 50; i++) {
      expect(rng.uuid()).toMatch(/^[0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$/);
    }
  });

  it('forks into independent, repeatable streams', () => {
    const one = createRng(5).fork('users');
    const two = createRng(5).fork('users');
    const other = createRng(5).fork('scans');
    const seq = Array.from({ length: 5 }, () => one.next());
    expect(Array.from({ length: 5 }, () => two.next())).toEqual(seq);
    expect(Array.from({ length: 5 }, () => other.next())).not.toEqual(seq);
  });
});
