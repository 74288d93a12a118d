/**
 * The exact rejection texts of `spec/contract.md` §5 and `spec/cxbus.md` §6/§8, byte for byte.
 * Legacy pages compare against these strings: never reword them.
 */
export const Rejections = {
  active: 'There is already an active chat session',
  userData: 'malformed data object provided in userData property',
  noSession: 'There is no active chat session',
  noText: 'No message text provided',
  noSession2: 'No active chat session',
  filters:
    'Missing or invalid filters provided. Please provide a regular expression or an array of regular expressions.',
  userDataUnsupported: "This transport doesn't support updating userData during an active chat session.",
  privateCommand: 'Access Denied to private command. Only WebChatService is allowed to invoke this command.',
  privateRestore:
    'Access Denied to private command. Only WebChatService is allowed to invoke this command in Non-Async mode.',
  pollBusy: 'previous poll has not finished.',
  pollUnsupported: "This transport doesn't support polling.",
  pollUnsupported2: "This transport doesn't support polling",
  pollCometD: 'Polling is not supported when using CometD',
  notPolling: 'Not currently polling. Ignoring command.',
  resetPollExceptionsUnsupported: "This transport doesn't support resetPollExceptions command.",
  restoring: 'Already restoring. Ignoring request.',
  restoreActive: 'Chat session is already active, ignoring restore command.',
  restoreNone: 'No chat session found to restore.',
  historyAsync: 'Fetching history messages applies only to Asynchronous chat',
  historyEnd: 'No more messages to fetch',
  input:
    "Invalid value provided for the 'input' property. An HTML element reference to a textarea or text input is required.",
  noticeUnsupported: "This transport doesn't support sendCustomNotice command.",
  fileUnsupported: "This transport doesn't support file uploads",
  noFormData: 'No HTMl5 formData support on your browser',
  interactionDataUnsupported:
    "This transport doesn't support updating interactionData during an active chat session.",
  config: 'Invalid configuration',
  configAsync: 'Invalid configuration. WebChatService supports Async chat only in CometD mode.',
  configured: 'Already configured. Ignoring request.',
  noCommand: 'Command does not exist',
  beforeVeto: "Command was cancelled by a 'before' function.",
  loadFailed: 'Could not load plugin file in given location. Check your plugins path option.',
} as const;

/** R-TOOLONG: `Message length exceeds configured threshold of N characters`. */
export function tooLong(maxMessageLength: number): string {
  return `Message length exceeds configured threshold of ${maxMessageLength} characters`;
}

/** R-PREPROC: `No preprocessor function provided. Type provided was '<typeof value>'.` */
export function noPreprocessor(value: unknown): string {
  return `No preprocessor function provided. Type provided was '${typeof value}'.`;
}

/** R-CMD-UNSUP: the product pattern for unsupported commands with no documented text. */
export function commandUnsupported(command: string): string {
  return `This transport doesn't support ${command} command.`;
}

/** cxbus.md §6: a plugin that never became ready. */
export function pluginNotReady(namespace: string, timeoutMs: number): string {
  return `Plugin '${namespace}' did not become ready within ${timeoutMs} ms`;
}

/**
 * Product (issue 6): a command that did not settle within its bound (the network calls under it
 * have their own timeouts; this is the backstop that keeps any caller from waiting forever). An
 * `AjaxFailure`-shaped object, so pages that read `status`/`statusText` treat it as a timeout.
 */
export function commandTimedOut(command: string, timeoutMs: number): { status: 0; statusText: 'timeout'; errorReason: 'CommandTimeout'; command: string; timeoutMs: number } {
  return { status: 0, statusText: 'timeout', errorReason: 'CommandTimeout', command, timeoutMs };
}

/** R-START-LOCK: the cross-tab start lock rejection is an object, not a string (gms only). */
export const startLockRejection = Object.freeze({ statusCode: 1 as const });

/**
 * A legacy page's transport module did not load, or loaded without registering (webchat-rx's own
 * text: the shipped product has no such file). The page gets it from every WebChatService command.
 */
export function transportModuleMissing(url: string): string {
  return `Could not load transport module '${url}'. Put it in the folder of webchat-rx.cxbus.min.js (same build), or load webchat-rx.cxbus.all.min.js instead.`;
}

/** The config selects a back end the service was composed without (`composeWebChatService`). */
export function transportNotComposed(transportId: string): string {
  return `Transport '${transportId}' is not in this build: pass its factory from 'webchat-rx/transports/${transportId}' to composeWebChatService.`;
}
