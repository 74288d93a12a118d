import type { Subscription } from 'rxjs';
import type { AgentControl } from './agentControl';
import { isAgentError } from './agentControl';
import type { ChatSession, SessionStore } from './sessionStore';
import type { Timers } from './timers';

export interface AgentSimulatorOptions {
  /** `'manual'` does nothing by itself: only the agent API acts. */
  mode: 'auto' | 'manual';
  /** Between a session becoming routable and the agent's join. */
  joinDelayMs: number;
  /** How long the agent shows typing before each message. */
  typingMs: number;
}

export interface AgentSimulator {
  close(): void;
}

/** The auto agent's name. */
export const AUTO_AGENT_NAME = 'Dana';

/** What the auto agent says first, once joined. */
export const autoGreeting = (customerName: string): string => `Hello ${customerName}, I'm ${AUTO_AGENT_NAME}. How can I help?`;

/** The auto agent's recognisable answer to a customer message. */
export const autoReply = (text: string): string => `You said: "${text}". Anything else?`;

/**
 * Customer messages that make the auto agent do something else than answer (for the demo page
 * and for tests of the end-of-chat paths).
 */
export const AUTO_AGENT_COMMANDS = {
  '/leave': 'the agent leaves (the chat goes on)',
  '/end': 'the agent ends the chat',
  '/url': 'the agent pushes a URL',
  '/supervisor': 'a supervisor joins and says hello',
} as const;

/**
 * Starts the agent simulator on a store. In `auto` mode an agent joins every routable session
 * `joinDelayMs` after it becomes routable, greets the customer (typing first, then the message:
 * the message implies typing stopped, as a real desktop does), and answers each customer message
 * in order with {@link autoReply}. It works on the store only, so every protocol gets it.
 *
 * ```
 * customer:  join ─────────── "hi" ───────────────────────
 * agent:     ──joinDelay── join typing ─typingMs─ greeting typing ─typingMs─ reply("hi")
 * ```
 *
 * @example
 * const simulator = startAgentSimulator(store, agent, timers, { mode: 'auto', joinDelayMs: 1000, typingMs: 600 });
 * // …
 * simulator.close();
 *
 * @param store The sessions to watch.
 * @param agent The agent actions.
 * @param timers Timers, all cancelled by `close()` (or by the playground's own `timers.clear()`).
 * @param options Mode and pacing.
 */
export function startAgentSimulator(store: SessionStore, agent: AgentControl, timers: Timers, options: AgentSimulatorOptions): AgentSimulator {
  if (options.mode === 'manual') return { close: () => undefined };
  // One chain of actions per session: replies never overlap and keep the customer's order.
  const chains = new Map<string, Promise<void>>();
  const enqueue = (sessionId: string, step: () => Promise<void> | void): void => {
    const chain = (chains.get(sessionId) ?? Promise.resolve()).then(step).catch(() => undefined);
    chains.set(sessionId, chain);
  };
  const speak = async (sessionId: string, text: string): Promise<void> => {
    if (isAgentError(agent.typing(sessionId, true))) return;
    await timers.delay(options.typingMs);
    agent.say(sessionId, text);
  };
  const route = (session: ChatSession): void =>
    enqueue(session.id, async () => {
      await timers.delay(options.joinDelayMs);
      if (isAgentError(agent.join(session.id, { name: AUTO_AGENT_NAME }))) return;
      await speak(session.id, autoGreeting(session.customer.name));
    });
  const answer = (session: ChatSession, text: string): void =>
    enqueue(session.id, async () => {
      switch (text.trim()) {
        case '/leave':
          agent.leave(session.id);
          return;
        case '/end':
          agent.end(session.id);
          return;
        case '/url':
          agent.pushUrl(session.id, 'https://example.com/help');
          return;
        case '/supervisor':
          if (!isAgentError(agent.join(session.id, { role: 'supervisor' }))) await speak(session.id, 'Hello, I am supervising this chat.');
          return;
        default:
          await timers.delay(options.typingMs / 2);
          await speak(session.id, autoReply(text));
      }
    });

  const subscription: Subscription = store.events$.subscribe((change) => {
    if ((change.type === 'created' && change.session.routable) || change.type === 'routable') route(change.session);
    else if (change.type === 'ended') chains.delete(change.session.id);
    else if (change.type === 'event' && change.event.kind === 'message' && change.event.participantId === change.session.customerId) {
      answer(change.session, change.event.text);
    }
  });
  return {
    close() {
      subscription.unsubscribe();
      chains.clear();
    },
  };
}
