import { NEVER, Observable, Subject, of } from 'rxjs';
import type { Capabilities } from '../model/capabilities';
import type { TransportId } from '../model/config';
import type { NormalizedMessage, ParticipantType } from '../model/messages';
import type { GmsSessionData } from '../model/results';
import { gmsNoSessionData } from '../model/results';
import type {
  Outcome, RawBatch, RawItem, ReceiveControl, ReceiveSignal, RestoreOutcome, StartOutcome, StartRequest, Transport,
  TransportFactory, TransportSession, Verdict,
} from '../transports/transport';

/** A transport the test drives by hand: what it answered, what it was asked, and a way to push signals. */
export interface FakeTransport extends Transport {
  /** Push receive signals (batches, health, ended) into the running session. */
  signals: Subject<ReceiveSignal>;
  /** Every control the engine sent into `receive`. */
  controls: ReceiveControl[];
  /** Every typing-preview text the engine handed the session (`TransportSession.preview`). */
  previews: string[];
  /** Every call the engine made, by method name. */
  calls: Array<{ method: string; args: unknown[] }>;
  /** Answers of the next calls; default `{ok: true, body: {}}`. */
  answer: (method: string, args: unknown[]) => Outcome;
  /** What `restore` yields; default `{kind: 'none'}`. */
  restoreWith: RestoreOutcome | null;
  /** Whether persisted keys exist (`verifySession`, auto-restore). */
  persistedState: { exists: boolean; fresh: boolean };
  /** Methods whose requests never answer (to test commands in flight). */
  held: Set<string>;
}

/** Options of `fakeTransport`: its id, capabilities, the commands it refuses, and a batch delivered with the start. */
export interface FakeTransportOptions {
  /** Its column of the §7 table (`unsupportedCommands`) decides what the engine refuses; default `gms-v2`. */
  id?: TransportId;
  capabilities?: Partial<Capabilities>;
  botEvents?: boolean;
  /** A batch delivered with the start (e.g. the customer's own join). */
  startBatch?: RawBatch;
}

/**
 * A {@link Transport} for unit and marble tests of the service and of integrators' extensions:
 * nothing goes on the wire; the test pushes signals and reads the calls.
 *
 * @example
 * const transport = fakeTransport();
 * const chat = createWebChatService({ dataURL: 'fake' }, { scheduler, transport: () => transport });
 * transport.signals.next({ type: 'batch', batch: fakeBatch([fakeMessage(2, 'Message', 'Agent', 'hi')]) });
 */
export function fakeTransport(options: FakeTransportOptions = {}): FakeTransport & { factory: TransportFactory } {
  const signals = new Subject<ReceiveSignal>();
  const responses$ = new Subject<Record<string, unknown>>();
  const sessionData: GmsSessionData = { secureKey: 'K1', sessionID: 'C1', sessionId: 'C1', alias: '117', userId: 'U1' };
  const transport: FakeTransport & { factory: TransportFactory } = {
    id: options.id ?? 'gms-v2',
    capabilities: { async: false, asyncClose: 'hideChat', pagination: false, fileUpload: true, ...options.capabilities },
    botEvents: options.botEvents ?? true,
    responses$: responses$.asObservable(),
    signals,
    controls: [],
    previews: [],
    calls: [],
    answer: () => ({ ok: true, body: {}, verdict: 'ok' }),
    restoreWith: null,
    persistedState: { exists: false, fresh: false },
    held: new Set<string>(),
    persisted: () => transport.persistedState,
    start: (request: StartRequest): Observable<StartOutcome> => {
      const outcome = call('start', [request]);
      if (!outcome.ok) return of(outcome);
      return of({ ok: true, verdict: 'ok', body: { response: { ...outcome.body }, session: session(), ...(options.startBatch ? { batch: options.startBatch } : {}) } });
    },
    restore: (restoreOptions) => {
      transport.calls.push({ method: 'restore', args: [restoreOptions] });
      const outcome = transport.restoreWith ?? { kind: 'none' as const };
      return of(outcome.kind === 'restored' || outcome.kind === 'restoredOffline' ? { ...outcome, session: session() } : outcome);
    },
    emptySessionData: gmsNoSessionData,
    factory: () => transport,
  };
  const call = (method: string, args: unknown[]): Outcome => {
    transport.calls.push({ method, args });
    return transport.answer(method, args);
  };
  const respond = (method: string, args: unknown[]): Observable<Outcome> => {
    if (transport.held.has(method)) {
      transport.calls.push({ method, args });
      return NEVER;
    }
    return of(call(method, args));
  };
  const session = (): TransportSession => ({
    sessionData: () => sessionData,
    receive: (control$) =>
      new Observable<ReceiveSignal>((subscriber) => {
        const controls = control$.subscribe((c) => {
          transport.controls.push(c);
          if (c.type === 'pollNow') c.reply(call('poll', []));
        });
        const forwarded = signals.subscribe(subscriber);
        return () => {
          controls.unsubscribe();
          forwarded.unsubscribe();
        };
      }),
    sendMessage: (message) => respond('sendMessage', [message]),
    preview: (text) => void transport.previews.push(text),
    typing: (isTyping, preview) => respond('typing', [isTyping, preview]),
    end: () => respond('end', []),
    sendCustomNotice: (message) => respond('sendCustomNotice', [message]),
    updateUserData: (userData) => respond('updateUserData', [userData]),
    forget: () => void transport.calls.push({ method: 'forget', args: [] }),
  });
  return transport;
}

/** A raw batch of normalized messages keyed by their index. */
export function fakeBatch(messages: NormalizedMessage[], flags: Omit<RawBatch, 'items'> = {}): RawBatch {
  const items: RawItem[] = messages.map((message) => ({ key: message.index, order: message.index, message, raw: message }));
  return { items, ...flags };
}

/** A normalized message for tests: `fakeMessage(3, 'Message', 'Agent', 'hello')`. */
export function fakeMessage(index: number, type: string, fromType: ParticipantType, text = '', fromId: number | string = fromType === 'Client' ? 1 : 2): NormalizedMessage {
  return {
    index,
    type,
    text,
    html: false,
    userData: {},
    timestamp: 1700000000000 + index * 1000,
    from: { id: fromId, type: fromType, name: fromType === 'Client' ? 'Ada' : 'Dana' },
    ...(type === 'TypingStarted' ? { isTyping: true } : type === 'TypingStopped' ? { isTyping: false } : {}),
  };
}
