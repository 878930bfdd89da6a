import { describe, expect, it } from 'vitest';
import { applyListQuery, IndexedList } from './list';

interface Row {
  id: number;
  name: string;
  size?: number;
  org?: string;
}

const rows: Row[] = [
  { id: 1, name: 'web servers', size: 10, org: 'Finance' },
  { id: 2, name: 'DMZ', size: 9, org: 'Retail' },
  { id: 3, name: 'Apollo', size: 100 },
  { id: 4, name: 'dmz backup', size: 9, org: 'Finance' },
  { id: 5, name: 'Zeta' },
];

const options = {
  searchText: (r: Row) => [r.name, r.id, r.org],
  sortValue: (r: Row, key: string) => (key === 'size' ? r.size : key === 'id' ? r.id : r.name),
};

const base = { page: 1, pageSize: 10, order: 'asc' as const };

describe('applyListQuery', () => {
  it('searches case-insensitively across the given texts', () => {
    expect(applyListQuery(rows, { ...base, q: 'dMz' }, options).items.map((r) => r.id)).toEqual([2, 4]);
    expect(applyListQuery(rows, { ...base, q: 'finance' }, options).items.map((r) => r.id)).toEqual([1, 4]);
    expect(applyListQuery(rows, { ...base, q: '3' }, options).items.map((r) => r.id)).toEqual([3]);
  });

  it('sorts numbers as numbers, stable, missing values last in both orders', () => {
    expect(applyListQuery(rows, { ...base, sort: 'size' }, options).items.map((r) => r.id)).toEqual([2, 4, 1, 3, 5]);
    expect(applyListQuery(rows, { ...base, sort: 'size', order: 'desc' }, options).items.map((r) => r.id)).toEqual([3, 1, 2, 4, 5]);
  });

  it('sorts text case-insensitively', () => {
    expect(applyListQuery(rows, { ...base, sort: 'name' }, options).items.map((r) => r.name)).toEqual(['Apollo', 'DMZ', 'dmz backup', 'web servers', 'Zeta']);
  });

  it('pages after filtering and reports the filtered total', () => {
    const page = applyListQuery(rows, { page: 2, pageSize: 2, order: 'asc', sort: 'id' }, options);
    expect(page).toEqual({ items: [rows[2], rows[3]], total: 5, page: 2, pageSize: 2 });
  });

  it('answers an empty page with the right total beyond the end', () => {
    expect(applyListQuery(rows, { page: 9, pageSize: 2, order: 'asc' }, options)).toEqual({
      items: [],
      total: 5,
      page: 9,
      pageSize: 2,
    });
  });

  it('does not reorder the input', () => {
    const copy = [...rows];
    applyListQuery(rows, { ...base, sort: 'name', order: 'desc' }, options);
    expect(rows).toEqual(copy);
  });
});

