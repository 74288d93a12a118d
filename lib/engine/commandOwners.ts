import type { WebChatCommandName } from '../model/commands';
import type { CommandEpic } from './chatEpic';
import { filesEpic } from './filesEpic';
import { filtersEpic } from './filtersEpic';
import { historyEpic } from './historyEpic';
import { pollControlEpic } from './pollControlEpic';
import { readEpic } from './readEpic';
import { restoreEpic } from './restoreEpic';
import { sendEpic } from './sendEpic';
import { sessionEpic } from './sessionEpic';
import { typingEpic } from './typingEpic';
import { userDataEpic } from './userDataEpic';

/**
 * Which epic answers each command of the contract (§6): the index from a reference-page command
 * name to its file. Exhaustive: a new command fails to compile until it has an owner.
 */
export const commandOwners: { readonly [K in WebChatCommandName]: CommandEpic<WebChatCommandName> } = {
  configure: sessionEpic,
  startChat: sessionEpic,
  endChat: sessionEpic,
  restore: restoreEpic,
  asyncRestore: restoreEpic,
  verifySession: restoreEpic,
  sendMessage: sendEpic,
  sendFilteredMessage: sendEpic,
  sendCustomNotice: sendEpic,
  sendTyping: typingEpic,
  registerTypingPreviewInput: typingEpic,
  poll: pollControlEpic,
  startPoll: pollControlEpic,
  stopPoll: pollControlEpic,
  pausePoll: pollControlEpic,
  resetPollExceptions: pollControlEpic,
  sleep: pollControlEpic,
  wake: pollControlEpic,
  fetchHistory: historyEpic,
  updateUserData: userDataEpic,
  updateInteractionData: userDataEpic,
  getFileLimits: filesEpic,
  sendFile: filesEpic,
  downloadFile: filesEpic,
  addPrefilter: filtersEpic,
  registerPreProcessor: filtersEpic,
  getTranscript: readEpic,
  getAgents: readEpic,
  getStats: readEpic,
  getSessionData: readEpic,
};
