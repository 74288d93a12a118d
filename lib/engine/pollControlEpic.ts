import { ReplaySubject, concat, concatMap, defer, of, take } from 'rxjs';
import { Rejections } from '../model/rejections';
import { commandEpic, control, isActive, reject, settle, settled } from './chatEpic';
import type { Settle } from './chatEpic';
import type { EngineEvent } from './engineEvent';
import type { Outcome } from '../transports/transport';
import { published } from './engineEvent';

const done = settled(undefined);

/**
 * The poll loop and its cadence: `poll` (private, §6.11), `startPoll`/`stopPoll`/`pausePoll`
 * (§6.12), `resetPollExceptions` (§13), `sleep`/`wake` (§6.20).
 */
export const pollControlEpic = commandEpic({
  poll: (_options, _command, state$, deps) => {
    if (!isActive(state$, deps)) return reject(Rejections.noSession2);
    return defer(() => {
      // The loop may answer while the control is being emitted (no poll running): the reply waits here.
      const reply$ = new ReplaySubject<Outcome | 'busy'>(1);
      const answer$ = reply$.pipe(
        take(1),
        concatMap((outcome) => (outcome === 'busy' ? reject(Rejections.pollBusy) : settle(outcome))),
      );
      return concat(of(control({ type: 'pollNow', reply: (outcome) => reply$.next(outcome) })), answer$);
    });
  },

  startPoll: (_options, _command, state$, deps) => {
    if (!isActive(state$, deps)) return reject(Rejections.noSession2);
    return of(control({ type: 'start' }), done);
  },

  stopPoll: (_options, _command, state$, deps) => {
    if (!isActive(state$, deps)) return reject(Rejections.noSession2);
    if (!state$.value.polling) return reject(Rejections.notPolling);
    return of(control({ type: 'stop' }), done);
  },

  pausePoll: (_options, _command, state$, deps) => {
    if (!isActive(state$, deps)) return reject(Rejections.noSession2);
    if (!state$.value.polling) return reject(Rejections.notPolling);
    return of(control({ type: 'pause' }), done);
  },

  resetPollExceptions: (_options, _command, state$, deps) => {
    deps.engine.resetPollExceptions();
    if (state$.value.connectionState === 'serverOffline') return of<[EngineEvent, Settle]>({ type: 'connectionState', connectionState: 'online' }, done);
    return of(done);
  },

  sleep: (_options, _command, state$) => {
    if (state$.value.sleeping) return of(done);
    return of<[EngineEvent, EngineEvent, EngineEvent, Settle]>({ type: 'sleeping', sleeping: true }, control({ type: 'sleep' }), published('sleeping', {}), done);
  },

  wake: (_options, _command, state$) => {
    if (!state$.value.sleeping) return of(done);
    return of<[EngineEvent, EngineEvent, EngineEvent, Settle]>({ type: 'sleeping', sleeping: false }, control({ type: 'wake' }), published('waking', {}), done);
  },
});
