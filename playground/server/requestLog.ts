/**
 * What the playground records of a request (`Playground.requestLog`, `recordRequests`): plain data,
 * no server types, so the published declarations of `webchat-rx/playground` need no express types.
 */

/** One request as the wire saw it, with every secret replaced by `redactSecret`. */
export interface RequestDetail {
  method: string;
  /** The path, with any JWT segment redacted (the Cloud stream URI embeds the guest token). */
  path: string;
  /** Raw query parameters (strings, as sent). */
  query: Record<string, string>;
  /** Only the headers that matter on these wires (lower-case names), see `RECORDED_HEADERS`. */
  headers: Record<string, string>;
  /** `form`: urlencoded; `multipart`; `json`; `none`: no body. */
  body: 'none' | 'form' | 'multipart' | 'json';
  /** Text fields of a form or multipart body, with flat bracket keys (`data[userData][k]`). */
  fields: Record<string, string>;
  /** The file parts of a multipart body. */
  files: Array<{ field: string; name: string; type: string }>;
  /** A JSON body, parsed. */
  json?: unknown;
  /** The answer: HTTP status and, for a JSON answer, its body. */
  reply?: { status: number; json?: unknown };
}

/** One chat-protocol request, as recorded in `Playground.requestLog` (the benchmarks count them). */
export interface RequestLogEntry {
  /** Epoch ms. */
  time: number;
  method: string;
  path: string;
  transport: string;
  route: string;
  sessionId?: string;
  /** The fault applied to it, if any. */
  fault?: string;
  /** With `recordRequests: true` only: what was sent (and answered), secrets redacted. */
  detail?: RequestDetail;
}
