import type { Subscription } from 'rxjs';
import type { FaultController, FaultKind } from '../faults';
import type { ChatSession, Participant, SessionChange, SessionStore, TranscriptEvent } from '../sessionStore';
import type { Timers } from '../timers';
import type { CloudSockets } from './cloudSockets';
import { isCloudMessage, memberChangeFrame, messageFrame, typingFrame } from './cloudWire';

const TRANSPORT = 'purecloud-v2';
/** §9: an agent's typing indicator is repeated this often while the agent types. */
const TYPING_REPEAT_MS = 2000;
/** An out-of-order frame waits at most this long for a later one to overtake it. */
const OUT_OF_ORDER_HOLD_MS = 200;
const DELIVERY_FAULTS: readonly FaultKind[] = ['duplicate', 'outOfOrder'];

/**
 * The store's changes as frames on the conversations' sockets (§5, §9): member-change
 * ALERTING/CONNECTED before an agent's member-join, DISCONNECTED when a participant goes; every
 * message-like event (the guest's own included) as a `message` frame; typing as `typing-indicator`,
 * repeated every 2 s while an agent types; the `duplicate` and `outOfOrder` faults of the `socket` route.
 *
 * @example
 * const subscription = cloudFrames({ store, sockets, faults, timers, now: Date.now });
 * // at close: subscription.unsubscribe();
 *
 * @param deps The store to watch, the sockets to write to, faults, timers and the clock.
 */
export function cloudFrames(deps: { store: SessionStore; sockets: CloudSockets; faults: FaultController; timers: Timers; now: () => number }): Subscription {
  const { store, sockets, faults, timers, now: clock } = deps;
  const known = new Map<string, Participant['state']>();
  const typingRepeats = new Map<string, () => void>();
  const held = new Map<string, { frame: string; release: () => void }>();

  const stopTyping = (participantId: string) => {
    typingRepeats.get(participantId)?.();
    typingRepeats.delete(participantId);
  };

  /** Sends a frame, applying the delivery faults of the `socket` route. */
  const deliver = (session: ChatSession, frame: string, reorderable: boolean) => {
    const pending = held.get(session.id);
    const fault = faults.take(TRANSPORT, 'socket', session.id, reorderable && !pending ? DELIVERY_FAULTS : ['duplicate']);
    if (fault?.kind === 'outOfOrder') {
      // Hold this frame until the next one overtakes it (or a moment passes).
      const cancel = timers.after(OUT_OF_ORDER_HOLD_MS, () => flushHeld(session.id));
      held.set(session.id, { frame, release: cancel });
      return;
    }
    sockets.send(session.id, frame);
    if (fault?.kind === 'duplicate') sockets.send(session.id, frame);
    if (pending) flushHeld(session.id);
  };
  const flushHeld = (sessionId: string) => {
    const pending = held.get(sessionId);
    if (!pending) return;
    held.delete(sessionId);
    pending.release();
    sockets.send(sessionId, pending.frame);
  };

  const onParticipant = (session: ChatSession, participant: Participant) => {
    const before = known.get(participant.id);
    known.set(participant.id, participant.state);
    if (before === participant.state) return;
    const now = clock();
    if (participant.state === 'disconnected') {
      stopTyping(participant.id);
      deliver(session, memberChangeFrame(session, participant.id, 'DISCONNECTED', now), false);
      return;
    }
    // §8: an agent is offered the chat (ALERTING), accepts (CONNECTED), then its member-join follows.
    if (before === undefined && (participant.role === 'agent' || participant.role === 'supervisor')) {
      deliver(session, memberChangeFrame(session, participant.id, 'ALERTING', now), false);
    }
    if (before !== undefined || participant.role !== 'customer') deliver(session, memberChangeFrame(session, participant.id, 'CONNECTED', now), false);
  };

  const onEvent = (session: ChatSession, event: TranscriptEvent) => {
    if (event.kind === 'typing-start') {
      sockets.send(session.id, typingFrame(session, event.participantId, event.time, event.id));
      const participant = session.participants.find((p) => p.id === event.participantId);
      if (participant && participant.role !== 'customer') {
        stopTyping(participant.id);
        typingRepeats.set(participant.id, timers.every(TYPING_REPEAT_MS, () => sockets.send(session.id, typingFrame(session, participant.id, clock()))));
      }
      return;
    }
    if (event.kind === 'typing-stop' || isCloudMessage(event)) stopTyping(event.participantId);
    if (isCloudMessage(event)) deliver(session, messageFrame(session, event), true);
  };

  return store.events$.subscribe((change: SessionChange) => {
    if (change.session.transport !== TRANSPORT) return;
    if (change.type === 'created') {
      for (const participant of change.session.participants) known.set(participant.id, participant.state);
    } else if (change.type === 'participant') onParticipant(change.session, change.participant);
    else if (change.type === 'event') onEvent(change.session, change.event);
    else if (change.type === 'ended') {
      for (const participant of change.session.participants) stopTyping(participant.id);
      flushHeld(change.session.id);
    }
  });
}
