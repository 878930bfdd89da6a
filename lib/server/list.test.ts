import { describe, expect, it } from 'vitest';
import { applyListQuery } from './list';

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
    expect(applyListQuery(rows, { ...base, sort: 'size', order: 'desc' }, options).items.map((r) => r.id)).toEqual([
      3, 1, 2, 4, 5,
    ]);
  });

  it('sorts text case-insensitively', () => {
    expect(applyListQuery(rows, { ...base, sort: 'name' }, options).items.map((r) => r.name)).toEqual([
      'Apollo',
      'DMZ',
      'dmz backup',
      'web servers',
      'Zeta',
    ]);
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
