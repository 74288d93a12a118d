import { Observable, Subject } from 'rxjs';
import type { ResolvedConfig, WebChatConfig } from '../../../lib/model/config';
import { resolveConfig } from '../../../lib/service/resolveConfig';
import type { SocketEvent } from '../../../lib/transports/purecloud-v2/socketConnection';

/** A cloud config resolved the way the service resolves it. */
export function cloudResolved(transport: WebChatConfig['transport'] = {}, top: Partial<WebChatConfig> = {}): ResolvedConfig {
  const resolution = resolveConfig({
    ...top,
    transport: {
      type: 'purecloud-v2-sockets',
      dataURL: 'https://api.example.com',
      deploymentKey: 'DEP',
      orgGuid: 'ORG',
      interactionData: { routing: { targetType: 'QUEUE', targetAddress: 'Support' } },
      ...transport,
    },
  });
  if (!resolution.ok) throw new Error(String(resolution.rejection));
  return resolution.config;
}

/** Sockets the test opens and drives by hand: one Subject per connection attempt. */
export function fakeSockets() {
  const attempts: Array<{ url: string; events: Subject<SocketEvent>; closed: boolean }> = [];
  return {
    attempts,
    open: (url: string) =>
      new Observable<SocketEvent>((subscriber) => {
        const attempt = { url, events: new Subject<SocketEvent>(), closed: false };
        attempts.push(attempt);
        const subscription = attempt.events.subscribe(subscriber);
        return () => {
          attempt.closed = true;
          subscription.unsubscribe();
        };
      }),
    /** The latest attempt. */
    get current() {
      return attempts[attempts.length - 1]!;
    },
  };
}
