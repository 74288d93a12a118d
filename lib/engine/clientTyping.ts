import { Observable, Subject, concatMap, of, take, takeUntil, throwError } from 'rxjs';
import { clientTypingPreview } from '../operators/clientTypingPreview';
import type { ClientTypingAction, ClientTypingInput } from '../operators/clientTyping';
import type { Engine } from './engine';

/** The customer's typing (`contract.md` §12.1) as the commands use it. */
export interface ClientTyping {
  /** `sendTyping`: the request it triggered (`null` when throttled). */
  call(preview: string, stop: boolean): Observable<unknown>;
  /** `sendMessage` and `endChat`: `clientTypingStopped` if typing, and no stop request. */
  cancel(): void;
  /** The registered preview input's values: each one is a `sendTyping`. */
  watch(values$: Observable<string>): void;
}

/**
 * Drives the `clientTypingPreview` operator (2000 ms idle) for the engine: `'start'` publishes
 * `clientTypingStarted` and sends the start request; the idle timer's `'stop'` publishes
 * `clientTypingStopped` and sends the stop request (cloud has none: its transport answers at once).
 * Every step's preview goes to the transport (gms: `message` on every refresh), so the draft an
 * agent sees is cleared once the customer stops typing or sends; a new session starts with none.
 */
export function createClientTyping(engine: Engine, idleMs = 2000): ClientTyping {
  const input$ = new Subject<ClientTypingInput>();
  const { scheduler } = engine.deps.platform;
  let answer: ClientTypingAction | undefined;
  let answering = false;
  /** The text the typing requests carry: the last one typed (the stop request too). */
  let preview = '';
  let watching: { unsubscribe(): void } | undefined;

  const request = (isTyping: boolean): Observable<unknown> => {
    const runtime = engine.runtime;
    if (!runtime) return of(null);
    return runtime.session.typing(isTyping, preview).pipe(
      take(1),
      concatMap((outcome) => (outcome.ok ? of(outcome.body) : throwError(() => outcome.failure))),
    );
  };
  const stopped = (): Observable<unknown> => {
    engine.publish('clientTypingStopped', {});
    return request(false);
  };

  input$.pipe(clientTypingPreview(idleMs, scheduler), takeUntil(engine.destroyed$)).subscribe(({ action, preview: text }) => {
    engine.runtime?.session.preview(text);
    if (answering) {
      answer = action;
      return;
    }
    // Not an answer to a call: the idle timer ran out while typing.
    if (action === 'stop') stopped().pipe(takeUntil(engine.destroyed$)).subscribe({ error: () => undefined });
  });

  const ask = (input: ClientTypingInput): ClientTypingAction | undefined => {
    answering = true;
    answer = undefined;
    input$.next(input);
    answering = false;
    return answer;
  };

  const typing: ClientTyping = {
    call(text, stop) {
      preview = text;
      const action = ask(stop ? { type: 'stop' } : { type: 'keystroke', text });
      if (action === 'start') {
        engine.publish('clientTypingStarted', {});
        return request(true);
      }
      if (action === 'stop') return stopped();
      return of(null);
    },
    cancel() {
      if (ask({ type: 'cancel' }) === 'cancel') engine.publish('clientTypingStopped', {});
    },
    watch(values$) {
      watching?.unsubscribe();
      watching = values$.pipe(takeUntil(engine.destroyed$)).subscribe((value) => {
        if (engine.state.sessionState !== 'active') {
          preview = value;
          return;
        }
        typing.call(value, false).pipe(takeUntil(engine.destroyed$)).subscribe({ error: () => undefined });
      });
    },
  };
  return typing;
}
