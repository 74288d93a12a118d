import { cold } from 'jest-marbles';
import { map } from 'rxjs';
import { messagePipeline, processBatch } from '../../lib/pipeline/messagePipeline';
import type { PipelineContext } from '../../lib/pipeline/messagePipeline';
import { builtInPrefilters, deserializeFilters, isPrefiltered, readFilters, serializeFilters } from '../../lib/pipeline/prefilters';
import { applyPreprocessors } from '../../lib/pipeline/applyPreprocessors';
import { dedupe } from '../../lib/pipeline/dedupe';
import { fakeBatch, fakeMessage } from '../../lib/testing/fakeTransport';
import type { Preprocessor } from '../../lib/model/commands';

const quiet = { debug() {}, info() {}, warn: jest.fn(), error() {} };
const context = (over: Partial<PipelineContext> = {}): PipelineContext => ({
  seen: new Set(),
  prefilters: () => builtInPrefilters,
  preprocessors: () => [],
  logger: quiet,
  ...over,
});

describe('dedupe', () => {
  it('drops keys already seen and repeats inside the batch, and records the new ones', () => {
    const seen = new Set(['1']);
    const items = fakeBatch([fakeMessage(1, 'Message', 'Agent'), fakeMessage(2, 'Message', 'Agent'), fakeMessage(2, 'Message', 'Agent')]).items;
    expect(dedupe(items, seen).map((i) => i.key)).toEqual([2]);
    expect([...seen]).toEqual(['1', '2']);
  });
});

describe('prefilters', () => {
  it('hide only Message texts matching the built-in start marker or a custom filter', () => {
    expect(isPrefiltered('Message', 'hello {start:123456789}', builtInPrefilters)).toBe(true);
    expect(isPrefiltered('Notice', '{start:123456789}', builtInPrefilters)).toBe(false);
    expect(isPrefiltered('Message', 'card 4111', [/card/g])).toBe(true);
    // A global RegExp keeps lastIndex between tests: it must not alternate.
    expect(isPrefiltered('Message', 'card 4111', [/card/g])).toBe(true);
  });
  it('accept a RegExp or a non-empty array of them, nothing else', () => {
    expect(readFilters(/a/)).toEqual([/a/]);
    expect(readFilters([/a/, /b/i])).toEqual([/a/, /b/i]);
    expect(readFilters([])).toBeNull();
    expect(readFilters('a')).toBeNull();
    expect(readFilters([/a/, 'b'])).toBeNull();
  });
  it('persist as "/source/flags" strings and read back, skipping garbage', () => {
    const text = serializeFilters([/a+b/i, /\d{3}/]);
    expect(JSON.parse(text)).toEqual(['/a+b/i', '/\\d{3}/']);
    expect(deserializeFilters(text).map(String)).toEqual(['/a+b/i', '/\\d{3}/']);
    expect(deserializeFilters('not json')).toEqual([]);
    expect(deserializeFilters('["/(/", 3, "/ok/"]').map(String)).toEqual(['/ok/']);
  });
});

describe('applyPreprocessors', () => {
  const message = fakeMessage(3, 'Message', 'Agent', 'hi');
  it('runs in order; a returned message replaces, a falsy return keeps the mutated one', () => {
    const upper: Preprocessor = (m) => ({ ...m, text: m.text.toUpperCase() });
    const mutate: Preprocessor = (m) => {
      m.html = true;
    };
    expect(applyPreprocessors(message, [upper, mutate], quiet)).toMatchObject({ text: 'HI', html: true });
  });
  it('skips a throwing preprocessor and ignores garbage it returns', () => {
    const throws: Preprocessor = () => {
      throw new Error('boom');
    };
    const garbage = (() => 'nope') as unknown as Preprocessor;
    expect(applyPreprocessors(message, [throws, garbage], quiet)).toEqual(message);
    expect(quiet.warn).toHaveBeenCalled();
  });
});

describe('messagePipeline', () => {
  it('dedupes, orders, hides prefiltered messages (side effects only) and preprocesses visible ones', () => {
    const batch = fakeBatch([
      fakeMessage(4, 'Message', 'Agent', 'secret'),
      fakeMessage(3, 'Message', 'Agent', 'b'),
      fakeMessage(2, 'TypingStarted', 'Agent'),
    ]);
    const processed = processBatch(batch, context({ prefilters: () => [/secret/], preprocessors: () => [(m) => ({ ...m, text: `[${m.text}]` })] }));
    expect(processed.entries.map((e) => [e.message.index, e.visible])).toEqual([[2, true], [3, true], [4, false]]);
    expect(processed.messages.map((m) => m.text)).toEqual(['[]', '[b]']);
    expect(processed.originalMessages).toHaveLength(2);
  });
  it('flags restore replays on every message and publishes history pages newest first', () => {
    const restoring = processBatch(fakeBatch([fakeMessage(1, 'Message', 'Agent', 'a')], { restoring: true }), context());
    expect(restoring.messages[0].restoring).toBe(true);
    const history = processBatch(fakeBatch([fakeMessage(1, 'Message', 'Agent', 'a'), fakeMessage(2, 'Message', 'Agent', 'b')], { oldMessages: true }), context());
    expect(history.messages.map((m) => m.text)).toEqual(['b', 'a']);
  });
  it('is an operator: each batch in, one processed batch out, repeats dropped across batches', () => {
    const ctx = context();
    const a = fakeBatch([fakeMessage(1, 'Message', 'Agent', 'x')]);
    const b = fakeBatch([fakeMessage(1, 'Message', 'Agent', 'x'), fakeMessage(2, 'Message', 'Agent', 'y')]);
    const texts = cold('a-b|', { a, b }).pipe(
      messagePipeline(ctx),
      map((p) => p.messages.map((m) => m.text).join(',')),
    );
    expect(texts).toBeObservable(cold('x-y|'));
  });
});
