import { EMPTY, Subject, of, throwError } from 'rxjs';
import type { Observable } from 'rxjs';
import { inlineNexusImages } from '../../../lib/transports/nexus-v3/inlineNexusImages';
import type { NexusMessage } from '../../../lib/transports/nexus-v3/nexusWire';

const image = (url: string) => ({ type: 'image', mime: 'image/png', url });

describe('inlineNexusImages', () => {
  it('emits the messages at once, unchanged, when none has an image to fetch', () => {
    const messages: NexusMessage[] = [{ index: '1-0', text: 'hi' }, { index: '2-0', content: [image('data:image/png;base64,AA')] }];
    const seen: NexusMessage[][] = [];
    inlineNexusImages(messages, () => of('never used')).subscribe((m) => seen.push(m));
    expect(seen).toEqual([messages]);
  });

  it('emits an empty list for no messages', () => {
    const seen: NexusMessage[][] = [];
    inlineNexusImages([], () => of('x')).subscribe((m) => seen.push(m));
    expect(seen).toEqual([[]]);
  });

  it('fetches every image at the same time and keeps the order of messages and parts when answers come back reversed', () => {
    const pending = new Map<string, Subject<string | undefined>>();
    const fetchImage = (url: string): Observable<string | undefined> => {
      const answer = new Subject<string | undefined>();
      pending.set(url, answer);
      return answer;
    };
    const messages: NexusMessage[] = [
      { index: '1-0', content: [image('/a'), { type: 'text', text: 'caption' }, image('/b')] },
      { index: '2-0', text: 'plain' },
      { index: '3-0', content: [image('/c')] },
    ];
    const seen: NexusMessage[][] = [];
    inlineNexusImages(messages, fetchImage).subscribe((m) => seen.push(m));
    expect([...pending.keys()]).toEqual(['/a', '/b', '/c']);
    for (const url of ['/c', '/b', '/a']) {
      pending.get(url)!.next(`data:${url}`);
      pending.get(url)!.complete();
    }
    expect(seen).toEqual([
      [
        { index: '1-0', content: [image('data:/a'), { type: 'text', text: 'caption' }, image('data:/b')] },
        { index: '2-0', text: 'plain' },
        { index: '3-0', content: [image('data:/c')] },
      ],
    ]);
    expect(messages[0].content![0].url).toBe('/a'); // not mutated
  });

  it('keeps the original url of an image that cannot be fetched (failed, undefined or no value at all)', () => {
    const messages: NexusMessage[] = [{ index: '1-0', content: [image('/broken'), image('/empty'), image('/none')] }];
    const seen: NexusMessage[][] = [];
    const fetchImage = (url: string) => (url === '/broken' ? throwError(() => new Error('404')) : url === '/none' ? EMPTY : of(undefined));
    inlineNexusImages(messages, fetchImage).subscribe((m) => seen.push(m));
    expect(seen).toEqual([messages]);
  });
});
