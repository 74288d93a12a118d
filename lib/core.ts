// `webchat-rx/core`: the public API without the back ends, listed by name (no `export *`). An app
// composes the service with the transports it imports (`webchat-rx/transports/<id>`), and its
// bundler keeps only those; `webchat-rx` is this plus `createWebChatService` (all three).

// The service
export { composeWebChatService } from './composeWebChatService';
export type { TransportFactories } from './composeWebChatService';
export type { WebChatServiceOptions } from './service/WebChatService';
export type { WebChatService, WebChatCommandMethods, CommandCall } from './service/WebChatService';

// The contract's model
export type {
  Capabilities, WebChatConfig, TransportConfig, AsyncConfig, InteractionData, RoutingConfig, MainConfig,
  CookieHelper, CookieOptions, ResolvedConfig, TransportId, ChatForm, StartChatOptions, SendMessageOptions,
  FilesOption, Prefilter, Preprocessor, TranscriptResult, StatsResult, FileLimits, TypingPreviewInput,
  WebChatCommandMap, WebChatCommandName, CommandOptions, CommandResult, Commander, EmptyData,
  MessageReceivedData, ParticipantEventData, SessionLostData, DataChange, WebChatEventMap, WebChatEventName,
  WebChatEvent, ParticipantType, MessageType, MessageSender, NormalizedMessage, Agent, AgentMap, AjaxResult,
  ServerFailure, AjaxFailure, CommandRejection, GmsSessionData, NexusSessionData, CloudSessionData, NoSessionData, SessionData,
  ErrorEventData, SessionState, ConnectionState, WebChatState, WebChatDataKey, OutboxEntry, OutboxStatus, OutboxFailure,
  OutboxCommand,
} from './model/index';
export { webChatCommandNames, webChatEventNames, Rejections, OutboxRejections, sendQueueTimedOut } from './model/index';

// Storage adapters
export { memoryStorage } from './storage/memoryStorage';
export { localStorageStorage } from './storage/localStorageStorage';
export { cookieStorage } from './storage/cookieStorage';

// Platform (for custom transports and hosts)
export { createPlatform } from './platform/createPlatform';
export type { PlatformOptions } from './platform/createPlatform';
export type {
  Platform, HttpRequest, HttpResponse, HttpBody, FormField, FilePart, Logger, PageInfo, KeyValueStorage,
  WebSocketConstructor, TabCoordination, TabChannel,
} from './platform/platform';
// Multi-tab mode (issue 13): the rejection of a command no leading tab took, and how long a tab waits.
export { noLeadingTab } from './model/rejections';
export { leaderAnswerTimeout } from './surface/relayedCommands';
export type { SocketEvent } from './platform/openSocket';
export type { CometdOpener, CometdOptions, CometdEvent, CometdAck, CometdFailure } from './platform/openCometd';

// Transports (for integrators writing their own)
export type {
  Transport, TransportFactory, TransportContext, TransportSession, Outcome, Verdict, RawItem, RawBatch,
  ReceiveSignal, ReceiveControl, StartRequest, StartOutcome, RestoreOutcome, OutgoingMessage,
} from './transports/transport';
export type { SessionStore } from './storage/sessionStore';

// The CXBus adapter, for apps that want a bus in their own bundle (legacy pages load
// dist/webchat-rx.cxbus.min.js instead). It depends on the service's public surface only.
export { createBus, createDeferred, bindWebChatService } from './cxbus/index';
export type {
  BusOptions, BusPromise, Deferred, DeferredCallbacks, DeferredOptions, DeferredState, WebChatServiceBinding, CXBus, PluginInterface,
  BusEvent, BeforeHook, BusConfig, BusMaster, BusRegistry, CommandEnvelope, CommandHandler, DataEntry, EventCallback,
} from './cxbus/index';
