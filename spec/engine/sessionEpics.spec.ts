import { BehaviorSubject, NEVER } from 'rxjs';
import { Scheduler, cold, hot, schedule } from 'jest-marbles';
import { agentTypingEpic } from '../../lib/engine/agentTyping';
import type { EngineEvent } from '../../lib/engine/engineEvent';
import { healthEpic } from '../../lib/engine/health';
import type { HealthSources } from '../../lib/engine/health';
import type { NormalizedMessage } from '../../lib/model/messages';
import type { WebChatState } from '../../lib/model/state';
import { idleState } from '../../lib/service/idleState';
import { fakeMessage } from '../../lib/testing/fakeTransport';
import type { ReceiveSignal } from '../../lib/transports/transport';

const capabilities = { async: false, asyncClose: 'hideChat', pagination: false, fileUpload: false } as const;
const active: WebChatState = { ...idleState('gms-v2', capabilities, { secureKey: '', sessionID: '', sessionId: '', alias: '', userId: '' }), sessionState: 'active', sessionActive: true };

const verdicts: Record<string, ReceiveSignal> = {
  o: { type: 'health', verdict: 'ok' },
  n: { type: 'health', verdict: 'networkDown' },
  b: { type: 'health', verdict: 'serverBusy' },
  r: { type: 'response', verdict: 'ok' },
};

describe('healthEpic', () => {
  const healthEvents: Record<string, EngineEvent> = {
    d: { type: 'connectionState', connectionState: 'disconnected' },
    D: { type: 'publish', event: { event: 'disconnected', data: {} } },
    o: { type: 'connectionState', connectionState: 'online' },
    R: { type: 'publish', event: { event: 'reconnected', data: {} } },
    P: { type: 'publish', event: { event: 'connectionPending', data: {} } },
  };

  it('a network loss is disconnected (state, then event); the next good poll is online again and reconnected', () => {
    const state$ = new BehaviorSubject(active);
    const sources: HealthSources = { signals$: hot('-n-n-o', verdicts), pollReset$: NEVER, pollExceptionLimit: 5, ended: () => false };
    // The engine reduces `d` into the state before the good poll; the test plays that part.
    schedule(() => state$.next({ ...active, connectionState: 'disconnected' }), 2);
    expect(healthEpic(sources, state$)).toBeObservable(cold('-(dD)(oR)', healthEvents));
  });

  it('a busy server is connectionPending at once, nothing once the session ended', () => {
    let ended = false;
    schedule(() => (ended = true), 2);
    const sources: HealthSources = { signals$: hot('-b-b', verdicts), pollReset$: NEVER, pollExceptionLimit: 5, ended: () => ended };
    expect(healthEpic(sources, new BehaviorSubject(active))).toBeObservable(cold('-P', healthEvents));
  });

  it("another request's answer ends a disconnected episode, and never counts toward pollExceptionLimit", () => {
    const state$ = new BehaviorSubject(active);
    const sources: HealthSources = { signals$: hot('-n-----r-----b-----r', verdicts), pollReset$: NEVER, pollExceptionLimit: 5, ended: () => false };
    schedule(() => state$.next({ ...active, connectionState: 'disconnected' }), 2);
    // The answer at 19 is no good poll: the busy server stays pending (no connectionRestored).
    expect(healthEpic(sources, state$)).toBeObservable(cold('- (dD) -- (oR) -- P', healthEvents));
  });
});

describe('agentTypingEpic', () => {
  it('started: agentTyping state then the event; the timeout clears both', () => {
    const message = fakeMessage(2, 'TypingStarted', 'Agent');
    const typing = new Map<string, NormalizedMessage>();
    const state$ = new BehaviorSubject(active);
    const signals$ = hot('-s', { s: { agentId: String(message.from.id), typing: true, message } });
    const events: Record<string, EngineEvent> = {
      t: { type: 'agentTyping', agentTyping: true },
      S: { type: 'publish', event: { event: 'agentTypingStarted', data: message } },
      f: { type: 'agentTyping', agentTyping: false },
      T: { type: 'publish', event: { event: 'agentTypingTimeout', data: message } },
    };
    schedule(() => state$.next({ ...active, agentTyping: true }), 2);
    expect(agentTypingEpic(signals$, typing, state$, 50, Scheduler.get())).toBeObservable(cold('-(tS) 46ms (fT)', events));
  });
});
