import { Observable, defer, from, map } from 'rxjs';

/**
 * Emits the `data:` URL of a Blob, then completes (`wire-nexus-v3.md` §6.7). Reads the bytes with
 * `Blob.arrayBuffer()` (browsers and Node 20 alike), so no FileReader is needed.
 *
 * @example
 * blobToDataUrl(response.blob, 'image/png').subscribe((url) => (content.url = url)); // 'data:image/png;base64,iVBO…'
 *
 * @param blob The image bytes.
 * @param fallbackMime The type to use when the blob has none (the message's `mime`).
 */
export function blobToDataUrl(blob: Blob, fallbackMime = 'application/octet-stream'): Observable<string> {
  return defer(() => from(blob.arrayBuffer())).pipe(
    map((buffer) => {
      const bytes = new Uint8Array(buffer);
      let binary = '';
      // Chunked: String.fromCharCode over a whole large image would overflow the argument stack.
      for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      return `data:${blob.type || fallbackMime};base64,${btoa(binary)}`;
    }),
  );
}
