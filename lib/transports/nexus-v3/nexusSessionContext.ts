import type { Observable } from 'rxjs';
import type { ResolvedConfig } from '../../model/config';
import type { Platform } from '../../platform/platform';
import type { ReceiveSignal, TransportSession } from '../transport';
import type { NexusAsyncStorage } from './nexusAsyncStorage';
import type { NexusCaller, NexusReply } from './nexusCall';
import type { NexusKeys } from './nexusKeys';
import type { NexusPage } from './nexusPages';
import type { NexusMessagesQuery, NexusRequests } from './nexusRequests';

/** What every Nexus session of one transport shares. */
export interface NexusSessionContext {
  config: ResolvedConfig;
  platform: Platform;
  call: NexusCaller;
  requests: NexusRequests;
  /** Each answered request's verdict as a `response` signal (the transport's health, `answeredResponses`). */
  answered$: Observable<ReceiveSignal>;
  /** Sync mode: the persisted keys (`contract.md` §14.1). */
  keys?: NexusKeys;
  /** Async mode: the integrator's storage (`contract.md` §14.5). */
  asyncStorage?: NexusAsyncStorage;
}

/** A {@link TransportSession} that also fetches pages for the restore replay. */
export interface NexusSession extends TransportSession {
  /** `GET messages` with `index`/`count`, images inlined; the page's items become the cursor. */
  fetchPage(query: NexusMessagesQuery): Observable<NexusPage>;
  /** Persist the cursor and call `getSessionData` (after a restore replay was handed over). */
  persist(): void;
  /** Clear keys and call `deleteSessionData`, once (session lost); the `sessionLost` signal to publish. */
  lose(reply: NexusReply): Extract<ReceiveSignal, { type: 'sessionLost' }>;
}
