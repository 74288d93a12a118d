import type { ResolvedConfig } from '../../model/config';
import type { FormField, HttpRequest } from '../../platform/platform';
import { gmsHeaders } from '../gms-v2/gmsRequests';
import type { GmsIdentity } from '../gms-v2/gmsWire';
import type { GmsCometdSettings } from './gmsCometdConfig';

/** The data of one publish on the service channel: `{operation, …params}` (`wire-gms-v2.md` §11). */
export type CometdOperation = Record<string, unknown> & { operation: string };

/** The publishes and the file requests of GMS over CometD (`wire-gms-v2.md` §11). */
export interface GmsCometdRequests {
  /** An operation of the chat `id`: its params with the identity (`secureKey`, and `chatId`, `alias`, `userId` as WebChatService adds them). */
  operation(id: GmsIdentity, operation: string, params?: Record<string, unknown>): CometdOperation;
  /** `POST {apiURL}` multipart with `operation` and the identity: `fileGetLimits`, `fileUpload` (+`file`), `fileDownload` (+`fileId`, a blob). */
  file(id: GmsIdentity, operation: 'fileGetLimits' | 'fileUpload' | 'fileDownload', extra?: { file?: Blob; fileName?: string; fileId?: string }): HttpRequest;
  /** The headers of the Bayeux long-polling requests: `apikey`, and with `enableCustomHeader` `main.header`'s (§16). */
  headers(): Record<string, string>;
}

/**
 * Builds the CometD publishes and the `chat-ntf` file requests from the resolved config. The
 * identity travels in every operation after `requestChat`; `userData` stays a nested object.
 *
 * @example
 * link.publish(requests.operation(id, 'sendMessage', { message: 'hi', messageType: 'text' }));
 *
 * @param config The resolved config (headers are read when a request is built: `App.updateAJAXHeader`).
 * @param settings The `cometD.*` settings.
 */
export function gmsCometdRequests(config: ResolvedConfig, settings: GmsCometdSettings): GmsCometdRequests {
  const identity = (id: GmsIdentity): FormField[] => [
    ['chatId', id.chatId],
    ['secureKey', id.secureKey],
    ['alias', id.alias],
    ['userId', id.userId],
  ];
  return {
    operation: (id, operation, params = {}) => ({ operation, ...Object.fromEntries(identity(id)), ...params }),
    file: (id, operation, extra = {}) => ({
      method: 'POST',
      url: settings.apiURL,
      headers: gmsHeaders(config),
      body: {
        kind: 'multipart',
        fields: [['operation', operation], ...identity(id), ...(extra.fileId !== undefined ? ([['fileId', extra.fileId]] as FormField[]) : [])],
        files: extra.file ? [{ name: 'file', file: extra.file, fileName: extra.fileName ?? 'file' }] : [],
      },
      timeout: operation === 'fileUpload' ? config.fileUploadTimeout : config.ajaxTimeout,
      withCredentials: config.withCredentials,
      ...(operation === 'fileDownload' ? { responseType: 'blob' as const } : {}),
    }),
    headers: () => gmsHeaders(config),
  };
}
