import { reduceChatState } from '../../lib/engine/reduceChatState';
import type { EngineEvent } from '../../lib/engine/engineEvent';
import { idleState } from '../../lib/service/idleState';
import type { WebChatState } from '../../lib/model/state';
import { fakeMessage } from '../../lib/testing/fakeTransport';

const data = (key: string): WebChatState['sessionData'] => ({ jwt: key, conversationId: null, memberId: null }) as WebChatState['sessionData'];

const capabilities = { async: false, pagination: false } as unknown as WebChatState['capabilities'];
const idle = idleState('gms-v2', capabilities, data(''), { a: 1 }, {});
const agent = { name: 'Bo', connected: true, supervisor: false, connectedTime: 1, disconnectedTime: false as const, type: 'Agent' as const };
const active: WebChatState = { ...idle, sessionState: 'active', sessionActive: true, agentTyping: true, connectionState: 'disconnected', sessionData: data('k') };

/** [what happened, state before, event, the keys that change] */
const table: Array<[string, WebChatState, EngineEvent, Partial<WebChatState>]> = [
  ['a command moves the session state', idle, { type: 'sessionState', sessionState: 'restoring' }, { sessionState: 'restoring' }],
  ['startChat keeps the merged data and is starting', idle, { type: 'chatStarting', userData: { b: 2 }, interactionData: { c: 3 } }, { sessionState: 'starting', userData: { b: 2 }, interactionData: { c: 3 } }],
  ['a session begins: active, online, its data, no agents', { ...idle, connectionState: 'serverOffline', agents: { 1: agent } }, { type: 'sessionBegan', sessionData: data('k') }, { sessionState: 'active', sessionActive: true, connectionState: 'online', sessionData: data('k'), agents: {} }],
  ['a session ends: idle, online, nobody typing, empty data (agents kept)', { ...active, agents: { 1: agent } }, { type: 'sessionEnded', sessionData: data('') }, { sessionState: 'idle', sessionActive: false, agentTyping: false, connectionState: 'online', sessionData: data('') }],
  ['health moves the connection state', active, { type: 'connectionState', connectionState: 'serverOffline' }, { connectionState: 'serverOffline' }],
  ['polling', active, { type: 'polling', polling: true }, { polling: true }],
  ['agent typing', idle, { type: 'agentTyping', agentTyping: true }, { agentTyping: true }],
  ['agents', idle, { type: 'agents', agents: { 1: agent } }, { agents: { 1: agent } }],
  ['session data', active, { type: 'sessionData', sessionData: data('k2') }, { sessionData: data('k2') }],
  ['user data', idle, { type: 'userData', userData: { z: 1 } }, { userData: { z: 1 } }],
  ['interaction data', idle, { type: 'interactionData', interactionData: { routing: { q: 1 } } }, { interactionData: { routing: { q: 1 } } }],
  ['sleeping', idle, { type: 'sleeping', sleeping: true }, { sleeping: true }],
];

describe('reduceChatState', () => {
  it.each(table)('%s', (_what, before, event, changes) => {
    const frozen = Object.freeze({ ...before });
    const after = reduceChatState(frozen, event);
    expect(after).toEqual({ ...before, ...changes });
    expect(after).not.toBe(frozen);
  });

  it.each<[string, EngineEvent]>([
    ['a public event', { type: 'publish', event: { event: 'ready', data: {} } }],
    ['a batch of visible messages', { type: 'messages', messages: [fakeMessage(1, 'Message', 'Agent', 'hi')] }],
    ['a poll-loop control', { type: 'control', control: { type: 'sleep' } }],
    ['the end sequence starting (its own state change follows as sessionEnded)', { type: 'endSession' }],
  ])('%s leaves the state as it is (the same object: state$ does not emit)', (_what, event) => {
    expect(reduceChatState(active, event)).toBe(active);
  });
});
