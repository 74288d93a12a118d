import { Observable, Subject } from 'rxjs';
import type { ResolvedConfig, WebChatConfig } from '../../../lib/model/config';
import type { HttpResponse } from '../../../lib/platform/platform';
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

/** An HttpResponse with a JSON body (`undefined` = empty, as a 204). */
export function httpJson(status: number, json?: unknown, headers: Record<string, string> = {}): HttpResponse {
  return { status, statusText: status === 0 ? 'error' : `HTTP ${status}`, json, headers };
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

const conversation = { id: 'CV' };
const envelope = (type: string, eventBody: unknown, topic = 'messages') =>
  JSON.stringify({ topicName: `v2.conversations.chats.CV.${topic}`, version: '2', eventBody, metadata: { CorrelationId: 'c', type } });

/** Frames of conversation `CV`, as the event stream sends them (wire §5). */
export const frames = {
  message: (id: string, sender: string, body: string, bodyType = 'standard', timestamp = '2020-08-05T13:09:49.000Z') =>
    envelope('message', { id, conversation, sender: { id: sender }, body, bodyType, timestamp }),
  typing: (id: string, sender: string, timestamp = '2020-08-05T13:09:49.000Z') => envelope('typing-indicator', { id, conversation, sender: { id: sender }, timestamp }),
  memberChange: (member: string, state: string) => envelope('member-change', { conversation, member: { id: member, state }, timestamp: '2020-08-05T13:09:49.000Z' }, 'members'),
  heartbeat: () => JSON.stringify({ topicName: 'channel.metadata', eventBody: { message: 'WebSocket Heartbeat' } }),
};

/** A WebChatMessage as listings give it. */
export const wireMessage = (id: string, sender: string, body = id, bodyType = 'standard', timestamp = '2020-08-05T13:09:49.000Z') => ({
  id,
  conversation,
  sender: { id: sender },
  body,
  bodyType,
  timestamp,
});
