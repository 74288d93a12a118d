import type { Commander, WebChatCommandName } from '../model/commands';

/** One command as the engine receives it: the name, the options as given, and who sent it. */
export interface CommandEnvelope {
  name: WebChatCommandName;
  options: Record<string, unknown>;
  commander: Commander;
}
