import { AsyncSubject, BehaviorSubject, Subject, filter, map, takeUntil } from 'rxjs';
import type { Observable } from 'rxjs';
import type { CommandOptions, CommandResult, Commander, WebChatCommandName } from '../model/commands';
import { webChatCommandNames } from '../model/commands';
import type { WebChatEvent, WebChatEventMap, WebChatEventName } from '../model/events';
import type { NormalizedMessage } from '../model/messages';
import type { WebChatState } from '../model/state';
import type { WebChatService } from '../service/WebChatService';
import { messageKey, withoutKnown } from './handOverFilter';
import type { OutboxMethods } from './outboxMethods';

/**
 * What one tab publishes in multi-tab mode, whichever tab runs the chat: its events, messages and
 * state, `ready` once, `capabilitiesChanged` only when they change, and the keys of every message it
 * published (what a hand-over must not publish again).
 */
export class TabOutput {
  private readonly eventSubject = new Subject<WebChatEvent>();
  private readonly messageSubject = new Subject<NormalizedMessage>();
  private readonly stateSubject: BehaviorSubject<WebChatState>;
  private readonly ready$ = new AsyncSubject<WebChatEventMap['ready']>();
  private readonly done$ = new Subject<void>();
  private capabilities: string | undefined;
  /** {@link messageKey} of each message published in the current chat. */
  readonly known = new Set<string>();
  /** Messages left out of a `messageReceived` as already published: they stay off `messages$` too. */
  private readonly repeated = new Set<string>();
  readonly events$ = this.eventSubject.asObservable();
  readonly messages$ = this.messageSubject.asObservable();
  readonly state$: Observable<WebChatState>;
  readyPublished = false;

  constructor(state: WebChatState) {
    this.stateSubject = new BehaviorSubject(state);
    this.state$ = this.stateSubject.asObservable();
  }

  get state(): WebChatState {
    return this.stateSubject.value;
  }

  /**
   * Publishes `event` unless it repeats `ready`, unchanged capabilities or messages already published.
   *
   * @returns What went out (a `messageReceived` without its known messages), or `null`.
   */
  publish(given: WebChatEvent): WebChatEvent | null {
    let event: WebChatEvent | null = given;
    if (event.event === 'ready') {
      if (this.readyPublished) return null;
      this.readyPublished = true;
    }
    if (event.event === 'capabilitiesChanged') {
      const capabilities = JSON.stringify(event.data);
      if (capabilities === this.capabilities) return null;
      this.capabilities = capabilities;
    }
    if (event.event === 'started') {
      this.known.clear();
      this.repeated.clear();
    }
    if (event.event === 'messageReceived') {
      event = withoutKnown(event, this.known, this.repeated);
      if (!event) return null;
      for (const message of event.data.messages) this.known.add(messageKey(message));
    }
    this.eventSubject.next(event);
    if (event.event === 'ready') {
      this.ready$.next({});
      this.ready$.complete();
    }
    return event;
  }

  /** Puts `message` on `messages$` unless its `messageReceived` left it out. @returns Whether it went out. */
  message(message: NormalizedMessage): boolean {
    if (this.repeated.size > 0 && this.repeated.delete(messageKey(message))) return false;
    this.messageSubject.next(message);
    return true;
  }

  setState(state: WebChatState): void {
    this.stateSubject.next(state);
  }

  /**
   * The public surface over these streams, with commands going to `dispatch`.
   *
   * @param dispatch Runs one command, wherever the chat runs.
   * @param destroy Stops the tab's part.
   * @param outbox `outbox$`, `retrySend` and `discardSend`, wherever the chat runs.
   */
  surface(dispatch: (name: unknown, options: unknown, commander: Commander) => Observable<unknown>, destroy: () => void, outbox: OutboxMethods): WebChatService {
    const methods = Object.fromEntries(
      webChatCommandNames.filter((name) => name !== 'configure').map((name) => [name, (options?: unknown) => dispatch(name, options ?? {}, 'App')]),
    ) as unknown as Omit<WebChatService, 'command' | 'on' | 'events$' | 'messages$' | 'state$' | 'state' | 'destroy' | keyof OutboxMethods>;
    const output = this;
    return {
      ...methods,
      ...outbox,
      command: <K extends WebChatCommandName>(name: K | `WebChatService.${K}`, options?: CommandOptions<K>, commander: Commander = 'App') =>
        dispatch(name, options ?? {}, commander) as Observable<CommandResult<K>>,
      on: <K extends WebChatEventName>(event: K): Observable<WebChatEventMap[K]> =>
        event === 'ready'
          ? (this.ready$.pipe(takeUntil(this.done$)) as unknown as Observable<WebChatEventMap[K]>)
          : this.events$.pipe(
              filter((e): e is Extract<WebChatEvent, { event: K }> => e.event === event),
              map((e) => e.data as WebChatEventMap[K]),
            ),
      events$: this.events$,
      messages$: this.messages$,
      state$: this.state$,
      get state() {
        return output.state;
      },
      destroy,
    };
  }

  complete(): void {
    this.done$.next();
    this.done$.complete();
    this.ready$.complete();
    this.eventSubject.complete();
    this.messageSubject.complete();
    this.stateSubject.complete();
  }
}
