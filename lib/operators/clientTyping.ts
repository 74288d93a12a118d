import { asyncScheduler, concat, EMPTY, defer, map, of, timer } from 'rxjs';
import type { Observable, OperatorFunction, SchedulerLike } from 'rxjs';
import { switchMapUntilComplete } from './switchMapUntilComplete';

/**
 * What the customer did: `'keystroke'` = a `sendTyping` call (or an input event of the preview
 * input) with the text typed so far, `'stop'` = `sendTyping({isTyping: false})`, `'cancel'` = `sendMessage`.
 */
export type ClientTypingInput = { type: 'keystroke'; text: string } | { type: 'stop' } | { type: 'cancel' };

/**
 * What the service does about it (`contract.md` §12.1):
 * - `'start'`: send startTyping, publish `clientTypingStarted`;
 * - `'none'`: already typing; the idle timer was re-armed, no request (`sendTyping` resolves `null`);
 * - `'stop'`: send stopTyping, publish `clientTypingStopped` (explicit stop, or `idleMs` of silence);
 * - `'cancel'`: publish `clientTypingStopped`, no request (the message itself ends the typing);
 * - `'idle'`: a stop or cancel while not typing: nothing to do.
 */
export type ClientTypingAction = 'start' | 'none' | 'stop' | 'cancel' | 'idle';

/**
 * Emits exactly one {@link ClientTypingAction} per input, plus a `'stop'` of its own when
 * `idleMs` pass with no keystroke while typing (`contract.md` §12.1: 2000 ms; the shipped client
 * checks on a 100 ms tick, an exact timer is allowed). Completing the input drops the idle timer.
 *
 * ```
 * input:   -k-k-k---------s-c-k-c-     k keystroke, s stop, c cancel (idleMs = 5)
 * result:  -s-n-n----S----i-i-s-C-     s 'start', n 'none', S 'stop' (idle), i 'idle', C 'cancel'
 * ```
 *
 * @example
 * typingInput$.pipe(clientTyping(2000, platform.scheduler)).subscribe((action) => react(action));
 *
 * @param idleMs Silence after the last keystroke that ends the typing.
 * @param scheduler Where the idle timer runs.
 */
export function clientTyping(idleMs = 2000, scheduler: SchedulerLike = asyncScheduler): OperatorFunction<ClientTypingInput, ClientTypingAction> {
  return (input$) =>
    defer(() => {
      let typing = false;
      const idle$: Observable<ClientTypingAction> = timer(idleMs, scheduler).pipe(
        map(() => {
          typing = false;
          return 'stop' as const;
        }),
      );
      return input$.pipe(
        switchMapUntilComplete((input) => {
          const action = clientTypingAction(typing, input);
          typing = action === 'start' || action === 'none';
          // Every input disarms the idle timer (switch); only a keystroke arms it again.
          return concat(of(action), typing ? idle$ : EMPTY);
        }),
      );
    });
}

function clientTypingAction(typing: boolean, input: ClientTypingInput): ClientTypingAction {
  switch (input.type) {
    case 'keystroke':
      return typing ? 'none' : 'start';
    case 'stop':
      return typing ? 'stop' : 'idle';
    case 'cancel':
      return typing ? 'cancel' : 'idle';
  }
}
