import { AsyncPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import type { Observable } from 'rxjs';
import { ChatService } from './chat.service';

/**
 * One chat: a start form, the transcript, the agent's typing, the connection state, a message box,
 * a file picker and an end button. Everything it shows comes through the async pipe; a command's
 * rejection (the contract's text, or the failed request) is shown under the form.
 */
@Component({
  selector: 'app-chat',
  imports: [AsyncPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <p class="status">
      Connection: <output id="connection">{{ chat.connection$ | async }}</output> ·
      Chat: <output id="active">{{ (chat.active$ | async) ? 'active' : 'inactive' }}</output>
    </p>

    <ol id="transcript">
      @for (m of chat.messages$ | async; track $index) {
        <li [attr.data-from]="m.from.type" [attr.data-type]="m.type">{{ m.from.name }}: {{ m.text }}</li>
      }
    </ol>
    @if (chat.agentTyping$ | async) {
      <p id="agent-typing">Agent is typing…</p>
    }
    @if (chat.active$ | async) {
      <form (submit)="send(message); $event.preventDefault()">
        <input #message id="message" placeholder="Your message" autocomplete="off" (input)="chat.typing(message.value)" />
        <button id="send" type="submit">Send</button>
      </form>
      <input #file id="file" type="file" (change)="sendFile(file)" />
      <button id="end" type="button" (click)="run(chat.end())">End chat</button>
    } @else {
      <form (submit)="start(nickname.value); $event.preventDefault()">
        <input #nickname id="nickname" placeholder="Your name" value="Ada" />
        <button id="start" type="submit">Start chat</button>
      </form>
    }
    @if (error(); as why) {
      <p id="error" role="alert">{{ why }}</p>
    }
  `,
})
export class ChatComponent {
  protected readonly chat = inject(ChatService);
  protected readonly error = signal('');

  protected start(nickname: string): void {
    this.run(this.chat.start({ nickname, firstname: nickname }));
  }

  protected send(input: HTMLInputElement): void {
    if (!input.value.trim()) return;
    this.run(this.chat.send(input.value));
    input.value = '';
  }

  protected sendFile(input: HTMLInputElement): void {
    if (input.files?.length) this.run(this.chat.sendFile(input.files));
    input.value = '';
  }

  /** Subscribes a command (it runs anyway) to show its rejection, if any. */
  protected run(command: Observable<unknown>): void {
    this.error.set('');
    command.subscribe({ error: (why: unknown) => this.error.set(typeof why === 'string' ? why : JSON.stringify(why)) });
  }
}
