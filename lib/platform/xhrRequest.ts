import { Observable } from 'rxjs';

/** One XMLHttpRequest to send; see {@link xhrRequest}. */
export interface XhrRequest {
  method: string;
  url: string;
  /** Names are sent lower-cased; a later name overrides an earlier one of any case. */
  headers: Record<string, string>;
  /** Sent as is (string, FormData, ArrayBuffer); falsy sends none. */
  body: unknown;
  /** Milliseconds; 0 is none. */
  timeout: number;
  withCredentials: boolean;
  responseType: XMLHttpRequestResponseType;
}

/** How one request ended: `load` with the XHR to read (any HTTP status), or a failure without an answer. */
export type XhrOutcome = { kind: 'load'; xhr: XMLHttpRequest } | { kind: 'timeout' | 'error' };

/**
 * One request as an Observable (the part of `rxjs/ajax` the platform used, in a few hundred bytes):
 * emits one {@link XhrOutcome} then completes, never errors (a throwing `open`/`send` is `error`);
 * unsubscribing before the answer aborts the request.
 *
 * @example
 * xhrRequest(() => new XMLHttpRequest(), { method: 'GET', url, headers: {}, body: undefined, timeout: 0, withCredentials: false, responseType: 'text' })
 *
 * @param createXHR The XMLHttpRequest factory (xhr2 in Node).
 * @param request What to send.
 */
export function xhrRequest(createXHR: () => XMLHttpRequest, request: XhrRequest): Observable<XhrOutcome> {
  return new Observable<XhrOutcome>((subscriber) => {
    const xhr = createXHR();
    const end = (outcome: XhrOutcome) => {
      subscriber.next(outcome);
      subscriber.complete();
    };
    xhr.addEventListener('load', () => end({ kind: 'load', xhr }));
    xhr.addEventListener('timeout', () => end({ kind: 'timeout' }));
    xhr.addEventListener('error', () => end({ kind: 'error' }));
    xhr.addEventListener('abort', () => end({ kind: 'error' }));
    try {
      xhr.open(request.method, request.url, true);
      xhr.timeout = request.timeout;
      xhr.responseType = request.responseType;
      xhr.withCredentials = request.withCredentials;
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(request.headers)) headers[name.toLowerCase()] = value;
      for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
      if (request.body) xhr.send(request.body as XMLHttpRequestBodyInit);
      else xhr.send();
    } catch {
      end({ kind: 'error' });
    }
    return () => {
      if (xhr.readyState !== 4) xhr.abort();
    };
  });
}
