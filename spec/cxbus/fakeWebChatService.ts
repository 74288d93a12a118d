import { BehaviorSubject, ReplaySubject, Subject, filter, map, throwError } from 'rxjs';
import type { Observable } from 'rxjs';
import { webChatCommandNames } from '../../lib/model/commands';
import type { WebChatEvent, WebChatEventMap, WebChatEventName } from '../../lib/model/events';
import type { NormalizedMessage } from '../../lib/model/messages';
import { Rejections } from '../../lib/model/rejections';
import type { WebChatState } from '../../lib/model/state';
import type { WebChatService } from '../../lib/service/WebChatService';

export const idleState: WebChatState = {
  sessionState: 'idle',
  connectionState: 'online',
  sessionActive: false,
  sessionData: { secureKey: '', sessionID: '', sessionId: '', alias: '', userId: '' },
  userData: {},
  interactionData: {},
  sleeping: false,
  agentTyping: false,
  polling: false,
  mode: 'gms-v2',
  capabilities: { async: false, asyncClose: 'hideChat', pagination: false, fileUpload: true },
  agents: {},
  outbox: [],
};

export interface CommandCallRecord {
  name: string;
  options: unknown;
  commander: string | undefined;
}

/**
 * A WebChatService made of subjects, for binding specs: `emit` publishes events, `state$` is
 * settable, `answer` decides what each command returns (default: resolves `{name}`).
 */
export function fakeWebChatService() {
  const events = new Subject<WebChatEvent>();
  const ready = new ReplaySubject<WebChatEventMap['ready']>(1);
  const state = new BehaviorSubject<WebChatState>(idleState);
  const calls: CommandCallRecord[] = [];
  let answer = (name: string, _options: unknown, _commander: string | undefined): Observable<unknown> =>
    name === 'configure' ? throwError(() => Rejections.configured) : new BehaviorSubject({ name });
  const command = (name: string, options?: unknown, commander?: string) => {
    const short = name.replace(/^WebChatService\./, '');
    calls.push({ name: short, options, commander });
    return answer(short, options, commander);
  };
  const methods = Object.fromEntries(webChatCommandNames.map((n) => [n, (o?: unknown) => command(n, o)]));
  const service = {
    ...methods,
    command,
    on: <K extends WebChatEventName>(event: K) =>
      (event === 'ready'
        ? ready.asObservable()
        : events.pipe(filter((e) => e.event === event), map((e) => e.data))) as Observable<WebChatEventMap[K]>,
    events$: events.asObservable(),
    messages$: new Subject<NormalizedMessage>().asObservable(),
    state$: state.asObservable(),
    get state() {
      return state.value;
    },
    destroy: () => undefined,
  } as unknown as WebChatService;
  return {
    service,
    calls,
    /** Publishes an event as the service would (`ready` also feeds the replaying `on('ready')`). */
    emit<K extends WebChatEventName>(event: K, data: WebChatEventMap[K]) {
      if (event === 'ready') ready.next(data as WebChatEventMap['ready']);
      events.next({ event, data } as WebChatEvent);
    },
    setState(patch: Partial<WebChatState>) {
      state.next({ ...state.value, ...patch });
    },
    answerWith(fn: typeof answer) {
      answer = fn;
    },
  };
}
