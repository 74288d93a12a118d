import type { RawItem } from '../../../lib/transports/transport';
import { nexusCursor } from '../../../lib/transports/nexus-v3/nexusCursor';

/** An item as the session builds it: keyed by the raw index, the wire message as `raw`. */
const item = (index: string | number): RawItem => ({
  key: String(index),
  order: 0,
  message: { index: 0, type: 'Message', text: String(index), html: false, userData: {}, timestamp: 0, from: { id: 'A', type: 'Agent', name: 'Kim' } },
  raw: { index },
});
const keys = (items: readonly RawItem[]) => items.map((i) => i.key);

describe('nexusCursor', () => {
  it('starts with no marks', () => {
    const cursor = nexusCursor();
    expect(cursor.last).toBeUndefined();
    expect(cursor.oldest).toBeUndefined();
  });

  it('returns the new items in server order and points last at the last new one, raw', () => {
    const cursor = nexusCursor();
    expect(keys(cursor.track({ items: [item('1-0'), item('2-0')] }))).toEqual(['1-0', '2-0']);
    expect(cursor.last).toEqual({ key: '2-0', raw: '2-0' });
    expect(cursor.oldest).toEqual({ key: '1-0', raw: '1-0' });
  });

  it('keeps the server’s order, never a numeric one: "10-0" after "9-0", "7-2" after "12-0"', () => {
    const cursor = nexusCursor();
    expect(keys(cursor.track({ items: [item('9-0'), item('10-0'), item('12-0'), item('7-2')] }))).toEqual(['9-0', '10-0', '12-0', '7-2']);
    expect(cursor.last?.raw).toBe('7-2');
  });

  it('a repeated message (duplicate delivery, an index= resume) is not new and does not move last', () => {
    const cursor = nexusCursor();
    cursor.track({ items: [item('1-0'), item('2-0'), item('3-0')] });
    expect(keys(cursor.track({ items: [item('3-0'), item('2-0')] }))).toEqual([]);
    expect(cursor.last?.raw).toBe('3-0');
    expect(keys(cursor.track({ items: [item('3-0'), item('4-0'), item('2-0')] }))).toEqual(['4-0']);
    expect(cursor.last?.raw).toBe('4-0');
  });

  it('drops a repeat inside one batch', () => {
    expect(keys(nexusCursor().track({ items: [item('1-0'), item('1-0'), item('2-0')] }))).toEqual(['1-0', '2-0']);
  });

  it('keeps a number raw (for index=) and keys it as its text, the same message as the string', () => {
    const cursor = nexusCursor();
    cursor.track({ items: [item(12)] });
    expect(cursor.last).toEqual({ key: '12', raw: 12 });
    expect(cursor.track({ items: [item('12')] })).toEqual([]);
  });

  it('a history page moves oldest to its first item, never last', () => {
    const cursor = nexusCursor();
    cursor.track({ items: [item('20-0'), item('21-0')] });
    cursor.track({ items: [item('18-0'), item('19-0')], oldMessages: true });
    expect(cursor.oldest?.raw).toBe('18-0');
    expect(cursor.last?.raw).toBe('21-0');
  });

  describe('olderThan', () => {
    it('keeps what the page has before the boundary, by position, not by number', () => {
      const cursor = nexusCursor();
      cursor.track({ items: [item('5-1'), item('6-0')] });
      const older = cursor.olderThan(cursor.oldest!, [item('40-0'), item('9-9'), item('5-1')]);
      expect(keys(older)).toEqual(['40-0', '9-9']);
    });

    it('a page with only the boundary has nothing older', () => {
      const cursor = nexusCursor();
      cursor.track({ items: [item('1-0')] });
      expect(cursor.olderThan(cursor.oldest!, [item('1-0')])).toEqual([]);
    });

    it('a page without the boundary gives what this session has not seen', () => {
      const cursor = nexusCursor();
      cursor.track({ items: [item('3-0'), item('4-0')] });
      expect(keys(cursor.olderThan(cursor.oldest!, [item('1-0'), item('2-0'), item('4-0')]))).toEqual(['1-0', '2-0']);
    });
  });
});
