import { Observable, defer, map, of, switchMap } from 'rxjs';
import type { StartOutcome, StartRequest } from '../transport';
import { createNexusSession } from './createNexusSession';
import type { NexusSessionContext } from './createNexusSession';
import { createSessionFields } from './createSessionFields';
import { decodeClientToken } from './decodeClientToken';
import type { NexusReply } from './nexusCall';
import { nexusOutcome } from './nexusOutcome';

/**
 * Emits the outcome of `startChat` on Nexus (`wire-nexus-v3.md` §6.1), then completes: the create
 * POST, the `clientToken` decoded into the session ids, the keys persisted (sync) or handed to
 * `getSessionData({messageIndex: null, token})` (async). A reply without a readable
 * `data.clientToken` is a start failure. The customer's join arrives with the first poll.
 *
 * Async mode sends a stored token (from `setSessionData`) as `x-nexus-client-key`; when the server
 * no longer knows it (401/404/`INVALID_SESSION`), `deleteSessionData` is called and the create is
 * retried once without it (product rule, §6.1).
 *
 * @example
 * startNexusSession(context, { form: { firstname: 'Jane' }, userData: {}, interactionData: {} })
 *   .subscribe((outcome) => outcome.ok && outcome.body.session.receive(control$));
 *
 * @param context The transport's shared session context.
 * @param request The merged start request.
 */
export function startNexusSession(context: NexusSessionContext, request: StartRequest): Observable<StartOutcome> {
  const { config, platform, call, requests, keys, asyncStorage } = context;
  const fields = createSessionFields(config, request.form, request.userData);
  const create = (token?: string) => call(requests.create(fields, token), token ? 'resume' : 'create');
  const stored$ = asyncStorage ? asyncStorage.read() : of(undefined);

  return defer(() => stored$).pipe(
    switchMap((storedToken) => {
      if (!storedToken) return create();
      return create(storedToken).pipe(
        switchMap((reply): Observable<NexusReply> => {
          if (reply.verdict !== 'sessionLost' && reply.response.status !== 401) return of(reply);
          asyncStorage?.remove({ sessionData: { ...decodeClientToken(storedToken), token: storedToken }, response: reply.body });
          return create();
        }),
      );
    }),
    map((reply): StartOutcome => {
      const outcome = nexusOutcome(reply, platform.now());
      if (!outcome.ok) return outcome;
      const data = reply.body.data as { clientToken?: unknown } | undefined;
      const token = data?.clientToken;
      const ids = decodeClientToken(token);
      if (typeof token !== 'string' || !ids) {
        return { ok: false, verdict: 'refused', failure: { ...reply.body, errors: [{ code: 'StartFailed', response: reply.body }] } };
      }
      const session = createNexusSession(context, { ...ids, token }, false);
      keys?.saveSession(ids.sessionId, token, platform.now());
      asyncStorage?.write({ messageIndex: null, token });
      return { ok: true, verdict: 'ok', body: { response: reply.body, session } };
    }),
  );
}
