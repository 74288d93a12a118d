import { Subject, type Observable } from 'rxjs';
import { seededRandom } from './seededRandom';

/**
 * Fault injection, deterministic from a seed, per transport, route and session. Tests add rules
 * in-process (`playground.faults.add(...)`), over HTTP (`POST /agent/faults`) or with `npm start
 * --fault kind[:route][:count]`; protocol modules `take()` one matching rule per request (or per
 * socket tick) and apply it.
 */

/** Faults every HTTP route gets for free through `ProtocolContext.intercept`. */
export const HTTP_FAULT_KINDS = [
  'http500',
  'http502',
  'http503',
  /** Never answer (the connection is destroyed at `close()`). */
  'timeout',
  /** Destroy the connection without an answer. */
  'drop',
  /** 429 with `Retry-After: retryAfter` (seconds, default 1). */
  'http429',
  /** A WAF-style `403` with the text/plain body `Forbidden`. */
  'plain403',
  /** 200 with a body that is not JSON. */
  'malformedJson',
  /** 200 with the normal JSON body cut in half. */
  'truncatedJson',
  /** Wait `delayMs` (default 2000), then answer normally. */
  'slow',
] as const;

/** Faults only a protocol module knows how to apply. */
export const PROTOCOL_FAULT_KINDS = [
  /** GMS: `{statusCode: 1}` (count = the streak length). */
  'gmsStatusCode1',
  /** GMS: `statusCode: 2`, `chatEnded: true`, `errors: [{code: 249}]`; the session ends. */
  'gmsStatusCode2',
  /** Nexus: `INVALID_SESSION`. */
  'nexusInvalidSession',
  /**
   * Nexus, route `create`: the session created next writes bare numeric `index`es for its whole life
   * instead of the default strings `"<seq>-0"` (wire-nexus-v3 §7; a robustness switch: the shipped
   * client throws on numbers, so a real server cannot be sending them).
   */
  'nexusNumericIndex',
  /** Deliver an already-delivered message again. */
  'duplicate',
  /** Deliver the messages of one response in reverse order. */
  'outOfOrder',
  /** GMS over CometD, route `handshake`: the Bayeux handshake answers `successful: false` (advice: handshake again). */
  'handshakeFailure',
  /** Cloud: close the socket cleanly. */
  'socketClose',
  /**
   * Cloud: terminate the socket abruptly. GMS over CometD (route `connect`): cut the Bayeux
   * connection (WebSocket or held long-poll); the Bayeux session survives.
   */
  'socketTerminate',
  /** Cloud: stop sending heartbeats (for `count` beats; Infinity = until cleared). */
  'missHeartbeats',
] as const;

/** A fault any protocol's HTTP route can suffer (status codes, delays, drops). */
export type HttpFaultKind = (typeof HTTP_FAULT_KINDS)[number];
/** Every fault the playground can inject: the HTTP ones and the protocol-specific ones. */
export type FaultKind = HttpFaultKind | (typeof PROTOCOL_FAULT_KINDS)[number];
/** Every {@link FaultKind}, for validation and the agent console. */
export const FAULT_KINDS: readonly FaultKind[] = [...HTTP_FAULT_KINDS, ...PROTOCOL_FAULT_KINDS];

/** When and how a request is faulted: which back end, route, session, kind, how often. */
export interface FaultRule {
  /** `'gms-v2' | 'nexus-v3' | 'purecloud-v2'`; absent = any. */
  transport?: string;
  /** A protocol's route name (`'refresh'`, `'send'`, `'messages'`, `'socket'`, …); absent = any. */
  route?: string;
  /** The store's session id; absent = any. */
  sessionId?: string;
  kind: FaultKind;
  /** How many times it fires; default 1, `Infinity` = always. */
  count?: number;
  /** Chance (0..1, seeded) that a matching request gets it; default 1. */
  probability?: number;
  /** `slow`: the delay; default 2000 ms. */
  delayMs?: number;
  /** `http429`: the `Retry-After` seconds; default 1. */
  retryAfter?: number;
  /** Overrides the HTTP status of the HTTP error kinds. */
  status?: number;
}

