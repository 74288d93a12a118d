export type { Capabilities } from './capabilities';
export type {
  WebChatConfig, TransportConfig, AsyncConfig, InteractionData, RoutingConfig, MainConfig,
  CookieHelper, CookieOptions, ResolvedConfig, TransportId,
} from './config';
export type {
  ChatForm, StartChatOptions, SendMessageOptions, FilesOption, Prefilter, Preprocessor,
  TranscriptResult, StatsResult, FileLimits, TypingPreviewInput, WebChatCommandMap,
  WebChatCommandName, CommandOptions, CommandResult, Commander,
} from './commands';
export { webChatCommandNames } from './commands';
export type {
  EmptyData, MessageReceivedData, ParticipantEventData, SessionLostData, DataChange,
  WebChatEventMap, WebChatEventName, WebChatEvent,
} from './events';
export { webChatEventNames } from './events';
export type { ParticipantType, MessageType, MessageSender, NormalizedMessage, Agent, AgentMap } from './messages';
export type {
  AjaxResult, ServerFailure, AjaxFailure, CommandRejection, GmsSessionData, NexusSessionData,
  CloudSessionData, NoSessionData, SessionData, ErrorEventData,
} from './results';
export { Rejections, tooLong, noPreprocessor, commandUnsupported, pluginNotReady, startLockRejection } from './rejections';
export type { SessionState, ConnectionState, WebChatState, WebChatDataKey } from './state';
export type { Verdict, RawItem, RawBatch, ReceiveSignal } from './receive';
export type { OutboxEntry, OutboxStatus, OutboxFailure, OutboxCommand } from './outbox';
export { OutboxRejections, sendQueueTimedOut } from './outbox';
