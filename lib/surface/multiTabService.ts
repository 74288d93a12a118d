import { Subject, takeUntil } from 'rxjs';
import type { WebChatCommandName } from '../model/commands';
import type { WebChatEvent } from '../model/events';
import type { NormalizedMessage } from '../model/messages';
import type { TabCoordination } from '../platform/platform';
import type { Engine } from '../engine/engine';
import type { WebChatService } from '../service/WebChatService';
import { commandLanes } from './commandLanes';
import { followSend } from './followSend';
import { handOverFilter } from './handOverFilter';
import { joinReplay } from './joinReplay';
import { outboxMethodsOf } from './outboxMethods';
import { relayedCommands, runRelayed } from './relayedCommands';
import { TabOutput } from './tabOutput';
import type { TabActivity } from './tabActivity';
import { tabLeadership } from './tabLeadership';
import { isRelayed, relayPost } from './tabRelay';
import type { RelayMessage, Relayed } from './tabRelay';

/** What a multi-tab service is made of (the composition root's output, before the engine runs). */
export interface MultiTabDeps {
  /** This tab's engine, not running yet: its state is the tab's first state. */
  engine: Engine;
  /** Runs the engine (automatic restore included) and returns its surface: this tab leads. */
  start(): WebChatService;
  tabs: TabCoordination;
  /** The chat's lock and channel name ({@link multiTabName}). */
  name: string;
  settleBound(name: WebChatCommandName): number;
  /** How long a following tab waits for a leader to take a command; default `leaderAnswerTimeout`. */
  answerMs?: number;
  /** The tabs' activity, whose `anyActive$` is the engine's `pageActive$`. */
  activity: TabActivity;
}

/**
 * One chat in many tabs (issue 13). Every tab asks for the chat's lock; the tab that holds it leads:
 * it runs the engine — the only poller or socket of the browser — publishes what the engine
 * publishes and posts the same on the channel. The other tabs follow: they publish what the leader
 * posts, in its order, and send it their commands. When the leader goes, the lock passes to one
 * follower, which restores from storage as a reloaded page would and publishes only what its tabs
 * have not seen.
 *
 * ```
 *  leader tab: engine ─► TabOutput ─► events$, messages$, state$          follower tab:
 *                  │                                                    TabOutput ─► events$, …
 *                  └──── event / message / state ──── channel ────────────┘   │
 *              leader.command ◄── command / accepted / settled ────── relayedCommands
 * ```
 */
