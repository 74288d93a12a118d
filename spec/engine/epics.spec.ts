import { BehaviorSubject, NEVER } from 'rxjs';
import { cold, hot } from 'jest-marbles';
import type { EpicDeps, StateSource } from '../../lib/engine/chatEpic';
import type { CommandEnvelope } from '../../lib/engine/commandEnvelope';
import { commandOwners } from '../../lib/engine/commandOwners';
import type { Engine } from '../../lib/engine/engine';
import type { EngineEvent } from '../../lib/engine/engineEvent';
import { pollControlEpic } from '../../lib/engine/pollControlEpic';
import { sendEpic } from '../../lib/engine/sendEpic';
import { userDataEpic } from '../../lib/engine/userDataEpic';
import { webChatCommandNames } from '../../lib/model/commands';
import type { WebChatCommandName } from '../../lib/model/commands';
import { Rejections, tooLong } from '../../lib/model/rejections';
import type { WebChatState } from '../../lib/model/state';
import { idleState } from '../../lib/service/idleState';
import type { Outcome, TransportSession } from '../../lib/transports/transport';

const capabilities = { async: false, asyncClose: 'hideChat', pagination: false, fileUpload: false } as const;
const idle = idleState('gms-v2', capabilities, { secureKey: '', sessionID: '', sessionId: '', alias: '', userId: '' }, { a: 1 });
const active: WebChatState = { ...idle, sessionState: 'active', sessionActive: true };

const command = (name: WebChatCommandName, options: Record<string, unknown> = {}): CommandEnvelope => ({ name, options, commander: 'App' });

/** Epic deps over a fake session whose requests answer with the given cold observables. */
function depsWith(session: Partial<TransportSession> | null, over: Partial<EpicDeps> = {}): EpicDeps {
  const engine = { runtime: session ? { session } : null } as unknown as Engine;
  return {
    engine,
    config: { maxMessageLength: 5 },
    transport: { id: 'gms-v2' },
    typing: { call: () => NEVER, cancel: () => undefined, watch: () => undefined },
    cancelled: () => NEVER,
    ...over,
  } as unknown as EpicDeps;
}

const state = (value: WebChatState): StateSource => new BehaviorSubject(value);
const ok = (body: Record<string, unknown>): Outcome => ({ ok: true, body, verdict: 'ok' });

describe('pollControlEpic', () => {
  it('poll: the pollNow control is an event the epic returns; the reply (at once here) is the answer', () => {
    const poll: CommandEnvelope = { name: 'poll', options: {}, commander: 'WebChatService' };
    const events: EngineEvent[] = [];
    pollControlEpic.answer(poll, state(active), depsWith({})).subscribe((event) => {
      events.push(event);
      // The loop answers while the control is being emitted (no poll running), as the engine's chokepoint would deliver it.
      if (event.type === 'control' && event.control.type === 'pollNow') event.control.reply(ok({ polled: 1 }));
    });
    expect(events.map((e) => e.type)).toEqual(['control', 'answer']);
    expect(events[1]).toEqual({ type: 'answer', to: poll, ok: true, value: { polled: 1 } });
  });

  it('sends each control to the session and answers at once; stopPoll while not polling is refused', () => {
    const start = command('startPoll');
    const stop = command('stopPoll');
    const commands$ = hot('-s---t', { s: start, t: stop });
    const events: Record<string, EngineEvent> = {
      c: { type: 'control', control: { type: 'start' } },
      a: { type: 'answer', to: start, ok: true, value: undefined },
      r: { type: 'answer', to: stop, ok: false, value: Rejections.notPolling },
    };
    expect(pollControlEpic(commands$, state(active), depsWith({}))).toBeObservable(cold('-(ca)r', events));
  });

  it('sleep: the sleeping state, the sleep control, then the sleeping event; a second sleep changes nothing', () => {
    const first = command('sleep');
    const second = command('sleep');
    const state$ = new BehaviorSubject(idle);
    const commands$ = hot('-f-----s', { f: first, s: second });
    const events: Record<string, EngineEvent> = {
      t: { type: 'sleeping', sleeping: true },
      c: { type: 'control', control: { type: 'sleep' } },
      e: { type: 'publish', event: { event: 'sleeping', data: {} } },
      a: { type: 'answer', to: first, ok: true, value: undefined },
      b: { type: 'answer', to: second, ok: true, value: undefined },
    };
    // The engine would reduce `t` into the state; here the test does, when the second command arrives.
    commands$.subscribe((c) => c === second && state$.next({ ...idle, sleeping: true }));
    expect(pollControlEpic(commands$, state$, depsWith(null))).toBeObservable(cold('-(tcea)b', events));
  });
});