/** The playground's fault rules (`Playground.faults`). */
export interface FaultController {
  /** Adds rules; they are consulted in the order added. */
  add(rule: FaultRule | readonly FaultRule[]): void;
  /**
   * Removes every rule, or only the rules bound to `sessionId` (a finished session's leftovers);
   * the `injected` counts stay.
   */
  clear(sessionId?: string): void;
  /**
   * The first rule that matches this request and whose kind the caller can apply, consumed once;
   * `undefined` when none fires.
   *
   * @param kinds The kinds the caller applies here (a rule of another kind stays for someone else).
   */
  take(transport: string, route: string, sessionId: string | undefined, kinds?: readonly FaultKind[]): FaultRule | undefined;
  /** The rules still active, with their remaining counts. */
  rules(): FaultRule[];
  /** How many times each kind was applied. */
  readonly injected: Record<FaultKind, number>;
  /** Each rule as it is added: socket faults act at once instead of waiting for the next tick. */
  readonly added$: Observable<FaultRule>;
  /** Completes `added$`; the playground calls it at `close()`. */
  close(): void;
}

/** Whether `value` is a {@link FaultKind}. */
export const isFaultKind = (value: unknown): value is FaultKind => typeof value === 'string' && (FAULT_KINDS as readonly string[]).includes(value);

/**
 * Creates a {@link FaultController} whose probabilities come from a seeded RNG.
 *
 * @example
 * const faults = createFaultController(7);
 * faults.add({ transport: 'gms-v2', route: 'refresh', kind: 'gmsStatusCode1', count: 3 });
 * faults.take('gms-v2', 'refresh', chatId, ['gmsStatusCode1']); // the rule, three times, then undefined
 *
 * @param seed The RNG seed (same seed, same schedule).
 * @param initial Rules to start with.
 */
export function createFaultController(seed = 1, initial: readonly FaultRule[] = []): FaultController {
  const random = seededRandom(seed);
  const active: { rule: FaultRule; remaining: number }[] = [];
  const injected = Object.fromEntries(FAULT_KINDS.map((kind) => [kind, 0])) as Record<FaultKind, number>;
  const added = new Subject<FaultRule>();

  const add = (rule: FaultRule | readonly FaultRule[]): void => {
    for (const one of Array.isArray(rule) ? (rule as readonly FaultRule[]) : [rule as FaultRule]) {
      if (!isFaultKind(one.kind)) throw new Error(`unknown fault kind: ${String(one.kind)}`);
      active.push({ rule: { ...one }, remaining: one.count ?? 1 });
      added.next(one);
    }
  };
  add(initial);

  const matches = (rule: FaultRule, transport: string, route: string, sessionId: string | undefined): boolean =>
    (rule.transport === undefined || rule.transport === transport) &&
    (rule.route === undefined || rule.route === route) &&
    (rule.sessionId === undefined || rule.sessionId === sessionId);

  return {
    add,
    clear(sessionId) {
      if (sessionId === undefined) return void active.splice(0);
      for (let i = active.length - 1; i >= 0; i -= 1) if (active[i].rule.sessionId === sessionId) active.splice(i, 1);
    },
    take(transport, route, sessionId, kinds = FAULT_KINDS) {
      const index = active.findIndex(({ rule }) => kinds.includes(rule.kind) && matches(rule, transport, route, sessionId));
      if (index < 0) return undefined;
      const entry = active[index];
      // The RNG is drawn only for rules with a probability, so adding one does not shift the others' schedule.
      if (entry.rule.probability !== undefined && random() >= entry.rule.probability) return undefined;
      entry.remaining -= 1;
      if (entry.remaining <= 0) active.splice(index, 1);
      injected[entry.rule.kind] += 1;
      return entry.rule;
    },
    rules: () => active.map(({ rule, remaining }) => ({ ...rule, count: remaining })),
    injected,
    added$: added.asObservable(),
    close: () => added.complete(),
  };
}
