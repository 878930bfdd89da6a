import { describe, expect, it } from 'vitest';
import { applyListChange, type ListStateConfig, parseListState, serializeListState, withColumnChoice } from './list-state';
import { changeOfView, viewStateOf } from './saved-view-state';

const config: ListStateConfig = {
  filterKeys: ['sciId', 'orgId'],
  sortable: ['name', 'status'],
  columnIds: ['description', 'status', 'sci', 'ipList'],
  defaultColumns: ['status', 'sci'],
};
const keys = ['pageSize', 'sort', 'order', 'q', 'columns', 'sciId', 'orgId'];

const parse = (query: string, c = config) => parseListState(new URLSearchParams(query), c);
const urlOf = (query: string, change: ReturnType<typeof changeOfView>, c = config) =>
  serializeListState(applyListChange(parse(query, c), change), c).toString();

describe('viewStateOf', () => {
  it('keeps filters, search, sort, page size and columns but not the page', () => {
    expect(viewStateOf(parse('page=4&pageSize=50&sort=name&order=desc&q=web&sciId=2&columns=ipList,status'), config, keys)).toEqual({
      pageSize: '50',
      sort: 'name',
      order: 'desc',
      q: 'web',
      sciId: '2',
      columns: 'status,ipList',
    });
  });

  it('names the columns even when they are the defaults, so the view shows them whatever the reader keeps', () => {
    expect(viewStateOf(parse(''), config, keys)).toEqual({ columns: 'status,sci' });
  });

  it('holds only the keys the page may save (scan tasks keep no columns)', () => {
    expect(viewStateOf(parse('sciId=2&q=x&columns=sci'), config, ['pageSize', 'sciId'])).toEqual({ sciId: '2' });
  });
});

describe('changeOfView', () => {
  it('puts the saved view on the table and starts at page 1', () => {
    const view = viewStateOf(parse('pageSize=50&sort=status&order=desc&q=web&orgId=7&columns=description'), config, keys);
    expect(urlOf('page=3&sciId=2&q=old&sort=name&order=asc', changeOfView(view, config))).toBe(
      'pageSize=50&sort=status&order=desc&q=web&orgId=7&columns=description',
    );
  });

  it('clears what the view does not hold: filters, search and sort go back to the defaults', () => {
    expect(urlOf('page=2&sciId=2&orgId=3&q=web&sort=name&order=desc&columns=ipList', changeOfView({ columns: 'status,sci' }, config))).toBe('');
  });

  it('reads a view leniently: an unknown column or sort is dropped, as in a URL', () => {
    expect(urlOf('', changeOfView({ sort: 'gone', order: 'desc', columns: 'renamed,ipList' }, config))).toBe('columns=ipList');
  });

  it('adds a history entry, so Back returns to the list as it was', () => {
    expect(changeOfView({}, config).history).toBe('push');
  });
});

describe('withColumnChoice', () => {
  it("makes the reader's kept columns the list's default, so the URL stays short", () => {
    const mine = withColumnChoice(config, ['ipList', 'description']);
    expect(parse('', mine).columns).toEqual(['description', 'ipList']);
    expect(serializeListState(parse('', mine), mine).toString()).toBe('');
  });

  it('keeps the list defaults when nothing is kept or no kept column is known any more', () => {
    expect(withColumnChoice(config, undefined)).toBe(config);
    expect(withColumnChoice(config, ['name', 'gone'])).toBe(config);
  });
});
