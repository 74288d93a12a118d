import fc from 'fast-check';
import type { NormalizedMessage } from '../../lib/model/messages';
import { Rejections } from '../../lib/model/rejections';

/**
 * The hostile values the fuzz specs throw at the service and the bus: whatever fast-check makes up,
 * plus the ones a page really sends by mistake or on purpose.
 */

/**
 * An object whose every named property read throws (a hostile getter, a revoked-like proxy). Symbol
 * reads answer normally, so test tooling that probes symbols (fast-check's clone marker) still works.
 */
export const throwingObject = (): object =>
  new Proxy(
    {},
    {
      get: (_target, key) => {
        if (typeof key === 'symbol') return undefined;
        throw new Error(`hostile getter ${key}`);
      },
      has: (_target, key) => {
        if (typeof key === 'symbol') return false;
        throw new Error(`hostile has ${key}`);
      },
    },
  );

/** Keys that pollute `Object.prototype` when merged carelessly (own properties, as `JSON.parse` makes them). */
export const pollutingObjects = (): unknown[] => [
  JSON.parse('{"__proto__": {"polluted": "yes"}}'),
  JSON.parse('{"constructor": {"prototype": {"polluted": "yes"}}}'),
  JSON.parse('{"a": {"__proto__": {"polluted": "yes"}}}'),
  '{"__proto__": {"polluted": "yes"}}',
];

/** Preprocessors that throw, return garbage, or wreck the message they get. */
export const hostilePreprocessors: Array<(message: NormalizedMessage) => unknown> = [
  () => {
    throw new Error('preprocessor boom');
  },
  () => 'not a message',
  () => 42,
  () => [1, 2, 3],
  () => ({ type: 'Message' }),
  () => ({ type: 'Message', text: 17, from: null }),
  () => throwingObject(),
  (message) => {
    (message as unknown as Record<string, unknown>).from = null;
  },
  (message) => {
    (message as unknown as Record<string, unknown>).text = { nested: true };
    return message;
  },
  (message) => ({ ...message, text: 'x'.repeat(200000) }),
];

const hugeString = 'x'.repeat(1_000_000);

/** One hostile value: fast-check's `anything`, or one of the hand-made ones (a throwing object: see {@link throwingObject}). */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: fc.anything({ withBigInt: true, withNullPrototype: true, withObjectString: true, withMap: true, withSet: true, withDate: true, withTypedArray: true, withSparseArray: true, maxDepth: 3 }), weight: 6 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 64 }), weight: 2 },
  { arbitrary: fc.constantFrom<unknown>(hugeString, '', '   ', '\u0000', '\ud800', Symbol('s'), () => undefined, NaN, -0, Infinity, /x/g, new RegExp('(?:)'), { source: 'a', flags: 'g', test: () => true }, Object.create(null)), weight: 3 },
  { arbitrary: fc.constantFrom(...pollutingObjects()), weight: 2 },
  { arbitrary: fc.constantFrom(...hostilePreprocessors), weight: 2 },
);

/** A configuration: anything, an object of hostile keys, or one that throws when read. */
export const hostileConfig: fc.Arbitrary<unknown> = fc.oneof(
  hostileValue,
  fc.record({ dataURL: hostileValue, serverURL: hostileValue, transport: fc.oneof(hostileValue, fc.record({ type: hostileValue, dataURL: hostileValue, endpoint: hostileValue, headers: hostileValue, async: hostileValue }, { requiredKeys: [] })), ajaxTimeout: hostileValue, pollRateMin: hostileValue, userData: hostileValue, cometD: hostileValue }, { requiredKeys: [] }),
  fc.constant(null).map(() => throwingObject()),
  fc.constant(null).map(() => ({ dataURL: 'https://gms.example/chat', get transport() { throw new Error('hostile config getter'); } })),
);

