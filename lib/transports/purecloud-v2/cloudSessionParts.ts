import type { CloudContext } from './cloudContext';
import type { CloudIdentity } from './cloudKeys';
import type { CloudTranscript } from './cloudTranscript';
import type { HeldConnection } from './heldConnection';
import type { MemberRoster } from './memberRoster';

/** What a cloud session is made of: the transport's shared parts and this conversation's state. */
export interface CloudSessionParts extends Omit<CloudContext, 'connect'> {
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
