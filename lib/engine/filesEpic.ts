import { EMPTY, concat, concatMap, defer, from, of, take } from 'rxjs';
import type { Observable } from 'rxjs';
import { Rejections } from '../model/rejections';
import { commandEpic, isActive, reject, settle, settled } from './chatEpic';
import type { EngineEvent } from './engineEvent';
import { published } from './engineEvent';

/** Files: `getFileLimits`, `sendFile` (§6.17) and `downloadFile`. */
export const filesEpic = commandEpic({
  getFileLimits: (_options, _command, state$, deps) => {
    if (!isActive(state$, deps)) return reject(Rejections.noSession);
    const session = deps.engine.runtime!.session;
    const limits = session.getFileLimits;
    if (!limits) return reject(Rejections.fileUnsupported);
    return limits.call(session).pipe(take(1), concatMap(settle));
  },

  sendFile: (options, _command, state$, deps) => {
    if (!isActive(state$, deps)) return reject(Rejections.noSession);
    const session = deps.engine.runtime!.session;
    const upload = session.sendFile;
    if (!upload) return reject(Rejections.fileUnsupported);
    const files = readFiles(options.files);
    if (files === null) return reject(Rejections.noFormData);
    if (files.length === 0) return reject({ errors: [{ code: 'NoFiles', advice: 'No file provided' }], errorReason: 'FileUploadError' });
    return defer(() => {
      let last: unknown;
      const uploads$ = from(files).pipe(
        concatMap((file) =>
          upload.call(session, file, fileNameOf(file)).pipe(
            take(1),
            concatMap((outcome): Observable<EngineEvent> => {
              if (outcome.ok) {
                last = outcome.body;
                return EMPTY;
              }
              // The first failure: an `error` event, then the rejection (the later files are not sent).
              const failure = tagUploadFailure(outcome.failure as Record<string, unknown>, fileNameOf(file));
              return concat(of(published('error', failure)), reject(failure));
            }),
          ),
        ),
      );
      // Never empty here (no files was rejected above): the last upload's answer.
      return concat(uploads$, defer(() => of(settled(last))));
    });
  },

  downloadFile: (options, _command, state$, deps) => {
    if (!isActive(state$, deps)) return reject(Rejections.noSession);
    const session = deps.engine.runtime!.session;
    const download = session.downloadFile;
    if (!download) return reject(Rejections.fileUnsupported);
    const fileId = options.fileId ?? options.field;
    if (typeof fileId !== 'string' && typeof fileId !== 'number') return reject({ status: 0, statusText: 'error', errorReason: 'InvalidFileId' });
    const fileName = typeof options.fileName === 'string' ? options.fileName : undefined;
    return download.call(session, String(fileId), fileName).pipe(take(1), concatMap(settle));
  },
});

/**
 * `sendFile`'s `files` (§6.17): an `<input type=file>`, a jQuery-like wrapper of one, a FileList, a
 * File/Blob, or an array of them. `null` where the platform has no File support at all.
 */
function readFiles(value: unknown): Blob[] | null {
  if (typeof Blob === 'undefined') return null;
  const candidates: unknown[] = [];
  const visit = (v: unknown): void => {
    if (v instanceof Blob) candidates.push(v);
    else if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === 'object') {
      const o = v as { files?: unknown; length?: unknown; jquery?: unknown; 0?: unknown };
      if (o.files && typeof o.files === 'object') visit(Array.from(o.files as ArrayLike<unknown>));
      else if (o.jquery !== undefined || (typeof o.length === 'number' && o[0] !== undefined)) visit(o[0]);
    }
  };
  visit(value);
  return candidates as Blob[];
}

function fileNameOf(file: Blob): string {
  const name = (file as { name?: unknown }).name;
  return typeof name === 'string' && name ? name : 'file';
}

/** Upload failures carry `errorReason: 'FileUploadError'` and the file name on each error (§4). */
function tagUploadFailure(failure: Record<string, unknown>, fileName: string): Record<string, unknown> {
  const json = failure.responseJSON && typeof failure.responseJSON === 'object' ? (failure.responseJSON as Record<string, unknown>) : {};
  const listed = Array.isArray(json.errors) ? json.errors : Array.isArray(failure.errors) ? failure.errors : [{}];
  const errors = listed.map((e) => ({ ...(e && typeof e === 'object' ? e : {}), fileName }));
  return { ...failure, errors, errorReason: 'FileUploadError' };
}

