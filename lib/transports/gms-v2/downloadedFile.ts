import type { HttpResponse } from '../../platform/platform';
import type { Outcome } from '../transport';

/**
 * A file download's answer as `downloadFile` resolves it (`wire-gms-v2.md` §5.10): the blob with
 * its name (the caller's, else the `Content-Disposition` one, else the id); any other answer is a
 * refusal, status 0 a network failure.
 *
 * @example
 * platform.http(requests.download(id, fileId)).pipe(map((response) => downloadedFile(response, fileId)));
 */
export function downloadedFile(response: HttpResponse, fileId: string, fileName?: string): Outcome<Record<string, unknown>> {
  if (response.status >= 200 && response.status < 300 && response.blob) {
    const disposition = /filename="?([^";]+)"?/.exec(response.headers['content-disposition'] ?? '');
    return { ok: true, verdict: 'ok', body: { fileId, fileName: fileName ?? disposition?.[1] ?? fileId, blob: response.blob } };
  }
  return { ok: false, verdict: response.status === 0 ? 'networkDown' : 'refused', failure: { status: response.status, statusText: response.statusText } };
}
