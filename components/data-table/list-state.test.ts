import { describe, expect, it } from 'vitest';
import {
  applyListChange,
  describeRange,
  historyOf,
  idFilter,
  lastPageOf,
  maxPage,
  parseListState,
  serializeListState,
  type ListStateConfig,
} from './list-state';

const config: ListStateConfig = {
  filterKeys: ['sciId', 'orgId'],
  sortable: ['name', 'status'],
  columnIds: ['name', 'description', 'status', 'sci', 'ipList'],
  defaultColumns: ['name', 'status'],
};

const parse = (query: string) => parseListState(new URLSearchParams(query), config);

describe('parseListState', () => {
  it('reads every part of the state', () => {
    expect(parse('page=3&pageSize=50&sort=name&order=desc&q=web&sciId=2&orgId=7&columns=ipList,name')).toEqual({
      page: 3,
      pageSize: 50,
      sort: 'name',
      order: 'desc',
      q: 'web',
      filters: { sciId: '2', orgId: '7' },
      columns: ['name', 'ipList'],
    });
  });

  it('falls back to defaults for junk instead of failing', () => {
    expect(parse('page=-2&pageSize=33&sort=secret&order=sideways&columns=nope&evil=1')).toEqual({
      page: 1,
      pageSize: 25,
      sort: undefined,
      order: 'asc',
      q: '',
      filters: {},
      columns: ['name', 'status'],
    });
  });
});

describe('serializeListState', () => {
  it('round-trips and leaves defaults out', () => {
    const state = parse('page=2&sort=status&order=asc&sciId=4&columns=name,sci');
    const search = serializeListState(state, config);
    expect(search.toString()).toBe('page=2&sort=status&order=asc&sciId=4&columns=name%2Csci');
    expect(parseListState(search, config)).toEqual(state);
    expect(serializeListState(parse(''), config).toString()).toBe('');
  });
});

describe('applyListChange', () => {
  const onPage4 = parse('page=4&sciId=2&q=web');

  it('sends a new search, filter, sort or page size back to page 1', () => {
    expect(applyListChange(onPage4, { q: 'db' }).page).toBe(1);
    expect(applyListChange(onPage4, { filters: { orgId: '9' } }).page).toBe(1);
    expect(applyListChange(onPage4, { filters: { sciId: undefined } })).toMatchObject({ page: 1, filters: {} });
    expect(applyListChange(onPage4, { sort: 'name' }).page).toBe(1);
    expect(applyListChange(onPage4, { pageSize: 100 }).page).toBe(1);
  });

  it('keeps the page for paging, unchanged values and column choice', () => {
    expect(applyListChange(onPage4, { page: 5 }).page).toBe(5);
    expect(applyListChange(onPage4, { q: 'web', filters: { sciId: '2' } }).page).toBe(4);
    expect(applyListChange(onPage4, { columns: ['name'] }).page).toBe(4);
  });
});

describe('describeRange', () => {
  it('says which rows are shown', () => {
    expect(describeRange(2, 25, 123)).toBe('Showing 26–50 of 123');
    expect(describeRange(5, 25, 123)).toBe('Showing 101–123 of 123');
    expect(describeRange(1, 25, 0)).toBe('No results');
  });
});

describe('idFilter', () => {
  it('takes ASCII digits from the URL and treats anything else as no filter', () => {
    expect(idFilter('3')).toBe(3);
    expect(idFilter('0')).toBe(0);
    for (const value of [undefined, '', '-1', '3a', '１', '1.5']) expect(idFilter(value), String(value)).toBeUndefined();
  });
});

describe('history and bad pages', () => {
  it('adds a history entry for pages, filters and sort, and replaces it while typing a search', () => {
    expect(historyOf({ page: 2 })).toBe('push');
    expect(historyOf({ filters: { sciId: '2' } })).toBe('push');
    expect(historyOf({ sort: 'name', order: 'asc' })).toBe('push');
    expect(historyOf({ q: 'web' })).toBe('replace');
    expect(historyOf({ q: 'web', page: undefined })).toBe('replace');
    expect(historyOf({ page: 5, history: 'replace' })).toBe('replace');
  });

  it('reads a page beyond what the list routes take as their highest, and counts the last page', () => {
    expect(parse('page=999999').page).toBe(maxPage);
    expect(lastPageOf(101, 25)).toBe(5);
    expect(lastPageOf(100, 25)).toBe(4);
    expect(lastPageOf(0, 25)).toBe(1);
  });

  it('keeps the history choice out of the state', () => {
    expect(applyListChange(parse(''), { page: 3, history: 'replace' })).not.toHaveProperty('history');
  });
});
