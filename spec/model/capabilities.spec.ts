import { refusal, unsupportedCommands } from '../../lib/model/capabilities';
import type { Capabilities } from '../../lib/model/capabilities';
import { webChatCommandNames } from '../../lib/model/commands';
import type { TransportId } from '../../lib/model/config';
import { Rejections, commandUnsupported } from '../../lib/model/rejections';

const sync: Capabilities = { async: false, asyncClose: 'hideChat', pagination: false, fileUpload: true };
const paged: Capabilities = { ...sync, pagination: true };

/** Every command `transportId` refuses with these capabilities, and the text. */
const refused = (transportId: TransportId, capabilities: Capabilities, sessionActive = false) =>
  Object.fromEntries(webChatCommandNames.flatMap((name) => {
    const text = refusal(transportId, name, capabilities, sessionActive);
    return text ? [[name, text]] : [];
  }));

describe('the §7 support matrix (model/capabilities unsupportedCommands)', () => {
  it('has a column for every back end of §7, CometD included', () => {
    expect(Object.keys(unsupportedCommands).sort()).toEqual(['gms-v2', 'gms-v2-cometd', 'nexus-v3', 'purecloud-v2']);
  });

  it('gms-v2 REST refuses only fetchHistory (R-HIST-ASYNC), with or without a session', () => {
    expect(refused('gms-v2', sync)).toEqual({ fetchHistory: Rejections.historyAsync });
    expect(refused('gms-v2', sync, true)).toEqual({ fetchHistory: Rejections.historyAsync });
  });

  it('gms-v2 CometD: R-POLL-COMETD for poll/startPoll/stopPoll, R-CMD-UNSUP for pausePoll, history only when async', () => {
    const polling = {
      poll: 'Polling is not supported when using CometD',
      startPoll: 'Polling is not supported when using CometD',
      stopPoll: 'Polling is not supported when using CometD',
      pausePoll: commandUnsupported('pausePoll'),
    };
    expect(refused('gms-v2-cometd', sync)).toEqual({ ...polling, fetchHistory: Rejections.historyAsync });
    expect(refused('gms-v2-cometd', paged)).toEqual(polling);
  });

  it('nexus-v3: no notices, no poll-exception reset, no download or limits; history only in async mode', () => {
    const always = {
      sendCustomNotice: Rejections.noticeUnsupported,
      resetPollExceptions: Rejections.resetPollExceptionsUnsupported,
      downloadFile: commandUnsupported('downloadFile'),
      getFileLimits: commandUnsupported('getFileLimits'),
    };
    expect(refused('nexus-v3', sync)).toEqual({ ...always, fetchHistory: Rejections.historyAsync });
    expect(refused('nexus-v3', paged, true)).toEqual(always);
  });

  it('purecloud-v2: no polling, notices or files; userData and interactionData refused only in a session', () => {
    const always = {
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
    expect(refused('purecloud-v2', paged)).toEqual(always);
    expect(refused('purecloud-v2', sync)).toEqual({ ...always, fetchHistory: Rejections.historyAsync });
    expect(refused('purecloud-v2', paged, true)).toEqual({
      ...always,
      updateUserData: Rejections.userDataUnsupported,
      updateInteractionData: Rejections.interactionDataUnsupported,
    });
  });
});
