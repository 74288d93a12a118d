import type { ResolvedConfig } from '../../model/config';
import type { FormField, HttpBody, HttpRequest } from '../../platform/platform';
import type { GmsIdentity } from './gmsWire';

/** The request builders of the GMS Chat v2 endpoints (`wire-gms-v2.md` §5). */
export interface GmsRequests {
  /** `POST {dataURL}` (with the trailing slash when `enableUrlTrailingSlash`): the create request (§5.1). */
  create(fields: readonly FormField[]): HttpRequest;
  /** `POST {dataURL}/{chatId}/{op}` with the identity triple and `fields` (§5.2–§5.8). */
  command(id: GmsIdentity, op: string, fields?: readonly FormField[], timeout?: number): HttpRequest;
  /** `POST …/refresh` from `position`, carrying the typing preview as `message` (§5.2, §11.1). */
  refresh(id: GmsIdentity, position: number, preview: string): HttpRequest;
  /** `POST …/file` as multipart, under `fileUploadTimeout` (§5.9). */
  upload(id: GmsIdentity, file: File | Blob, fileName: string): HttpRequest;
  /** `POST …/file/{fileId}/download`, answered with a blob (§5.10). */
  download(id: GmsIdentity, fileId: string): HttpRequest;
}

/**
 * Builds every GMS request from the resolved config. Headers are read at build time: `apikey`,
 * and with `enableCustomHeader` the `Authorization`/`apikey` of `main.header` (§16; the page may
 * change them with `App.updateAJAXHeader`).
 *
 * @example
 * call(gmsRequests(config).refresh(id, 1, '')).subscribe(…);
 *
 * @param config The resolved config.
 */
export function gmsRequests(config: ResolvedConfig): GmsRequests {
  const headers = () => gmsHeaders(config);
  const post = (url: string, body: HttpBody, timeout = config.ajaxTimeout): HttpRequest => ({
    method: 'POST',
    url,
    headers: headers(),
    body,
    timeout,
    withCredentials: config.withCredentials,
  });
  const ops = (id: GmsIdentity, op: string) => `${config.dataURL}/${encodeURIComponent(id.chatId)}/${op}`;
  const triple = (id: GmsIdentity): FormField[] => [
    ['userId', id.userId],
    ['secureKey', id.secureKey],
    ['alias', id.alias],
  ];
  const form = (fields: FormField[]): HttpBody => ({ kind: 'form', fields });
  return {
    create: (fields) => post(config.enableUrlTrailingSlash ? `${config.dataURL}/` : config.dataURL, form([...fields])),
    command: (id, op, fields = [], timeout) => post(ops(id, op), form([...triple(id), ...fields]), timeout),
    refresh: (id, position, preview) => post(ops(id, 'refresh'), form([...triple(id), ['transcriptPosition', String(position)], ['message', preview]])),
    upload: (id, file, fileName) =>
      post(ops(id, 'file'), { kind: 'multipart', fields: triple(id), files: [{ name: 'file', file, fileName }] }, config.fileUploadTimeout),
    download: (id, fileId) => ({ ...post(ops(id, `file/${encodeURIComponent(fileId)}/download`), form(triple(id))), responseType: 'blob' }),
  };
}

/**
 * The headers of every GMS request, read when it is built: `apikey`, and with `enableCustomHeader`
 * the `Authorization`/`apikey` of `main.header` (§16; the page may change them with `App.updateAJAXHeader`).
 * GMS over CometD sends the same on its long-polling and file requests.
 */
export function gmsHeaders(config: Pick<ResolvedConfig, 'apikey' | 'enableCustomHeader' | 'main'>): Record<string, string> {
  const result: Record<string, string> = {};
  if (config.apikey) result.apikey = config.apikey;
  if (config.enableCustomHeader) {
    const header = config.main.header ?? {};
    if (header.Authorization) result.Authorization = header.Authorization;
    if (header.apikey) result.apikey = header.apikey;
  }
  return result;
}
