import type { InteractionData, WebChatConfig } from './config';
import type { Agent, NormalizedMessage } from './messages';
import type { AjaxResult, SessionData } from './results';

/** Fields of the chat registration form (`contract.md` §6.2). */
export interface ChatForm {
  nickname?: string;
  firstname?: string;
  lastname?: string;
  email?: string;
  subject?: string;
  [customField: string]: unknown;
}

export interface StartChatOptions extends ChatForm {
  form?: ChatForm;
  userData?: Record<string, unknown> | string;
  interactionData?: InteractionData;
  deploymentKey?: string;
  orgGuid?: string;
  organizationId?: string;
  async?: boolean;
}

/** `sendMessage` options: the text, and what a back end may add to it. */
export interface SendMessageOptions {
  message: string;
  type?: string;
  parentMessageID?: string;
}

/** A `File`-like value: `sendFile` accepts an input element, a jQuery-like wrapper, a FileList, a File or File[]. */
export type FilesOption = unknown;

/** A RegExp prefilter; `addPrefilter` also takes an array. */
export type Prefilter = RegExp;

/** A preprocessor gets each visible normalized message; a returned object replaces it (§10 step 5). */
export type Preprocessor = (message: NormalizedMessage) => NormalizedMessage | void | null | undefined | false;

/** `getTranscript` result: the normalized messages so far and the back end's raw ones. */
export interface TranscriptResult {
  messages: NormalizedMessage[];
  originalMessages: unknown[];
}

/** `getStats` (§6.16): a time not known is `false`, as the shipped client gives it (not `undefined`). */
export interface StatsResult {
  agents: Record<string, Agent>;
  /** When `started`/`restored` was published; `false` before the first session. */
  startTime: number | false;
  /** When `ended` was published; `false` while active (and before the first session). */
  endTime: number | false;
  /** (`endTime` or now) − `startTime`; `false` before the first session. */
  duration: number | false;
}

/** `getFileLimits` result: the upload limits the back end reports (`contract.md` §6). */
export interface FileLimits {
  uploadMaxFiles: number;
  uploadMaxFileSize: number;
  uploadMaxTotalSize: number;
  uploadNeedAgent: boolean;
  uploadFileTypes: string[];
  usedUploadMaxFiles: number;
  usedUploadMaxTotalSize: number;
  downloadAttempts: number;
  usedDownloadAttempts: number;
}

/** A text input the typing preview can watch (an element, or a jQuery-like wrapper of one). */
export type TypingPreviewInput = unknown;

/** Every command of `contract.md` §6: name → options and resolution value. */
export interface WebChatCommandMap {
  configure: { options: WebChatConfig; result: undefined };
  startChat: { options: StartChatOptions; result: AjaxResult };
  endChat: { options: Record<string, never>; result: AjaxResult };
  sendMessage: { options: SendMessageOptions; result: AjaxResult };
  sendCustomNotice: { options: { message: string }; result: AjaxResult };
  sendTyping: { options: { message?: string; Message?: string; isTyping?: boolean }; result: AjaxResult | null };
  sendFilteredMessage: { options: { message: string; regex: RegExp }; result: AjaxResult };
  addPrefilter: { options: { filters: Prefilter | Prefilter[] }; result: RegExp[] };
  updateUserData: { options: Record<string, unknown>; result: AjaxResult | Record<string, unknown> };
  updateInteractionData: { options: InteractionData; result: AjaxResult | InteractionData };
  poll: { options: Record<string, never>; result: AjaxResult };
  startPoll: { options: Record<string, never>; result: undefined };
  stopPoll: { options: Record<string, never>; result: undefined };
  pausePoll: { options: Record<string, never>; result: undefined };
  resetPollExceptions: { options: Record<string, never>; result: undefined };
  restore: { options: { sessionData?: string; async?: boolean }; result: undefined };
  asyncRestore: { options: Record<string, never>; result: undefined };
  getTranscript: { options: Record<string, never>; result: TranscriptResult };
  getAgents: { options: Record<string, never>; result: { agents: Record<string, Agent> } };
  getStats: { options: Record<string, never>; result: StatsResult };
  getSessionData: { options: Record<string, never>; result: SessionData };
  verifySession: { options: Record<string, never>; result: { sessionActive: boolean } };
  getFileLimits: { options: Record<string, never>; result: AjaxResult & { limits?: FileLimits } };
  sendFile: { options: { files: FilesOption }; result: AjaxResult };
  downloadFile: { options: { fileId: string; fileName?: string }; result: AjaxResult | { fileId: string; fileName: string; blob: Blob } | undefined };
  fetchHistory: { options: Record<string, never>; result: AjaxResult };
  registerTypingPreviewInput: { options: { input: TypingPreviewInput }; result: undefined };
  registerPreProcessor: { options: { preprocessor: Preprocessor }; result: Preprocessor };
  sleep: { options: Record<string, never>; result: undefined };
  wake: { options: Record<string, never>; result: undefined };
}

/** A command name of the contract (`'startChat'`, `'sendMessage'`, …). */
export type WebChatCommandName = keyof WebChatCommandMap;
/** The options type of command `K`, from {@link WebChatCommandMap}. */
export type CommandOptions<K extends WebChatCommandName> = WebChatCommandMap[K]['options'];
/** The value command `K` resolves with, from {@link WebChatCommandMap}. */
export type CommandResult<K extends WebChatCommandName> = WebChatCommandMap[K]['result'];

/** Every command name, in the contract's order. */
export const webChatCommandNames: readonly WebChatCommandName[] = [
  'configure', 'startChat', 'endChat', 'sendMessage', 'sendCustomNotice', 'sendTyping',
  'sendFilteredMessage', 'addPrefilter', 'updateUserData', 'updateInteractionData', 'poll',
  'startPoll', 'stopPoll', 'pausePoll', 'resetPollExceptions', 'restore', 'asyncRestore',
  'getTranscript', 'getAgents', 'getStats', 'getSessionData', 'verifySession', 'getFileLimits',
  'sendFile', 'downloadFile', 'fetchHistory', 'registerTypingPreviewInput', 'registerPreProcessor',
  'sleep', 'wake',
];

/** Who issued a command; private commands check it (§6.11, §6.14). Method calls are `'WebChatService'`... unless set. */
export type Commander = string;
