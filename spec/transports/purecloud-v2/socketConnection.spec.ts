import { defer } from 'rxjs';
import type { Observable } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { socketConnection } from '../../../lib/transports/purecloud-v2/socketConnection';
import type { ConnectionSignal, SocketConnectionConfig, SocketEvent } from '../../../lib/transports/purecloud-v2/socketConnection';

const testScheduler = () => new TestScheduler((actual, expected) => expect(actual).toEqual(expected));

/** Socket events: o = open, f = a frame, c = the closing frame, x = close, e = error. */
const socket: Record<string, SocketEvent> = {
  o: { type: 'open' },
  f: { type: 'message', data: 'f' },
  c: { type: 'message', data: 'closing' },
  x: { type: 'close', code: 1006 },
  e: { type: 'error' },
};

/** Signals: O = open, R = reopened, F = frame, L/S/K/E = lost after close / silence / closing frame / error (attempt had opened), N/H = lost before opening (error / silence). */
const signal: Record<string, ConnectionSignal> = {
  O: { type: 'open', reopened: false },
  R: { type: 'open', reopened: true },
  F: { type: 'frame', data: 'f' },
  L: { type: 'lost', opened: true, reason: 'close' },
  S: { type: 'lost', opened: true, reason: 'silence' },
  K: { type: 'lost', opened: true, reason: 'closing' },
  N: { type: 'lost', opened: false, reason: 'error' },
  H: { type: 'lost', opened: false, reason: 'silence' },
};

/** A connection whose n-th attempt is `attempts[n]` (the last one repeats); heartbeat 5, backoff base 2, max 8, random 1 (the ceiling). */
function connection(attempts: Observable<SocketEvent>[], overrides: Partial<SocketConnectionConfig> = {}): Observable<ConnectionSignal> {
  let n = 0;
  return socketConnection({
    open: () => defer(() => attempts[Math.min(n++, attempts.length - 1)]!),
    heartbeatMs: 5,
    reconnectBase: 2,
    reconnectMax: 8,
    random: () => 1,
    isClosingFrame: (data) => data === 'closing',
    ...overrides,
  });
}

describe('socketConnection', () => {
  it('reports the open and every frame, and reopens after a close with reopened: true', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const first = cold('-o-f-f-x', socket);
      const second = cold('-o-f', socket);
      const result = connection([first, second]);
      // Closed at 7; the first backoff after an open waits backoffDelay(1) = 2; the second socket opens 1 later.
      expectObservable(result, '^------------!').toBe('-O-F-F-L--R-F', signal);
      expectSubscriptions(first.subscriptions).toBe('^------!');
      expectSubscriptions(second.subscriptions).toBe('---------^---!');
    });
  });

  it('the heartbeat watchdog gives the socket up after heartbeatMs of silence; failed attempts back off 2, 4 …', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const silent = cold('-o------', socket);
      const refused = cold('e', socket);
      const third = cold('-o', socket);
      const result = connection([silent, refused, third]);
      // Silent from 1 ⇒ lost at 6; waits 2 ⇒ refused at 8; waits 4 ⇒ opens at 13.
      expectObservable(result, '^-------------!').toBe('-O----S-N----R', signal);
      expectSubscriptions(silent.subscriptions).toBe('^-----!');
      expectSubscriptions(refused.subscriptions).toBe('--------(^!)');
      expectSubscriptions(third.subscriptions).toBe('------------^-!');
    });
  });

  it('the picture of the doc comment: close, a failed connect, then a reopen', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const result = connection([cold('-o-f-f-x', socket), cold('e', socket), cold('-o-f', socket)]);
      expectObservable(result, '^----------------!').toBe('-O-F-F-L-N----R-F', signal);
    });
  });

  it('each heartbeat frame re-arms the watchdog', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const beating = cold('-o---f---f---f---f', socket);
      expectObservable(connection([beating]), '^-----------------!').toBe('-O---F---F---F---F', signal);
    });
  });

  it('a connect that never opens is given up by the same watchdog', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const hanging = cold('--------', socket);
      const result = connection([hanging, cold('-o', socket)]);
      // Lost at 5 without having opened; waits backoffDelay(1) = 2; the next one opens: not a reopen.
      expectObservable(result, '^--------!').toBe('-----H--O', signal);
    });
  });

  it('a socket_closing frame is a loss: the client reconnects at once after the backoff', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const closing = cold('-o-c', socket);
      expectObservable(connection([closing, cold('-o', socket)]), '^------!').toBe('-O-K--R', signal);
    });
  });

  it('a socket observable that just completes counts as closed', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      expectObservable(connection([cold('-o-|', socket), cold('-o', socket)]), '^------!').toBe('-O-L--R', signal);
    });
  });

  it('the delay grows while attempts keep failing and is capped by reconnectMax', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const refused = cold('e', socket);
      expectObservable(connection([refused]), '^ 28ms !').toBe('N-N---N-------N-------N', signal);
      expectSubscriptions(refused.subscriptions).toBe([
        '(^!)',
        '--(^!)', // waits 2
        '------(^!)', // waits 4
        '--------------(^!)', // waits 8
        '----------------------(^!)', // waits min(16, 8) = 8
      ]);
    });
  });

  it('unsubscribing closes the socket and cancels a pending reconnect', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const first = cold('-o-x', socket);
      const second = cold('-o', socket);
      expectObservable(connection([first, second]), '^----!').toBe('-O-L', signal);
      expectSubscriptions(first.subscriptions).toBe('^--!');
      expectSubscriptions(second.subscriptions).toBe([]);
    });
  });
});
