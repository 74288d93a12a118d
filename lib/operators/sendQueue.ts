import { Observable, timer } from 'rxjs';
import type { OperatorFunction, SchedulerLike, Subscription } from 'rxjs';

/** What moves the outbox's queue: sends, the connection, each send's outcome, the customer's choices, the chat's end. */
export type SendQueueInput =
  /** A send joins the queue; it fails with `timeout` if still queued after `wait` ms. */
  | { type: 'add'; id: string; wait: number }
  /** A send that already failed (restored from storage): it waits for `retry` or `discard`. */
  | { type: 'addFailed'; id: string }
  /** Whether sends may go out now (a session is active and its connection is up). */
  | { type: 'online'; online: boolean }
  /**
   * The outcome of the send in flight: `delivered`; `notDelivered` (the server certainly does not
   * have it: it is sent again, first in line, after `retryDelay`, or the server's `retryAfter` ms
   * when longer); `failed` (refused, or unknown).
   */
  | { type: 'settled'; id: string; outcome: 'delivered' | 'notDelivered' | 'failed'; retryAfter?: number }
  /** A failed send goes back to the end of the queue, with a new `wait`. */
  | { type: 'retry'; id: string; wait: number }
  | { type: 'discard'; id: string }
  /** The chat ended: every send is removed. */
  | { type: 'end' };

/** One send's move: `sending` means "send it now"; `removed` takes it out of the outbox. */
export type SendQueueStep =
  | { id: string; status: 'queued' | 'sending' | 'sent' }
  | { id: string; status: 'failed'; reason: 'timeout' | 'rejected' }
  | { id: string; status: 'removed'; reason: 'ended' | 'discarded'; wasSending: boolean };

export interface SendQueueOptions {
  /** The wait after a `notDelivered` before the next send. */
  retryDelay: number;
  scheduler: SchedulerLike;
}

interface Slot {
  id: string;
  status: 'queued' | 'sending' | 'failed';
  /** Its `wait` ran out (a send in flight then fails with `timeout` if it comes back `notDelivered`). */
  expired: boolean;
  deadline?: Subscription;
}

/**
 * The outbox's queue as an operator: sends go out one at a time, in the order they joined, only while
 * `online`; each waits for its outcome before the next goes. A send still queued after its `wait`
 * fails with `timeout`; one the server certainly did not get is sent again (never one whose fate is
 * unknown: that one fails, so nothing is ever delivered twice); the chat's end removes them all.
 * Every timer runs on `scheduler`.
 *
 * ```
 * input:  -a-b--o------d------d--   a, b add (wait 20), o online, d settled delivered (a, then b)
 * output: ------s------(tS)---t--   s a sending, t a sent, S b sending, t b sent
 * ```
 *
 * @example
 * signals$.pipe(sendQueue({ retryDelay: 2000, scheduler })).subscribe((step) => apply(step));
 */
export function sendQueue(options: SendQueueOptions): OperatorFunction<SendQueueInput, SendQueueStep> {
  return (input$) =>
    new Observable<SendQueueStep>((subscriber) => {
      const slots: Slot[] = [];
      let online = false;
      let held: Subscription | null = null;
      const find = (id: string) => slots.find((slot) => slot.id === id);
      const drop = (slot: Slot) => {
        slot.deadline?.unsubscribe();
        slots.splice(slots.indexOf(slot), 1);
      };
      const fail = (slot: Slot, reason: 'timeout' | 'rejected') => {
        slot.deadline?.unsubscribe();
        slot.status = 'failed';
        subscriber.next({ id: slot.id, status: 'failed', reason });
      };
      const queue = (slot: Slot, wait: number) => {
        slot.status = 'queued';
        slot.expired = false;
        slot.deadline = timer(wait, options.scheduler).subscribe(() => {
          slot.expired = true;
          if (slot.status === 'queued') fail(slot, 'timeout');
        });
      };
      const pump = () => {
        if (!online || held || slots.some((slot) => slot.status === 'sending')) return;
        const next = slots.find((slot) => slot.status === 'queued');
        if (!next) return;
        next.status = 'sending';
        subscriber.next({ id: next.id, status: 'sending' });
      };
      const settle = (slot: Slot, outcome: 'delivered' | 'notDelivered' | 'failed', retryAfter = 0) => {
        if (outcome === 'delivered') {
          drop(slot);
          subscriber.next({ id: slot.id, status: 'sent' });
        } else if (outcome === 'failed') fail(slot, 'rejected');
        else if (slot.expired) fail(slot, 'timeout');
        else {
          slot.status = 'queued';
          subscriber.next({ id: slot.id, status: 'queued' });
          held = timer(Math.max(options.retryDelay, retryAfter), options.scheduler).subscribe(() => {
            held = null;
            pump();
          });
        }
      };
      const onInput = (signal: SendQueueInput) => {
        switch (signal.type) {
          case 'add': {
            const slot: Slot = { id: signal.id, status: 'queued', expired: false };
            slots.push(slot);
            queue(slot, signal.wait);
            break;
          }
          case 'addFailed':
            slots.push({ id: signal.id, status: 'failed', expired: true });
            break;
          case 'online':
            online = signal.online;
            break;
          case 'settled': {
            const slot = find(signal.id);
            if (slot?.status === 'sending') settle(slot, signal.outcome, signal.retryAfter);
            break;
          }
          case 'retry': {
            const slot = find(signal.id);
            if (slot?.status !== 'failed') break;
            drop(slot);
            slots.push(slot);
            queue(slot, signal.wait);
            subscriber.next({ id: slot.id, status: 'queued' });
            break;
          }
          case 'discard': {
            const slot = find(signal.id);
            if (!slot || slot.status === 'sending') break;
            drop(slot);
            subscriber.next({ id: slot.id, status: 'removed', reason: 'discarded', wasSending: false });
            break;
          }
          case 'end':
            held?.unsubscribe();
            held = null;
            for (const slot of [...slots]) {
              drop(slot);
              subscriber.next({ id: slot.id, status: 'removed', reason: 'ended', wasSending: slot.status === 'sending' });
            }
            break;
        }
        pump();
      };
      const subscription = input$.subscribe({ next: onInput, error: (e: unknown) => subscriber.error(e), complete: () => subscriber.complete() });
      return () => {
        subscription.unsubscribe();
        held?.unsubscribe();
        for (const slot of slots) slot.deadline?.unsubscribe();
      };
    });
}
