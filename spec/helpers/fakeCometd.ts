import { Observable } from 'rxjs';
import type { CometdEvent, CometdOpener, CometdOptions } from '../../lib/platform/openCometd';

/** A Bayeux server a spec holds in its hands, behind the platform's `cometd` door. */
export interface FakeCometd {
  opener: CometdOpener;
  /** Every connection attempt's options, in order. */
  opened: CometdOptions[];
  /** Every publish's data, in order. */
  published: Array<Record<string, unknown>>;
  /** Pushes `data` on the channel of the open connection. */
  push(data: unknown): void;
  /** The open connection fails (`/meta/connect` lost). */
  drop(): void;
  /** The next `n` attempts fail their handshake. */
  failHandshakes(n: number): void;
  /** Whether a connection is open. */
  readonly open: boolean;
}

/**
 * A fake CometD server: each publish is acknowledged, then `answer(data)` is pushed (each value of
 * its array, in order) as the server's notifications on the channel; `undefined` answers the
 * operation with one empty `statusCode 0` envelope, as the playground does.
 *
 * @example
 * const server = fakeCometd((data) => (data.operation === 'requestChat' ? [created] : []));
 * createWebChatService(config, { ...platform, cometd: server.opener });
 */
export function fakeCometd(answer: (data: Record<string, unknown>) => unknown[] | undefined = () => undefined): FakeCometd {
  const opened: CometdOptions[] = [];
  const published: Array<Record<string, unknown>> = [];
  let failing = 0;
  let current: { push(data: unknown): void; drop(): void } | undefined;
  const opener: CometdOpener = (options) =>
    new Observable<CometdEvent>((subscriber) => {
      opened.push(options);
      if (failing > 0) {
        failing -= 1;
        subscriber.error({ cometd: 'handshakeFailed' });
        return undefined;
      }
      const connection = {
        push: (data: unknown) => subscriber.next({ type: 'message', data }),
        drop: () => subscriber.error({ cometd: 'connectionLost' }),
      };
      current = connection;
      subscriber.next({
        type: 'connected',
        publish: (data) =>
          new Observable((ack) => {
            published.push(data);
            ack.next({ successful: true });
            ack.complete();
            for (const reply of answer(data) ?? [{ statusCode: 0, chatEnded: false, messages: [] }]) connection.push(reply);
          }),
      });
      return () => {
        if (current === connection) current = undefined;
      };
    });
  return {
    opener,
    opened,
    published,
    push: (data) => current?.push(data),
    drop: () => current?.drop(),
    failHandshakes: (n) => (failing = n),
    get open() {
      return current !== undefined;
    },
  };
}
