import { describe, expect, it } from 'vitest';
import { answerDigest, NotJson, splitList, unchangedRecords, withDigest } from './json-records';

const all = (text: string) => {
  const { envelope, records } = splitList(text, 'response');
  return { envelope, records: records ? Array.from({ length: records.length }, (_, i) => records.at(i)) : undefined };
};

describe('splitList', () => {
  it('finds every record of the list and parses the envelope around it', () => {
    const answer = {
      type: 'regular',
      response: [{ id: '1', name: 'a "quoted" name, with [brackets] and {braces}' }, { id: 2, nested: { list: [1, [2, {}]] } }, 'text', 7, null, true, []],
      error_code: 0,
      error_msg: '',
      warnings: [],
    };
    const { envelope, records } = all(JSON.stringify(answer));
    expect(records).toEqual(answer.response);
    expect(envelope).toEqual({ ...answer, response: [] });
  });

  it('reads escaped quotes and backslashes, unicode and whitespace as JSON.parse does', () => {
    const text = '{ "response" : [ {"a":"x\\\\"} ,\n {"b":"\\"]}\\u00e9ü"} ] , "error_code" : 0 }';
    expect(all(text).records).toEqual(JSON.parse(text).response);
    expect(all(text).envelope).toEqual({ response: [], error_code: 0 });
  });

  it('answers an empty list, and no list when the key is absent or not an array', () => {
    expect(all('{"response":[],"error_code":0}').records).toEqual([]);
    expect(all('{"error_code":146,"error_msg":"denied"}')).toEqual({ envelope: { error_code: 146, error_msg: 'denied' }, records: undefined });
    expect(all('{"response":{"id":1},"error_code":0}').records).toBeUndefined();
  });

  it('refuses a body that is not JSON or is cut short', () => {
    expect(() => splitList('<html>busy</html>', 'response')).toThrow(NotJson);
    expect(() => splitList('{"response":[{"id":"1"},{"id":"2', 'response')).toThrow(NotJson);
    expect(() => splitList('{"response":[{"id":1}],"error_code":0', 'response')).toThrow(NotJson);
  });

  it('leaves a record that is not valid JSON to whoever reads it, without losing the others', () => {
    const { records } = splitList('{"response":[{"id":1},{"id":tru},{"id":3}],"error_code":0}', 'response');
    expect(records!.length).toBe(3);
    expect(records!.at(0)).toEqual({ id: 1 });
    expect(() => records!.at(1)).toThrow();
    expect(records!.at(2)).toEqual({ id: 3 });
  });
});

describe('answerDigest', () => {
  const answer = (records: unknown[], timestamp: number, extra = '') =>
    `{"type":"regular","response":${JSON.stringify(records)},"error_code":0,"error_msg":"${extra}","warnings":[],"timestamp":${timestamp}}`;

  it('is equal for answers that differ only in the timestamp that closes them, and differs for any other change', () => {
    const records = [{ id: '1', name: 'a' }];
    const first = answerDigest(answer(records, 1700000000));
    expect(first).toBeDefined();
    expect(answerDigest(`${answer(records, 1700000099)}\n`)).toBe(first);
    expect(answerDigest(answer([{ id: '1', name: 'b' }], 1700000000))).not.toBe(first);
    // The envelope counts too: it is part of what was judged.
    expect(answerDigest(answer(records, 1700000000, 'warning'))).not.toBe(first);
  });

  it('is undefined unless an unescaped timestamp member closes the outermost object', () => {
    expect(answerDigest('{"response":[],"timestamp":5,"error_code":0}')).toBeUndefined();
    expect(answerDigest('{"response":[{"timestamp":5}]}')).toBeUndefined();
    expect(answerDigest('{"response":{"timestamp":5}}')).toBeUndefined();
    expect(answerDigest('{"response":[],"note":"\\"timestamp\\":5}"}')).toBeUndefined();
  });

  it('digests an answer’s bytes as it digests its text, whatever characters it holds', () => {
    for (const text of [
      answer([{ id: '1', name: 'Zoë Ångström 東京 🚀' }], 1700000000),
      `${answer([{ id: '2', name: 'é'.repeat(200) }], 1700000001)}\r\n`,
      answer([], 5),
    ]) {
      expect(answerDigest(Buffer.from(text, 'utf8'))).toBe(answerDigest(text));
      expect(answerDigest(Buffer.from(text, 'utf8'))).toBeDefined();
    }
    expect(answerDigest(Buffer.from('{"response":[{"timestamp":5}]}'))).toBeUndefined();
  });

  it('digests an answer in the pieces it came in as it digests it whole, wherever the pieces are cut', () => {
    const text = `${answer([{ id: '1', name: 'Zoë 東京 🚀' }], 1700000000)}\n`;
    const bytes = Buffer.from(text, 'utf8');
    const whole = answerDigest(text);
    // Cuts inside a multibyte character, inside the closing timestamp, and at the very end.
    for (const cuts of [[5], [bytes.indexOf('東') + 1], [bytes.length - 8], [bytes.length - 60, bytes.length - 3], [1, 2, 3, bytes.length]]) {
      const pieces: Buffer[] = [];
      let from = 0;
      for (const cut of [...cuts, bytes.length]) {
        pieces.push(bytes.subarray(from, cut));
        from = cut;
      }
      expect(answerDigest(pieces)).toBe(whole);
    }
    expect(answerDigest([Buffer.from('{"response":[{"times'), Buffer.from('tamp":5}]}')])).toBeUndefined();
  });

  it('an unchanged answer is never decoded unless its records are read', () => {
    const text = answer([{ id: '1' }, { id: '2' }], 1);
    let decoded = 0;
    const received = {
      size: Buffer.byteLength(text),
      get text() {
        decoded += 1;
        return text;
      },
    };
    // Given another digest (the scans' covers their names too), it is still not decoded.
    const records = withDigest(unchangedRecords(received, 'same'), () => 'named');
    expect(records.digest?.()).toBe('named');
    expect(records.bytes).toBe(Buffer.byteLength(text));
    expect(decoded).toBe(0);
    expect(records.length).toBe(2);
    expect(decoded).toBe(1);
    expect(records.at(1)).toEqual({ id: '2' });
    expect(decoded).toBe(1);
  });

  it('unchangedRecords reads the records only if asked, with the digest it was given', () => {
    const text = answer([{ id: '1' }, { id: '2' }], 1);
    const records = unchangedRecords({ text, size: Buffer.byteLength(text) }, 'same');
    expect(records.digest?.()).toBe('same');
    expect(records.length).toBe(2);
    expect(records.at(1)).toEqual({ id: '2' });
  });
});
