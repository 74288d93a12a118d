import { Observable, concatMap, defer, of } from 'rxjs';
import type { Outcome, StartOutcome, StartRequest } from '../transport';
import { replyOutcome } from './cloudCall';
import { socketFailure, whenOpen } from './cloudContext';
import type { CloudContext } from './cloudContext';
import { cloudErrors } from './cloudErrors';
import type { CloudIdentity } from './cloudKeys';
import { cloudTranscript } from './cloudTranscript';
import { createCloudSession } from './createCloudSession';
import { createConversationBody } from './createConversationBody';
import { memberRoster } from './memberRoster';

/**
 * Emits the outcome of `startChat` on Genesys Cloud (`wire-purecloud-v2.md` §7 Start), then
 * completes: `POST conversations` → persist the keys → open the event stream → `ok` with the guest's
 * synthetic `ParticipantJoined` (the conversation is routed only once the socket is on). A failed
 * first connect clears the keys and fails the start (§6 step 6).
 *
 * @example
 * startCloudSession(context, request).subscribe((outcome) => outcome.ok && outcome.body.session.receive(control$).subscribe(…));
 *
 * @param context The transport's shared parts.
 * @param request The merged start request.
 */
export function startCloudSession(context: CloudContext, request: StartRequest): Observable<StartOutcome> {
  const { config, platform, keys, requests, call, gate, connect } = context;
  return defer(() => {
    gate.reset();
    const body = createConversationBody(request, config);
    return call(requests.createConversation(body)).pipe(
      concatMap((reply): Observable<StartOutcome> => {
        const outcome = replyOutcome(reply, platform.now());
        if (!outcome.ok) return of(startFailed(outcome));
        const identity = readIdentity(reply.body);
        if (!identity) return of(startFailed({ ok: false, verdict: 'refused', failure: { status: reply.response.status, statusText: reply.response.statusText, responseJSON: reply.body } }));
        keys.saveIdentity(identity);
        keys.savePing(platform.now());
        const connection = connect(identity);
        return whenOpen(
          connection,
          () => {
            const roster = memberRoster(call, requests, identity);
            roster.put({ id: identity.memberId, role: 'CUSTOMER', displayName: body.memberInfo.displayName, state: 'CONNECTED' });
            const transcript = cloudTranscript(identity.memberId, config.transport.botEventsEnabled);
            // §7: the guest's own member-join is suppressed on the stream; this one stands for it.
            const join = transcript.ownJoin(body.memberInfo.displayName, platform.now());
            const session = createCloudSession({ config, platform, keys, requests, call, gate, identity, connection, transcript, roster, historyDone: false, confirmSelf: true });
            return of<StartOutcome>({ ok: true, verdict: 'ok', body: { response: reply.body, session, batch: { items: [join] } } });
          },
          () => {
            keys.clear();
            return startFailed({ ok: false, verdict: 'networkDown', failure: socketFailure });
          },
          (outcome) => outcome.ok,
        );
      }),
    );
  });
}

/** The create response's identity (§2.1), or `null` when a field is missing. */
function readIdentity(body: Record<string, unknown>): CloudIdentity | null {
  const member = body.member as { id?: unknown } | undefined;
  const { id, jwt, eventStreamUri } = body;
  if (typeof id !== 'string' || typeof jwt !== 'string' || typeof eventStreamUri !== 'string' || typeof member?.id !== 'string') return null;
  return { conversationId: id, jwt, eventStreamUri, memberId: member.id };
}

/**
 * A failed start: the `AjaxFailure` the command rejects with, carrying the `error` event's
 * `{errors: [{code: 'StartFailed', response}]}` too (contract §4, §6.2), since the service
 * publishes the same object.
 */
function startFailed(outcome: Extract<Outcome, { ok: false }>): StartOutcome {
  return { ...outcome, failure: { ...outcome.failure, ...cloudErrors.startFailed(outcome.failure) } };
}