export function multiTabService(deps: MultiTabDeps): WebChatService {
  const { engine } = deps;
  const { scheduler, logger, random } = engine.deps.platform;
  const tabId = `${engine.now.toString(36)}-${random().toString(36).slice(2, 10)}`;
  const out = new TabOutput(engine.state);
  const destroyed$ = new Subject<void>();
  const channel = deps.tabs.channel(deps.name);
  const send = (message: RelayMessage) => relayPost(channel, message, logger);
  let leader: WebChatService | null = null;
  let joined = false;
  let destroyed = false;
  const follow = (entry: string) => followSend(out.state$, entry, engine.deps.config.sendQueueTimeout);
  const remote = relayedCommands({ tabId, post: send, scheduler, answerMs: deps.answerMs, follow });
  const lanes = commandLanes({ run: (envelope) => remote.run(envelope), settleBound: deps.settleBound, scheduler, destroyed$, destroyed: () => destroyed });

  const publish = (event: WebChatEvent) => {
    const published = out.publish(event);
    if (published && leader) send({ kind: 'event', item: published });
  };
  const deliver = (message: NormalizedMessage) => {
    if (out.message(message) && leader) send({ kind: 'message', message });
  };
  const ready = () => {
    out.publish({ event: 'capabilitiesChanged', data: engine.deps.transport.capabilities });
    out.publish({ event: 'ready', data: {} });
  };
  const configuring = scheduler.schedule(() => ready());

  /** While a new leader restores, commands wait: the tabs saw the session active, so they sent commands for it. */
  let afterRestore: Array<() => void> | null = null;
  const whenRestored = (run: () => void) => (afterRestore ? afterRestore.push(run) : run());

  const lead = () => {
    const was = out.state;
    const takingOver = joined && was.sessionActive;
    // Live: what the old leader relayed late (posted before it went, heard after this tab took the lead) counts too.
    const keep = takingOver ? handOverFilter(out.known, was) : (event: WebChatEvent) => event;
    afterRestore = takingOver ? [] : null;
    const running = deps.start();
    leader = running;
    const restored = () => {
      const waiting = afterRestore ?? [];
      afterRestore = null;
      out.setState(running.state);
      send({ kind: 'state', state: running.state });
      for (const run of waiting) run();
    };
    running.state$.pipe(takeUntil(destroyed$)).subscribe((state) => {
      // A restore passes through idle and restoring: the tabs already show the session, so they see it only once restored.
      if (afterRestore && (state.sessionState === 'idle' || state.sessionState === 'restoring')) return;
      if (afterRestore) return restored();
      out.setState(state);
      send({ kind: 'state', state });
    });
    running.events$.pipe(takeUntil(destroyed$)).subscribe((event) => {
      const kept = keep(event);
      if (kept) publish(kept);
      if (afterRestore && ['restoreTimeout', 'restoreFailed', 'sessionLost'].includes(event.event)) restored();
    });
    running.messages$.pipe(takeUntil(destroyed$)).subscribe(deliver);
    joined = true;
    send({ kind: 'leader', from: tabId });
    whenRestored(() => remote.runOn(running));
  };

  const taken = new Set<string>();
  const asLeader = (message: RelayMessage, running: WebChatService) => {
    if (message.kind === 'hello') {
      whenRestored(() => {
        const transcript = engine.transcript;
        send({ kind: 'snapshot', to: message.from, state: out.state, transcript: { messages: [...transcript.messages], originalMessages: [...transcript.originalMessages] } });
      });
    } else if (message.kind === 'command' && !taken.has(message.id)) {
      // A command posted in a hand-over may arrive twice (sent, then sent again on `leader`): it runs once.
      const { id, name, options, commander } = message;
      taken.add(id);
      send({ kind: 'accepted', id });
      whenRestored(() => runRelayed(running, { name, options, commander }, (answer) => send({ ...answer, id })));
    }
  };

  const asFollower = (message: RelayMessage) => {
    switch (message.kind) {
      case 'leader':
        remote.repost();
        send({ kind: 'active', from: tabId, active: deps.activity.ownActive });
        if (!joined) send({ kind: 'hello', from: tabId });
        return;
      case 'snapshot':
        if (joined || message.to !== tabId) return;
        joined = true;
        out.setState(message.state);
        if (!out.readyPublished) ready();
        return joinReplay(message, publish, deliver);
      default:
        if (!joined) return;
        if (message.kind === 'event') publish(message.item);
        else if (message.kind === 'message') deliver(message.message);
        else if (message.kind === 'state') out.setState(message.state);
    }
  };

  channel.messages$.pipe(takeUntil(destroyed$)).subscribe((raw) => {
    const message = raw as RelayMessage;
    // Answers count whatever this tab is now: the old leader may answer after this tab took the lead.
    if (message.kind === 'accepted' || message.kind === 'queued' || message.kind === 'settled') remote.answer(message);
    else if (message.kind === 'active') deps.activity.hear(message.from, message.active);
    else if (!leader) asFollower(message);
    else if (afterRestore && isRelayed(message)) relayedLate(message);
    else asLeader(message, leader);
  });
  /** What the old leader posted before it went, heard after this tab took the lead: shown here; the others heard it too. */
  const relayedLate = (message: Relayed) => {
    if (message.kind === 'event') out.publish(message.item);
    else if (message.kind === 'message') out.message(message.message);
  };

  send({ kind: 'hello', from: tabId });
  deps.activity.local$.pipe(takeUntil(destroyed$)).subscribe((active) => {
    deps.activity.setOwn(active);
    send({ kind: 'active', from: tabId, active });
  });
  const leading = tabLeadership(deps.tabs, deps.name).pipe(takeUntil(destroyed$)).subscribe(() => lead());

  const destroy = () => {
    if (destroyed) return;
    destroyed = true;
    configuring.unsubscribe();
    send({ kind: 'active', from: tabId, active: false });
    // The leader stops before the lock goes: the next leader never polls beside it.
    leader?.destroy();
    destroyed$.next();
    destroyed$.complete();
    leading.unsubscribe();
    lanes.close();
    channel.close();
    out.complete();
  };
  // The leading tab's own commands go to its engine, once it runs and has restored; till then they take the follower's way.
  const leaderNow = () => (leader && !afterRestore ? leader : null);
  const outbox = outboxMethodsOf({ state$: out.state$, run: (name, id) => leaderNow()?.[name](id) ?? remote.run({ name, options: { id }, commander: 'App' }), destroyed$, destroyed: () => destroyed });
  return out.surface((name, options, commander) => leaderNow()?.command(name as WebChatCommandName, options as never, commander) ?? lanes.dispatch(name, options, commander), destroy, outbox);
}