/** Command options: a hostile value, or an object whose known option keys hold hostile values. */
export const hostileOptions: fc.Arbitrary<unknown> = fc.oneof(
  hostileValue,
  fc.record(
    {
      message: hostileValue,
      Message: hostileValue,
      regex: hostileValue,
      filters: fc.oneof(hostileValue, fc.array(hostileValue, { maxLength: 4 })),
      preprocessor: hostileValue,
      userData: hostileValue,
      input: hostileValue,
      files: hostileValue,
      fileId: hostileValue,
      fileName: hostileValue,
      sessionData: hostileValue,
      isTyping: hostileValue,
      form: hostileValue,
      nickname: hostileValue,
      interactionData: hostileValue,
      type: hostileValue,
      parentMessageID: hostileValue,
      async: hostileValue,
    },
    { requiredKeys: [] },
  ),
  fc.dictionary(fc.string(), hostileValue, { maxKeys: 5 }),
);

/** The documented rejection texts (`contract.md` §5) plus the product patterns. */
const texts = new Set<string>(Object.values(Rejections));
const patterns = [
  /^Message length exceeds configured threshold of \d+ characters$/,
  /^No preprocessor function provided\. Type provided was '[a-z]+'\.$/,
  /^This transport doesn't support \w+ command\.$/,
  /^WebChatService was destroyed$/,
];

/**
 * Whether a rejection is one the contract documents: a catalogue text, an `AjaxFailure` or
 * `ServerFailure` object (`contract.md` §4: `status`/`statusText`, or a server body), or the start
 * lock's `{statusCode: 1}`.
 */
export function isDocumentedRejection(rejection: unknown): boolean {
  if (typeof rejection === 'string') return texts.has(rejection) || patterns.some((p) => p.test(rejection));
  if (typeof rejection !== 'object' || rejection === null || rejection instanceof Error) return false;
  const failure = rejection as Record<string, unknown>;
  return (typeof failure.status === 'number' && typeof failure.statusText === 'string') || 'statusCode' in failure || Array.isArray(failure.errors);
}

/** Whether `Object.prototype` (or `Array.prototype`) gained anything: a pollution. */
export function prototypesPolluted(): string[] {
  const found: string[] = [];
  for (const [name, proto] of [['Object', Object.prototype], ['Array', Array.prototype]] as const) {
    for (const key of ['polluted', 'a']) if (Object.prototype.hasOwnProperty.call(proto, key)) found.push(`${name}.prototype.${key}`);
  }
  if (({} as Record<string, unknown>).polluted !== undefined) found.push('({}).polluted');
  return found;
}

/** A published message is sane: the contract's shape, whatever the preprocessors did (§9.1). */
export function isSaneMessage(message: unknown): boolean {
  if (typeof message !== 'object' || message === null) return false;
  const m = message as Record<string, unknown>;
  const from = m.from as Record<string, unknown> | null | undefined;
  return typeof m.type === 'string' && typeof m.text === 'string' && typeof m.index === 'number' && typeof from === 'object' && from !== null && typeof from.type === 'string';
}

/** The wire values of the hostile-server fuzz (GMS REST and CometD pushes). */
export const hugeText = 'y'.repeat(2_000_000);
export const absurdIndex = fc.oneof(fc.integer(), fc.double(), fc.constantFrom<unknown>(1e308, -1, 0, Number.MAX_SAFE_INTEGER + 2, '7', '12-0', '-3', 'abc', null, true, [], {}));
export const anyJson = fc.jsonValue({ maxDepth: 3 });
export const wireText = fc.oneof(fc.string(), anyJson, fc.constant(hugeText));

/** A GMS transcript event of any shape. */
export const gmsMessage = fc.oneof(
  anyJson,
  fc.record(
    {
      index: absurdIndex,
      type: fc.oneof(fc.constantFrom('Message', 'ParticipantJoined', 'ParticipantLeft', 'TypingStarted', 'TypingStopped', 'Notice', 'PushUrl', 'FileUploaded', 'CustomNotice'), anyJson),
      from: fc.oneof(anyJson, fc.record({ participantId: anyJson, type: fc.oneof(fc.constantFrom('Agent', 'Client', 'Supervisor', 'External', 'Bot'), anyJson), nickname: anyJson }, { requiredKeys: [] })),
      text: wireText,
      utcTime: fc.oneof(anyJson, fc.constantFrom(-1, 8.64e15 + 1, 1e308)),
      eventAttributes: fc.oneof(anyJson, fc.constant('{"structured-content":{"genesys-chat":{"content":"{not json"}}}')),
      userData: anyJson,
      html: anyJson,
    },
    { requiredKeys: [] },
  ),
);

