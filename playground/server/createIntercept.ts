import type { RequestHandler, Response } from 'express';
import { HTTP_FAULT_KINDS, type FaultController, type FaultRule, type HttpFaultKind } from './faults';
import type { InterceptOptions, RequestLogEntry } from './protocol';
import { followReply, requestDetail } from './requestDetail';
import type { Timers } from './timers';

/** The HTTP status each error kind answers with unless the rule sets `status`. */
const STATUS: Partial<Record<HttpFaultKind, number>> = { http500: 500, http502: 502, http503: 503, http429: 429, plain403: 403 };

/**
 * Builds `ProtocolContext.intercept`: a per-route middleware that logs the request and applies the
 * generic HTTP faults, so every protocol gets them without code of its own.
 *
 * @example
 * const intercept = createIntercept({ faults, timers, record });
 * router.post('/x/:id/refresh', intercept({ transport: 'gms-v2', route: 'refresh', sessionId: (req) => req.params.id }), handler);
 *
 * @param deps The fault controller, the timers to delay with, and the request log writer.
 */
export function createIntercept(deps: {
  faults: FaultController;
  timers: Timers;
  record: (entry: Omit<RequestLogEntry, 'time'>) => void;
  /** Attach a `detail` to each entry (`PlaygroundOptions.recordRequests`). */
  recordRequests?: boolean;
}): (options: InterceptOptions) => RequestHandler {
  return (options) => (req, res, next) => {
    const sessionId = options.sessionId?.(req);
    const rule = deps.faults.take(options.transport, options.route, sessionId, HTTP_FAULT_KINDS);
    const detail = deps.recordRequests ? requestDetail(req) : undefined;
    if (detail) followReply(req, res, detail);
    deps.record({
      method: req.method,
      path: req.path,
      transport: options.transport,
      route: options.route,
      ...(sessionId !== undefined ? { sessionId } : {}),
      ...(rule ? { fault: rule.kind } : {}),
      ...(detail ? { detail } : {}),
    });
    if (!rule) return next();
    applyHttpFault(rule as FaultRule & { kind: HttpFaultKind }, res, options, deps.timers, next);
  };
}

function applyHttpFault(rule: FaultRule & { kind: HttpFaultKind }, res: Response, options: InterceptOptions, timers: Timers, next: () => void): void {
  switch (rule.kind) {
    case 'timeout':
      // Never answer: the client's own timeout must fire. `close()` destroys the connection.
      return;
    case 'drop':
      res.socket?.destroy();
      return;
    case 'slow':
      timers.after(rule.delayMs ?? 2000, next);
      return;
    case 'malformedJson':
      res.status(200).type('application/json').send('{"statusCode":0,"messages":[{"index":<oops>');
      return;
    case 'truncatedJson': {
      // Let the route build its real answer, then cut it: a proxy that closed the stream midway.
      const send = res.send.bind(res);
      res.json = (body: unknown) => {
        const text = JSON.stringify(body) ?? '';
        res.type('application/json');
        return send(text.slice(0, Math.max(1, Math.floor(text.length / 2))));
      };
      next();
      return;
    }
    case 'plain403':
      // A WAF in front of the server answers before the application: text, never the protocol's JSON.
      res.status(rule.status ?? 403).type('text/plain').send('Forbidden');
      return;
    default: {
      const status = rule.status ?? STATUS[rule.kind] ?? 500;
      if (rule.kind === 'http429') res.set('Retry-After', String(rule.retryAfter ?? 1));
      const body = options.errorBody?.(rule.kind, status, rule);
      if (body === undefined) res.status(status).end();
      else res.status(status).json(body);
    }
  }
}
