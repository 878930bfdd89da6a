/**
 * A small deterministic PRNG (mulberry32) and helpers, shared by every simulator part so the
 * same seed always yields the same data.
 */
export interface Rng {
  /** uniform in [0, 1) */
  next(): number;
  /** integer in [min, max], both inclusive */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(probability: number): boolean;
  /** upper-case v4-style UUID, as Tenable.sc writes them */
  uuid(): string;
  hex(length: number): string;
  /** an independent stream, so adding draws to one part does not shift another */
  fork(label: string): Rng;
}

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a, to derive a fork's seed from a label. */
function hashLabel(label: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const HEX = '0123456789ABCDEF';
const HEX_BYTES = Array.from({ length: 256 }, (_, i) => (HEX[i >> 4] as string) + (HEX[i & 15] as string));

export function createRng(seed: number): Rng {
  const next = mulberry32(seed);
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const hex = (length: number) => {
    let out = '';
    for (let i = 0; i < length; i++) out += HEX[Math.floor(next() * 16)];
    return out;
  };
  // One draw per 8 hex digits keeps bench-sized seeding (100,000+ UUIDs) fast.
  const hex8 = () => {
    const u = (next() * 4294967296) >>> 0;
    return (HEX_BYTES[u >>> 24] as string) + (HEX_BYTES[(u >>> 16) & 255] as string) + (HEX_BYTES[(u >>> 8) & 255] as string) + (HEX_BYTES[u & 255] as string);
  };
  return {
    next,
    int,
    pick<T>(items: readonly T[]): T {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[Math.floor(next() * items.length)] as T;
    },
    chance: (probability) => next() < probability,
    hex,
    uuid() {
      const a = hex8();
      const b = hex8();
      const c = hex8();
      const d = hex8();
      const variant = HEX[8 + (parseInt(c[0] ?? '0', 16) & 3)];
      return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-${variant}${c.slice(1, 4)}-${c.slice(4, 8)}${d}`;
    },
    fork: (label) => createRng((seed ^ hashLabel(label)) >>> 0),
  };
}
