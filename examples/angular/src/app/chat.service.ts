// The README's Angular service (README.md, "Angular"), line for line, with two members more: the
// connection state and file upload (spec/docs/angularExample.spec.ts checks the README's lines are here).
import { Injectable, OnDestroy } from '@angular/core';
import { distinctUntilChanged, map, scan } from 'rxjs';
import { createWebChatService, localStorageStorage } from 'webchat-rx';
import type { ChatForm, NormalizedMessage } from 'webchat-rx';
import { environment } from '../environments/environment';

@Injectable({ providedIn: 'root' })
export class ChatService implements OnDestroy {
  private readonly chat = createWebChatService(environment.webchat, { storage: localStorageStorage() });
  readonly messages$ = this.chat.on('messageReceived').pipe(
    scan((all, e) => (e.oldMessages ? [...[...e.messages].reverse(), ...all] : [...all, ...e.messages]), [] as NormalizedMessage[]),
  );
  readonly agentTyping$ = this.chat.state$.pipe(map((s) => s.agentTyping), distinctUntilChanged());
  readonly active$ = this.chat.state$.pipe(map((s) => s.sessionActive), distinctUntilChanged());
  readonly connection$ = this.chat.state$.pipe(map((s) => s.connectionState), distinctUntilChanged());

  start(form: ChatForm) { return this.chat.startChat({ form }); }     // Observable: use with async pipe or firstValueFrom
  send(message: string) { return this.chat.sendMessage({ message }); }
  typing(text: string) { this.chat.sendTyping({ message: text }).subscribe({ error: () => {} }); }
  sendFile(files: FileList) { return this.chat.sendFile({ files }); }
  end() { return this.chat.endChat(); }
  ngOnDestroy() { this.chat.destroy(); }
}
