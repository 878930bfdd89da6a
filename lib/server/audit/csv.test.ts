import { describe, expect, it } from 'vitest';
import type { AuditEvent } from '@/lib/schemas/audit';
import { csvCell } from '../csv';
import { auditCsvRow, auditCsvStream } from './csv';

const event: AuditEvent = {
  id: 1,
  time: '2026-05-01T08:00:00.000Z',
  username: 'ada',
  role: 'admin',
  action: 'POST /api/director/scans',
  summary: `Created scan 'web, "weekly"'`,
  target: { name: 'web, "weekly"' },
  outcome: 'success',
  status: 201,
  errorCode: null,
  upstreamCode: null,
  requestIds: ['r-1', 'r-2'],
  address: null,
  count: 1,
};

describe('csvCell', () => {
  it('quotes commas, quotes, line breaks and edge spaces', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(' padded')).toBe('" padded"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(403)).toBe('403');
  });

  it('defuses cells a spreadsheet would run as a formula', () => {
    expect(csvCell('=HYPERLINK("http://evil","x")')).toBe(`"'=HYPERLINK(""http://evil"",""x"")"`);
    expect(csvCell('+1+1')).toBe("'+1+1");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\t=1')).toBe("'\t=1");
    expect(csvCell('a=1')).toBe('a=1');
  });
});

describe('audit CSV', () => {
  it('writes one row per event in header order', () => {
    expect(auditCsvRow(event)).toBe(
      `2026-05-01T08:00:00.000Z,ada,admin,POST /api/director/scans,"Created scan 'web, ""weekly""'","name=web, ""weekly""",success,201,,,r-1 r-2,,1`,
    );
  });

  it('streams the header and every row across batches, CRLF terminated', async () => {
    function* events() {
      for (let i = 0; i < 7; i++) yield { ...event, id: i, summary: `Deleted scan #${i}`, target: { id: String(i) } };
    }
    const text = await new Response(auditCsvStream(events(), 3)).text();
    const lines = text.split('\r\n');
    expect(lines[0]).toBe('time_utc,username,role,action,summary,target,outcome,status,error_code,vendor_code,vendor_request_ids,address,count');
    expect(lines.slice(1, -1).map((l) => l.split(',')[5])).toEqual(['id=0', 'id=1', 'id=2', 'id=3', 'id=4', 'id=5', 'id=6']);
    expect(lines.at(-1)).toBe('');
  });

  it('closes the source when the download is cancelled', async () => {
    let closed = false;
    function* events() {
      try {
        for (;;) yield event;
      } finally {
        closed = true;
      }
    }
    const reader = auditCsvStream(events(), 2).getReader();
    await reader.read();
    await reader.cancel();
    expect(closed).toBe(true);
  });
});
