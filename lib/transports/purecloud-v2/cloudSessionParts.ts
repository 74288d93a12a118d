import type { Observable } from 'rxjs';
import type { ResolvedConfig } from '../../model/config';
import type { HttpRequest, Platform } from '../../platform/platform';
import type { CloudReply } from './cloudCall';
import type { CloudIdentity, CloudKeys } from './cloudKeys';
import type { CloudRequests } from './cloudRequests';
import type { CloudTranscript } from './cloudTranscript';
import type { HeldConnection } from './heldConnection';
import type { MemberRoster } from './memberRoster';
import type { ResponseGate } from './responseGate';

/** What a cloud session is made of: the transport's shared parts and this conversation's state. */
export interface CloudSessionParts {
  config: ResolvedConfig;
  platform: Platform;
  keys: CloudKeys;
  requests: CloudRequests;
  call: (request: HttpRequest) => Observable<CloudReply>;
  gate: ResponseGate;
  identity: CloudIdentity;
  /** The event stream, already open. */
  connection: HeldConnection;
  transcript: CloudTranscript;
  roster: MemberRoster;
  /** Whether `fetchHistory` already reached the first message (restore read everything, or the last page was short). */
  historyDone: boolean;
  /** A start, not a restore: once receiving, ask the server for the guest's own member (§7 Start, the §8 example). */
  confirmSelf?: boolean;
}
