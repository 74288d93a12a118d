import type { Preprocessor } from '../lib/model/commands';
import type { NormalizedMessage, ParticipantType } from '../lib/model/messages';
import type { GmsMessage } from '../lib/transports/gms-v2/gmsWire';

/** What the loop publishes per batch: the `messageReceived` payload's fields. */
export interface LoopBatch {
  messages: NormalizedMessage[];
  originalMessages: unknown[];
  restoring: boolean;
  oldMessages: boolean;
  sessionData: Record<string, unknown>;
}

/** Where the loop's output goes: once per batch with visible messages, and once per visible message. */
export interface LoopSinks {
  batch(batch: LoopBatch): void;
  message(message: NormalizedMessage): void;
}

const senderTypes: Record<string, ParticipantType> = { Client: 'Client', Agent: 'Agent', Supervisor: 'Supervisor', External: 'External', Bot: 'Bot' };
const stopsTyping = new Set(['TypingStopped', 'Message', 'PushUrl', 'Notice', 'ParticipantLeft']);
const builtInPrefilter = /\{start:[0-9]{9}\}/;

/**
 * The comparison of the throughput figure: the work of the message pipeline written as one plain
 * loop with no rxjs, no events and no service around it — normalize each GMS wire message, dedupe
 * by index against a seen-set, order the batch, run agent-typing and participant side effects,
 * prefilter (built-in + custom), run the preprocessors (guarded), keep the transcript and hand each
 * batch and message to the sinks. It is what the service's figure is divided by.
 *
 * @example
 * const loop = handLoop(customPrefilters, preprocessors, { batch: () => {}, message: () => count++ });
 * for (const batch of batches) loop(batch);
 *
 * @param prefilters Custom prefilters (the built-in one is always applied).
 * @param preprocessors Run in order on visible messages.
 * @param sinks Receives the output.
 * @returns A function that processes one batch of wire messages.
 */
export function handLoop(prefilters: readonly RegExp[], preprocessors: readonly Preprocessor[], sinks: LoopSinks): (batch: readonly GmsMessage[]) => void {
  const seen = new Set<string>();
  const transcript: NormalizedMessage[] = [];
  const originals: unknown[] = [];
  const typingAgents = new Set<string>();
  const connected = new Map<string, NormalizedMessage>();
  const filters = [builtInPrefilter, ...prefilters];
  const sessionData = { secureKey: 'K1', sessionID: 'C1', sessionId: 'C1', alias: '117', userId: 'U1' };

  return (batch) => {
    const fresh: Array<{ message: NormalizedMessage; raw: GmsMessage }> = [];
    for (const raw of batch) {
      const message = normalize(raw);
      const key = String(message.index);
      if (seen.has(key)) continue;
      seen.add(key);
      fresh.push({ message, raw });
    }
    fresh.sort((a, b) => a.message.index - b.message.index);
    const messages: NormalizedMessage[] = [];
    const originalMessages: unknown[] = [];
    for (const { message: normalized, raw } of fresh) {
      const from = normalized.from;
      if (normalized.type === 'ParticipantJoined') connected.set(String(from.id), normalized);
      else if (normalized.type === 'ParticipantLeft') connected.delete(String(from.id));
      if (from.type !== 'Client' && from.type !== 'External') {
        if (normalized.type === 'TypingStarted') typingAgents.add(String(from.id));
        else if (stopsTyping.has(normalized.type)) typingAgents.delete(String(from.id));
      }
      if (normalized.type === 'Message' && filters.some((filter) => filter.test(normalized.text))) continue;
      let message: NormalizedMessage = { ...normalized };
      for (const preprocessor of preprocessors) {
        try {
          const result: unknown = preprocessor(message);
          if (result && typeof result === 'object' && !Array.isArray(result) && typeof (result as NormalizedMessage).type === 'string') {
            message = result as NormalizedMessage;
          }
        } catch {
          // a throwing preprocessor is skipped, as in the pipeline
        }
      }
      messages.push(message);
      originalMessages.push(raw);
      transcript.push(message);
      originals.push(raw);
    }
    if (messages.length === 0) return;
    sinks.batch({ messages, originalMessages, restoring: false, oldMessages: false, sessionData });
    for (const message of messages) sinks.message(message);
  };
}

/** GMS wire → normalized message, the fields of contract §9.3 (gms column), written out by hand. */
function normalize(raw: GmsMessage): NormalizedMessage {
  const from = raw.from ?? {};
  const attributes = typeof raw.eventAttributes === 'string' ? safeParse(raw.eventAttributes) : raw.eventAttributes;
  const party = attributes?.GCTI_SYSTEM as { 'party-info'?: { style?: string } } | undefined;
  const id = Number.parseInt(String(from.participantId ?? ''), 10);
  const message: NormalizedMessage = {
    index: typeof raw.index === 'number' ? raw.index : Number(raw.index ?? 0),
    type: typeof raw.type === 'string' ? raw.type : 'Notice',
    text: typeof raw.text === 'string' ? raw.text : '',
    html: raw.html === true,
    userData: raw.userData ? { ...raw.userData } : {},
    timestamp: typeof raw.utcTime === 'number' ? raw.utcTime : Number(raw.utcTime ?? 0),
    from: {
      id: Number.isNaN(id) ? String(from.participantId ?? '') : id,
      type: party?.['party-info']?.style === 'BOT' ? 'Bot' : senderTypes[String(from.type)] ?? 'External',
      name: typeof from.nickname === 'string' ? from.nickname : '',
    },
  };
  if (typeof raw.messageType === 'string') message.messageType = raw.messageType;
  if (raw.type === 'TypingStarted') message.isTyping = true;
  if (raw.type === 'TypingStopped') message.isTyping = false;
  return message;
}

function safeParse(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
