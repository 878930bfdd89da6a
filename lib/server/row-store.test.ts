import { describe, expect, it } from 'vitest';
import { RowStore, stringBytes } from './row-store';

type Row = { id: number; name?: string; city?: string; sci?: { id: number; name: string }; score?: number };

describe('RowStore', () => {
  it('gives rows back as they were pushed, absent keys absent', () => {
    const store = new RowStore<Row>();
    const rows: Row[] = [
      { id: 1, name: 'a' },
      { id: 2, city: 'Dublin', sci: { id: 3, name: 'SCI 3' } },
      { id: 3, name: undefined, score: 0.5 },
    ];
    for (const row of rows) store.push(row);
    expect(store.length).toBe(3);
    expect([0, 1, 2].map((i) => store.get(i))).toEqual([
      { id: 1, name: 'a' },
      { id: 2, city: 'Dublin', sci: { id: 3, name: 'SCI 3' } },
      { id: 3, score: 0.5 },
    ]);
    expect(Object.hasOwn(store.get(2), 'name')).toBe(false);
  });

  it("picks a row's keys in the order asked, as pick(get(index)) would, absent and unknown keys absent", () => {
    const store = new RowStore<Row>();
    const rows: Row[] = [
      { id: 1, name: 'a', city: 'Oslo' },
      { id: 2, city: 'Dublin', sci: { id: 3, name: 'SCI 3' } },
    ];
    for (const row of rows) store.push(row);
    const keys = ['sci', 'name', 'id', 'nowhere'];
    expect(store.pick(0, keys)).toEqual({ name: 'a', id: 1 });
    expect(Object.keys(store.pick(1, keys))).toEqual(['sci', 'id']);
    expect(store.pick(1, keys).sci).toBe(store.get(1).sci);
    expect(JSON.stringify(store.pick(0, ['city', 'id']))).toBe('{"city":"Oslo","id":1}');
  });

  it('holds equal values once, and shared objects cannot be changed through a row', () => {
    const store = new RowStore<Row>();
    for (let i = 0; i < 1000; i += 1) store.push({ id: i, city: ['Dublin', 'Chicago'][i % 2]!, sci: { id: i % 3, name: `SCI ${i % 3}` } });
    expect(store.get(0).sci).toBe(store.get(3).sci);
    expect(() => {
      (store.get(0).sci as { name: string }).name = 'changed';
    }).toThrow();
    // 1000 rows × 3 slots, two cities and three SCIs: far less than a copy of each per row.
    expect(store.bytes).toBeLessThan(1000 * 3 * 8 + 5 * 200);
  });

  it('counts each distinct string it keeps, at V8 size', () => {
    const store = new RowStore<{ email: string }>();
    const emails = Array.from({ length: 10_000 }, (_, i) => `user${i}@example.com`);
    for (const email of emails) store.push({ email });
    const strings = emails.reduce((sum, e) => sum + stringBytes(e), 0);
    expect(store.bytes).toBeGreaterThanOrEqual(strings + 10_000 * 8);
    // The sharing map stops growing: mostly-unique columns do not pay for it beyond its cap.
    expect(store.bytes).toBeLessThan(strings + 10_000 * 8 + 4_096 * 64);
    expect(stringBytes('é'.repeat(8))).toBe(16 + 8);
    expect(stringBytes('€'.repeat(8))).toBe(16 + 16);
  });

  it('visits every row in order through one view, absent keys reading as undefined', () => {
    const store = new RowStore<Row>();
    store.push({ id: 1, name: 'a' });
    store.push({ id: 2, city: 'Dublin', sci: { id: 3, name: 'SCI 3' } });
    const seen: Array<[number, string | undefined, string | undefined, number]> = [];
    const views = new Set<Row>();
    store.visit((row, index) => {
      views.add(row);
      seen.push([row.id, row.name, row.sci?.name, index]);
    });
    expect(seen).toEqual([
      [1, 'a', undefined, 0],
      [2, undefined, 'SCI 3', 1],
    ]);
    // One object for all rows: an index over 100,000 rows makes no row objects.
    expect(views.size).toBe(1);
  });
});
