import type { WebChatCommandName } from '../../model/commands';
import { Rejections, commandUnsupported } from '../../model/rejections';

/**
 * Commands the Genesys Cloud guest chat cannot carry, with the contract's exact texts
 * (`contract.md` §7 matrix, `wire-purecloud-v2.md` §2.7, §7): no polling, no custom notices, no
 * files (the API has media requests, not uploads). `fetchHistory` is refused by the service from
 * `capabilities.pagination`; `asyncRestore` resolves and does nothing (§6.15).
 */
export const cloudUnsupported: Partial<Record<WebChatCommandName, string>> = {
  sendCustomNotice: Rejections.noticeUnsupported,
  poll: Rejections.pollUnsupported,
  startPoll: Rejections.pollUnsupported2,
  stopPoll: Rejections.pollUnsupported2,
  pausePoll: commandUnsupported('pausePoll'),
  resetPollExceptions: Rejections.resetPollExceptionsUnsupported,
  sendFile: Rejections.fileUnsupported,
  downloadFile: commandUnsupported('downloadFile'),
  getFileLimits: commandUnsupported('getFileLimits'),
};

/** Commands refused only while a chat is active (`contract.md` §6.9, §6.10). */
export const cloudUnsupportedInSession: Partial<Record<WebChatCommandName, string>> = {
  updateUserData: Rejections.userDataUnsupported,
  updateInteractionData: Rejections.interactionDataUnsupported,
};