describe('IndexedList', () => {
  const many = Array.from({ length: 1000 }, (_, i) => ({ id: i + 1, name: `user ${(i * 7919) % 1000}`, size: i % 10 }));

  it('reads only the records a first unsorted page needs, and the rest on demand', () => {
    let reads = 0;
    const list = new IndexedList<Row>(
      [...many],
      (raw) => {
        reads++;
        return raw as Row;
      },
      options,
    );
    const first = list.query({ ...base, pageSize: 25 });
    expect(first.items.map((r) => r.id)).toEqual(many.slice(0, 25).map((r) => r.id));
    expect(first.total).toBe(1000);
    expect(reads).toBe(25);
    expect(list.query({ ...base, sort: 'name' }).total).toBe(1000);
    expect(reads).toBe(1000);
    expect(list.isComplete).toBe(true);
  });

  it('leaves out and counts records it cannot read', () => {
    const records: unknown[] = [{ id: 1, name: 'a' }, { nope: true }, { id: 3, name: 'c' }];
    const read = (raw: unknown) => (typeof (raw as Row).id === 'number' ? (raw as Row) : undefined);
    const list = new IndexedList<Row>(records, read, options);
    expect(list.query({ ...base, sort: 'id' }).items.map((r) => r.id)).toEqual([1, 3]);
    expect(list.total).toBe(2);
    expect(list.unreadableRecords).toBe(1);
  });

  it('answers rows with only the keys asked for, in their order, sorted, searched or neither', () => {
    const list = IndexedList.of(rows, options);
    const keys = ['org', 'id'];
    for (const params of [base, { ...base, sort: 'name' }, { ...base, q: 'dmz', sort: 'size', order: 'desc' as const }]) {
      const whole = list.query(params);
      const narrowed = list.query(params, keys);
      expect(narrowed.total).toBe(whole.total);
      expect(JSON.stringify(narrowed.items)).toBe(JSON.stringify(whole.items.map((r) => (r.org === undefined ? { id: r.id } : { org: r.org, id: r.id }))));
    }
  });

  it('computes a sort order once per key and direction and keeps it', () => {
    let sortReads = 0;
    const counting = {
      ...options,
      sortValue: (r: Row, key: string) => {
        sortReads++;
        return options.sortValue(r, key);
      },
    };
    const list = IndexedList.of(many, counting);
    const firstPage = list.query({ ...base, sort: 'name', pageSize: 10 });
    expect(sortReads).toBe(1000);
    const secondPage = list.query({ ...base, sort: 'name', page: 2, pageSize: 10 });
    list.query({ ...base, sort: 'name', order: 'desc', pageSize: 10 });
    expect(sortReads).toBe(1000);
    const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });
    expect(collator.compare(secondPage.items[0]!.name, firstPage.items[9]!.name)).toBeGreaterThanOrEqual(0);
  });

  it('finds a term only within one row, in every row that holds it, and in sort order when sorted', () => {
    const rows = [
      { id: 1, name: 'Alpha ab', size: 3 },
      { id: 2, name: 'cd beta', size: 1 },
      { id: 3, name: 'ab ab ab', size: 2 },
      { id: 4, name: 'x', size: 0 },
      { id: 5, name: 'AB', size: 9 },
    ];
    const list = IndexedList.of(rows, options);
    // "ab" ends row 1 and "cd" starts row 2: "abcd" spans them and is in neither.
    expect(list.query({ ...base, q: 'abcd' }).total).toBe(0);
    expect(list.query({ ...base, q: 'ab' }).items.map((r) => r.id)).toEqual([1, 3, 5]);
    expect(list.query({ ...base, q: 'ab', sort: 'size', order: 'desc' }).items.map((r) => r.id)).toEqual([5, 1, 3]);
    expect(list.query({ ...base, q: 'a\u0000c' }).total).toBe(0);
  });

  it('finds exactly the rows a row-by-row search finds, rows short and long, empty ones and rows spanning many blocks of the text', () => {
    // Row texts from 0 to ~400 characters: a hit's row is found from the block of the text it falls in.
    let seed = 7;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const words = ['ab', 'abc', 'b', 'ca', 'xyz', 'aaa', 'Bab', ''];
    const mixed = Array.from({ length: 3000 }, (_, i) => ({
      id: i + 1,
      name: Array.from({ length: next(60) }, () => words[next(words.length)]).join(next(2) ? ' ' : ''),
      size: next(50),
    }));
    const list = IndexedList.of(mixed, options);
    for (const q of ['ab', 'abc', 'b a', 'bab', 'aaaa', 'xyz ca', '2999', 'zz', 'a']) {
      const expected = mixed.filter((r) => [r.name, String(r.id)].some((t) => t.toLowerCase().includes(q))).map((r) => r.id);
      expect(list.query({ ...base, pageSize: 5000, q }).items.map((r) => r.id)).toEqual(expected);
      const bySize = [...expected].sort((a, b) => mixed[a - 1]!.size - mixed[b - 1]!.size || a - b);
      expect(list.query({ ...base, pageSize: 5000, q, sort: 'size' }).items.map((r) => r.id)).toEqual(bySize);
    }
  });

  it('searches a lowercase text per row made once, and keeps a bounded number of searched views', () => {
    let textReads = 0;
    const counting = {
      ...options,
      searchText: (r: Row) => {
        textReads++;
        return options.searchText(r);
      },
    };
    const list = IndexedList.of(many, counting);
    expect(list.query({ ...base, q: 'USER 99' }).total).toBe(11);
    expect(textReads).toBe(1000);
    const before = list.indexBytes();
    for (let i = 0; i < 200; i += 1) list.query({ ...base, q: `user ${i}`, sort: i % 2 ? 'name' : undefined });
    expect(textReads).toBe(1000);
    // 16 views at most, each at most one index per row, plus the two sort orders and ranks.
    expect(list.indexBytes() - before).toBeLessThanOrEqual(16 * 4 * 1000 + 2 * 4 * 1000 + 8 * 1000);
  });
});