describe('userDataEpic', () => {
  it('in a session: the merged userData at once, the answer when the server answers', () => {
    const update = command('updateUserData', { b: 2 });
    const commands$ = hot('-u', { u: update });
    const session: Partial<TransportSession> = { updateUserData: () => cold('---o|', { o: ok({ done: true }) }) };
    const events: Record<string, EngineEvent> = {
      d: { type: 'userData', userData: { a: 1, b: 2 } },
      a: { type: 'answer', to: update, ok: true, value: { done: true } },
    };
    expect(userDataEpic(commands$, state(active), depsWith(session))).toBeObservable(cold('-d--a', events));
  });

  it('without a session: only the merged userData, answered with it', () => {
    const update = command('updateUserData', { b: 2 });
    const events: Record<string, EngineEvent> = {
      d: { type: 'userData', userData: { a: 1, b: 2 } },
      a: { type: 'answer', to: update, ok: true, value: { a: 1, b: 2 } },
    };
    expect(userDataEpic(hot('-u', { u: update }), state(idle), depsWith(null))).toBeObservable(cold('-(da)', events));
  });
});

describe('sendEpic', () => {
  it('answers when the send answers; a failure with errors is also an error event, then the rejection', () => {
    const first = command('sendMessage', { message: 'hi' });
    const second = command('sendMessage', { message: 'bad' });
    const failure = { errors: [{ code: 'MessageFailed' }] };
    const answers = [cold('--o|', { o: ok({ sent: 1 }) }), cold('-f|', { f: { ok: false, failure, verdict: 'refused' } as Outcome })];
    const session: Partial<TransportSession> = { sendMessage: () => answers.shift()! };
    const events: Record<string, EngineEvent> = {
      a: { type: 'answer', to: first, ok: true, value: { sent: 1 } },
      e: { type: 'publish', event: { event: 'error', data: failure } },
      r: { type: 'answer', to: second, ok: false, value: failure },
    };
    expect(sendEpic(hot('-f----s', { f: first, s: second }), state(active), depsWith(session))).toBeObservable(cold('---a---(er)', events));
  });

  it('refuses a message over maxMessageLength without a request', () => {
    const long = command('sendMessage', { message: 'too long' });
    const session: Partial<TransportSession> = { sendMessage: () => cold('#') };
    const events = { r: { type: 'answer', to: long, ok: false, value: tooLong(5) } as EngineEvent };
    expect(sendEpic(hot('-l', { l: long }), state(active), depsWith(session))).toBeObservable(cold('-r', events));
  });
});

describe('commandOwners', () => {
  it('names an epic for every command, and each epic answers exactly the commands it owns', () => {
    expect(Object.keys(commandOwners).sort()).toEqual([...webChatCommandNames].sort());
    for (const [name, epic] of Object.entries(commandOwners)) {
      expect((epic as unknown as { commands: string[] }).commands).toContain(name);
    }
    const owned = new Set(Object.values(commandOwners));
    const answered = [...owned].flatMap((epic) => (epic as unknown as { commands: string[] }).commands);
    expect(answered.sort()).toEqual([...webChatCommandNames].sort());
  });
});
