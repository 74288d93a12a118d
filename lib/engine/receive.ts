import { Observable } from 'rxjs';
import type { NormalizedMessage } from '../model/messages';
import { messagePipeline } from '../pipeline/messagePipeline';
import type { ProcessedBatch } from '../pipeline/messagePipeline';
import type { RawBatch } from '../transports/transport';
import { numAgentsConnected, participantChange } from '../service/participants';
import type { Engine } from './engine';
import type { EngineEvent } from './engineEvent';
import { published } from './engineEvent';

/**
 * Receiving (§10): a session's raw batches through the `messagePipeline` operator (which keeps the
 * session's dedupe keys), then each processed batch as engine events. Each event goes out as it
 * happens, and is emitted before the next is made: a side effect reads the state the previous one
 * left (a leave after a join, a typing stop after its start).
 *
 * ```
 * batches$ ──► messagePipeline ──► [agents, participant events, sessionData, messageReceived, message…]
 * ```
 */
export function receiveEpic(batches$: Observable<RawBatch>, engine: Engine): Observable<EngineEvent> {
  const context = { prefilters: () => engine.prefilters(), preprocessors: () => engine.preprocessors, logger: engine.deps.platform.logger };
  // No per-batch inner Observable: this runs for every batch (bench figure 2), and a batch delivered
  // while a listener handles the previous one's events (a history page answered at once) is
  // processed right then, as it always was.
  return new Observable<EngineEvent>((subscriber) =>
    batches$.pipe(messagePipeline(context)).subscribe((processed) => received(engine, processed, (event) => subscriber.next(event))),
  );
}

/**
 * One batch out of the pipeline (§10): side effects per message, transcript, one
 * `messageReceived`, then each visible message on `messages$`. History pages run no side effects
 * and are not on `messages$`.
 */
function received(engine: Engine, processed: ProcessedBatch, emit: (event: EngineEvent) => void): void {
  if (!processed.oldMessages) {
    for (const entry of processed.entries) sideEffects(engine, entry.message, emit);
  }
  // The session data moves with delivery (cloud `lastMessageId`, v3 index): keep the readable copy current.
  if (engine.runtime && processed.entries.length > 0) {
    // Only a changed sessionData (e.g. the cloud lastMessageId) is new state: a state$ emission per
    // batch cost a fifth of the pipeline's time at one message per poll (bench figure 2).
    const sessionData = engine.runtime.session.sessionData();
    if (!sameFields(sessionData, engine.state.sessionData)) emit({ type: 'sessionData', sessionData });
  }
  if (processed.messages.length === 0) return;
  const transcript = engine.transcript;
  if (processed.oldMessages) {
    engine.transcript = {
      messages: [...[...processed.messages].reverse(), ...transcript.messages],
      originalMessages: [...[...processed.originalMessages].reverse(), ...transcript.originalMessages],
    };
  } else {
    // Appended in place: copying the whole transcript per batch made a long chat quadratic
    // (bench figure 2). Nothing outside holds these arrays: getTranscript hands out copies.
    for (const message of processed.messages) transcript.messages.push(message);
    for (const raw of processed.originalMessages) transcript.originalMessages.push(raw);
  }
  emit(published('messageReceived', {
    messages: processed.messages,
    originalMessages: processed.originalMessages,
    restoring: processed.restoring,
    oldMessages: processed.oldMessages,
    sessionData: engine.sessionData(),
    ...(processed.idleTimeCountDown !== undefined ? { idleTimeCountDown: processed.idleTimeCountDown } : {}),
  }));
  if (!processed.oldMessages) emit({ type: 'messages', messages: processed.messages });
}

/** §10 step 6: join/leave → participant events; agent typing; an agent's message ends its typing. */
function sideEffects(engine: Engine, message: NormalizedMessage, emit: (event: EngineEvent) => void): void {
  const sender = message.from;
  if (message.type === 'ParticipantJoined' || message.type === 'ParticipantLeft') participantEvents(engine, message, emit);
  if (sender.type === 'Client' || sender.type === 'External') return;
  const runtime = engine.runtime;
  if (!runtime) return;
  const agentId = String(sender.id);
  if (message.type === 'TypingStarted') runtime.agentTyping$.next({ agentId, typing: true, message });
  else if (stopsAgentTyping.has(String(message.type)) && runtime.typingAgents.has(agentId)) {
    // Only an agent who is typing can stop: a stop for anyone else publishes nothing, and most
    // agent messages come from agents not typing — skipping them keeps the pipeline lean (bench figure 2).
    runtime.agentTyping$.next({ agentId, typing: false, message });
  }
}

/** A join or leave applied to the participants: `agents` state, then its event. */
export function participantEvents(engine: Engine, message: NormalizedMessage, emit: (event: EngineEvent) => void): void {
  const change = participantChange(engine.participants, message, engine.now, engine.deps.transport.botEvents);
  engine.participants = change.state;
  if (change.state.agents !== engine.state.agents) emit({ type: 'agents', agents: change.state.agents });
  if (change.event) {
    emit(published(change.event, {
      message,
      agents: change.state.agents,
      numAgentsConnected: numAgentsConnected(change.state.agents),
    }));
  }
}

/** Whether two flat records hold the same keys with identical values. */
function sameFields(a: object, b: object): boolean {
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left);
  return keys.length === Object.keys(right).length && keys.every((key) => Object.is(left[key], right[key]));
}

/** Agent messages that end that agent's typing (§10 step 6). */
const stopsAgentTyping: ReadonlySet<string> = new Set(['TypingStopped', 'Message', 'PushUrl', 'Notice', 'ParticipantLeft']);
