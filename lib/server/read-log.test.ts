import { describe, expect, it } from 'vitest';
import { splitList } from './json-records';
import { noteField, readListInTurns } from './read-log';

const answer = (records: string[]) => splitList(`{"response":[${records.join(',')}],"error_code":0}`, 'response').records!;

describe('readListInTurns', () => {
  it('reads every record, skipping and counting what is not JSON or not readable', async () => {
    const records = answer(['{"id":1,"name":"a"}', '{"id":2,"name":7}', '{"id":3,}', '{"id":"x"}', '{"id":4,"name":"d"}']);
    // `{"id":3,}` is located as a record and refused by the parser; `{"id":"x"}` is refused by the reader.
    const read = await readListInTurns(
      records,
      (raw, log) => {
        const r = raw as { id: unknown; name?: unknown };
        if (typeof r.id !== 'number') return undefined;
        if (typeof r.name !== 'string') noteField(log, `row ${r.id}`, 'name', 'not text');
        return { id: r.id, name: typeof r.name === 'string' ? r.name : '' };
      },
      'test rows',
    );
    expect(read.items.map((r) => r.id)).toEqual([1, 2, 4]);
    expect(read.unreadable).toMatchObject({ fields: 1 });
    expect(read.unreadable?.records).toBe(1);
  });

  it('lets other work run while a long list is read', async () => {
    const records = answer(Array.from({ length: 12_000 }, (_, i) => `{"id":${i}}`));
    let otherWorkRan = false;
    let readAfterOtherWork = 0;
    setImmediate(() => {
      otherWorkRan = true;
    });
    const read = await readListInTurns(
      records,
      (raw) => {
        if (otherWorkRan) readAfterOtherWork += 1;
        return raw as { id: number };
      },
      'test rows',
    );
    expect(read.items).toHaveLength(12_000);
    // Another request's turn came before the list was done, not after it.
    expect(readAfterOtherWork).toBeGreaterThan(0);
  });
});
