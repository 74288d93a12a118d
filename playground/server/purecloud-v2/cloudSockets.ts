import WebSocket from 'ws';
import type { IncomingMessage } from 'node:http';
import type { Subscription } from 'rxjs';
import type { FaultController, FaultKind } from '../faults';
import type { ChatSession, SessionStore } from '../sessionStore';
import type { Timers } from '../timers';
import { heartbeatFrame } from './cloudWire';

/** What the socket side needs to know about the playground. */
export interface CloudSocketsDeps {
  store: SessionStore;
  faults: FaultController;
  timers: Timers;
  now: () => number;
  heartbeatIntervalMs: number;
  /** The guest's socket gone this long ⇒ `member-change DISCONNECTED` (§9 "Disconnect grace"). */
  disconnectGraceMs: number;
  /** …and this much longer ⇒ the guest's `member-leave`, the chat ends. */
  customerLeaveMs: number;
  /** Logs an attach; `req` is the upgrade request. */
  record: (sessionId: string, req?: IncomingMessage) => void;
}

export interface CloudSockets {
  /** A guest's event stream attached to a conversation: heartbeats start; routing starts on the first one (§9). */
  attach(session: ChatSession, socket: WebSocket, req?: IncomingMessage): void;
  /** Sends a frame to every open socket of a conversation; returns how many got it. */
  send(sessionId: string, frame: string): number;
  close(): void;
}

const SOCKET_FAULTS: readonly FaultKind[] = ['socketClose', 'socketTerminate'];
const TRANSPORT = 'purecloud-v2';

/**
 * The event streams of the Genesys Cloud conversations (wire-purecloud-v2 §5, §9): one set of
 * sockets per conversation, a `channel.metadata` heartbeat every `heartbeatIntervalMs` per socket,
 * the socket fault kinds (`socketClose`, `socketTerminate` — at once when added, or at the next
 * beat — and `missHeartbeats`, one beat per count), and the guest's disconnect grace.
 *
 * @example
 * const sockets = cloudSockets({ store, faults, timers, now, heartbeatIntervalMs: 10000, disconnectGraceMs: 60000, customerLeaveMs: 900000, record });
 * wss.handleUpgrade(req, socket, head, (ws) => sockets.attach(session, ws));
 *
 * @param deps The store, faults, timers and timings.
 */
export function cloudSockets(deps: CloudSocketsDeps): CloudSockets {
  const { store, faults, timers } = deps;
  const open = new Map<string, Set<WebSocket>>();
  const graceTimers = new Map<string, Array<() => void>>();

  const socketsOf = (sessionId: string): Set<WebSocket> => {
    let set = open.get(sessionId);
    if (!set) open.set(sessionId, (set = new Set()));
    return set;
  };

  /** Applies a close/terminate fault to one socket if a rule for it fires now. */
  const socketFault = (sessionId: string, socket: WebSocket): boolean => {
    const rule = faults.take(TRANSPORT, 'socket', sessionId, SOCKET_FAULTS);
    if (!rule) return false;
    if (rule.kind === 'socketTerminate') socket.terminate();
    else socket.close(1000, 'playground fault: socketClose');
    return true;
  };

  const cancelGrace = (sessionId: string) => {
    for (const cancel of graceTimers.get(sessionId) ?? []) cancel();
    graceTimers.delete(sessionId);
  };

  /** §9: the last socket gone ⇒ still CONNECTED for the grace period, then DISCONNECTED, then the guest leaves. */
  const startGrace = (sessionId: string) => {
    cancelGrace(sessionId);
    const disconnect = timers.after(deps.disconnectGraceMs, () => {
      const session = store.get(sessionId);
      if (!session || session.status === 'ended') return;
      store.setParticipantState(sessionId, session.customerId, 'disconnected');
    });
    const leave = timers.after(deps.disconnectGraceMs + deps.customerLeaveMs, () => {
      const session = store.get(sessionId);
      if (!session || session.status === 'ended') return;
      // A guest that never came back: its member-leave ends the conversation (§5.1 "unresponsive ~15 min").
      store.setParticipantState(sessionId, session.customerId, 'connected');
      store.leave(sessionId, session.customerId);
      store.end(sessionId);
    });
    graceTimers.set(sessionId, [disconnect, leave]);
  };

  const faultSubscription: Subscription = faults.added$.subscribe((rule) => {
    if (!SOCKET_FAULTS.includes(rule.kind) || (rule.transport !== undefined && rule.transport !== TRANSPORT)) return;
    for (const [sessionId, sockets] of open) {
      for (const socket of [...sockets]) if (socket.readyState === WebSocket.OPEN) socketFault(sessionId, socket);
    }
  });

  return {
    attach(session, socket, req) {
      const sessionId = session.id;
      const sockets = socketsOf(sessionId);
      sockets.add(socket);
      deps.record(sessionId, req);
      cancelGrace(sessionId);
      const customer = session.participants.find((p) => p.id === session.customerId);
      const left = session.transcript.some((e) => e.kind === 'leave' && e.participantId === session.customerId);
      if (session.status !== 'ended' && customer?.state === 'disconnected' && !left) {
        // Back after the grace period but before leaving: the guest is CONNECTED again (§5.1).
        store.setParticipantState(sessionId, customer.id, 'connected');
      }
      const stopBeats = timers.every(deps.heartbeatIntervalMs, () => {
        if (socket.readyState !== WebSocket.OPEN) return;
        if (socketFault(sessionId, socket)) return;
        if (faults.take(TRANSPORT, 'socket', sessionId, ['missHeartbeats'])) return;
        socket.send(heartbeatFrame());
      });
      socket.on('close', () => {
        stopBeats();
        sockets.delete(socket);
        const current = store.get(sessionId);
        if (sockets.size === 0 && current && current.status !== 'ended') startGrace(sessionId);
      });
      socket.on('error', () => socket.terminate());
      // §9: routing starts only once the guest listens.
      if (!session.routable) store.markRoutable(sessionId);
    },
    send(sessionId, frame) {
      let sent = 0;
      for (const socket of open.get(sessionId) ?? []) {
        if (socket.readyState !== WebSocket.OPEN) continue;
        socket.send(frame);
        sent += 1;
      }
      return sent;
    },
    close() {
      faultSubscription.unsubscribe();
      for (const sockets of open.values()) for (const socket of sockets) socket.terminate();
      open.clear();
      for (const id of [...graceTimers.keys()]) cancelGrace(id);
    },
  };
}
