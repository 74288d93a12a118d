import { asyncScheduler, defer, map, tap } from 'rxjs';
import type { OperatorFunction, SchedulerLike } from 'rxjs';
import { clientTyping } from './clientTyping';
import type { ClientTypingAction, ClientTypingInput } from './clientTyping';

/** One {@link clientTyping} action with the typing preview it leaves behind. */
export interface ClientTypingStep {
  action: ClientTypingAction;
  /** What the agent may see as the customer's draft now: the keystroke's text while typing, else `''`. */
  preview: string;
}

/**
 * {@link clientTyping} with the typing preview each action implies (`contract.md` §11.1, §12.1):
 * while the customer types, the text of the latest keystroke (a `sendTyping` message, or a
 * registered input's value — so an emptied input previews `''` at once); once typing stops —
 * `idleMs` of silence, `sendTyping({isTyping: false})`, `sendMessage` — `''`, because the text
 * is no longer a draft being typed. GMS sends the preview as `message` on every refresh and
 * keeps it as the customer's draft; the shipped client sends `message=` after the stop.
 *
 * One idle timer serves both the action and the preview, so they never disagree.
 *
 * ```
 * input:    -a-b---------a-s-a-c-   a keystroke 'I n', b keystroke 'I need', s stop, c cancel (idleMs = 5)
 * preview:  -a-b----e----a-e-a-e-   e ''
 * action:   -s-n----S----s-S-s-C-
 * ```
 *
 * @example
 * typingInput$.pipe(clientTypingPreview(2000, platform.scheduler)).subscribe(({ action, preview }) => {
 *   session.preview(preview);
 *   react(action);
 * });
 *
 * @param idleMs Silence after the last keystroke that ends the typing.
 * @param scheduler Where the idle timer runs.
 */
export function clientTypingPreview(idleMs = 2000, scheduler: SchedulerLike = asyncScheduler): OperatorFunction<ClientTypingInput, ClientTypingStep> {
  return (input$) =>
    defer(() => {
      let text = '';
      return input$.pipe(
        // clientTyping answers each input synchronously, so the text is the one of the keystroke it answers.
        tap((input) => (text = input.type === 'keystroke' ? input.text : '')),
        clientTyping(idleMs, scheduler),
        map((action) => ({ action, preview: action === 'start' || action === 'none' ? text : '' })),
      );
    });
}
