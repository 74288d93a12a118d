import type { WebChatCommandName } from './commands';
import type { TransportId } from './config';
import { Rejections, commandUnsupported } from './rejections';

/** The capabilities object published as `capabilitiesChanged` and `data.capabilities` (`contract.md` §3). */
export interface Capabilities {
  async: boolean;
  asyncClose: 'hideChat' | 'endChat';
  pagination: boolean;
  fileUpload: boolean;
}

/** Commands a back end refuses, each with the contract's exact rejection text (§5). */
export type Refusals = Partial<Record<WebChatCommandName, string>>;

/** One column of the `contract.md` §7 support matrix: what a back end cannot carry, and when. */
export interface UnsupportedCommands {
  /** Refused whatever the state. */
  always: Refusals;
  /** Refused only while a session is active (§6.9, §6.10). */
  inSession: Refusals;
  /** Refused while `capabilities.pagination` is off: sync mode (§6.18 `fetchHistory` "async only"). */
  withoutPagination: Refusals;
}

const noPolling: Refusals = { pausePoll: commandUnsupported('pausePoll') };
const noFileCommands: Refusals = { downloadFile: commandUnsupported('downloadFile'), getFileLimits: commandUnsupported('getFileLimits') };
const historyAsyncOnly: Refusals = { fetchHistory: Rejections.historyAsync };

/**
 * The `contract.md` §7 support matrix, the only place that says which back end refuses which
 * command: the engine looks a command up here before its epic sees it (§5 check order: private
 * access → transport support → session state → arguments). `gms-v2-cometd` is the shipped CometD
 * column (`cometD.enabled: true`).
 */
export const unsupportedCommands: Record<TransportId, UnsupportedCommands> = {
  'gms-v2': { always: {}, inSession: {}, withoutPagination: historyAsyncOnly },
  'gms-v2-cometd': {
    always: {
      poll: Rejections.pollCometD,
      startPoll: Rejections.pollCometD,
      stopPoll: Rejections.pollCometD,
      ...noPolling,
    },
    inSession: {},
    withoutPagination: historyAsyncOnly,
  },
  'nexus-v3': {
    always: {
      sendCustomNotice: Rejections.noticeUnsupported,
      resetPollExceptions: Rejections.resetPollExceptionsUnsupported,
      ...noFileCommands,
    },
    inSession: {},
    withoutPagination: historyAsyncOnly,
  },
  'purecloud-v2': {
    always: {
      sendCustomNotice: Rejections.noticeUnsupported,
      poll: Rejections.pollUnsupported,
      startPoll: Rejections.pollUnsupported2,
      stopPoll: Rejections.pollUnsupported2,
      ...noPolling,
      resetPollExceptions: Rejections.resetPollExceptionsUnsupported,
      sendFile: Rejections.fileUnsupported,
      ...noFileCommands,
    },
    inSession: { updateUserData: Rejections.userDataUnsupported, updateInteractionData: Rejections.interactionDataUnsupported },
    withoutPagination: historyAsyncOnly,
  },
};

/**
 * The rejection text when `transportId` cannot carry `command` with these capabilities, else
 * `undefined`; `sessionActive` adds the in-session column.
 *
 * @example
 * refusal('purecloud-v2', 'poll', capabilities) // "This transport doesn't support polling."
 * refusal('nexus-v3', 'fetchHistory', { ...capabilities, pagination: true }) // undefined
 * refusal('purecloud-v2', 'updateUserData', capabilities, true) // R-UD-UNSUP
 */
export function refusal(transportId: TransportId, command: WebChatCommandName, capabilities: Capabilities, sessionActive = false): string | undefined {
  const column = unsupportedCommands[transportId];
  return column.always[command] ?? (sessionActive ? column.inSession[command] : undefined) ?? (capabilities.pagination ? undefined : column.withoutPagination[command]);
}
