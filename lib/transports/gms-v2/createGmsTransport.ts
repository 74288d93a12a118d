import {
  BehaviorSubject, EMPTY, Observable, Subject, concat, concatMap, defer, distinctUntilChanged, filter, finalize, map, merge, of,
  startWith, switchMap, take, tap, timer,
} from 'rxjs';
import type { FileLimits } from '../../model/commands';
import { Rejections } from '../../model/rejections';
import type { GmsSessionData } from '../../model/results';
import { backoffDelay } from '../../operators/backoffDelay';
import { gmsPollGap } from '../../operators/gmsPollGap';
import { poll } from '../../operators/poll';
import { restoreExpired } from '../../operators/restoreExpired';
import type { FormField, HttpBody, HttpRequest } from '../../platform/platform';
import type {
  Outcome, RawBatch, ReceiveControl, ReceiveSignal, RestoreOutcome, StartOutcome, StartRequest, Transport,
  TransportContext, TransportSession, Verdict,
} from '../transport';
import { classifyGmsResponse, isEnvelope } from './classifyGmsResponse';
import { userDataFields } from './gmsForm';
import type { GmsEnvelope, GmsIdentity, GmsMessage } from './gmsWire';
import { gmsMessagesOf } from './gmsMessagesOf';
import { normalizeGmsMessage } from './normalizeGmsMessage';
import { parseFileLimits } from './parseFileLimits';
import { ownSends } from '../shared/ownSends';
import { verifyDelivery } from './verifyDelivery';
import { withoutSecureKey } from './withoutSecureKey';
import { isRecord } from '../shared/isRecord';

/** Another tab's start lock younger than this blocks a start (§14.2). */
const startLockAge = 2000;
const startLockRefresh = 500;
/** Reads of the transcript to settle a send whose outcome is unknown (§6.4). */
const deliveryChecks = 3;

/** A failure the server answered with a GMS envelope: it did not take the request (`wire-gms-v2.md` §8). */
const answeredByGms = (failure: object): boolean => 'statusCode' in failure || isEnvelope((failure as { responseJSON?: unknown }).responseJSON);

/**
 * The GMS Chat API v2 transport over REST polling (`wire-gms-v2.md`), the default "v2" configuration.
 *
 * @example
 * const transport = createGmsTransport({ config, platform, store });
 */
export function createGmsTransport(context: TransportContext): Transport {
  const { config, platform, store } = context;
  const responses$ = new Subject<{ body: Record<string, unknown>; verdict: Verdict }>();
  const ops = (chatId: string, op: string) => `${config.dataURL}/${encodeURIComponent(chatId)}/${op}`;

  const headers = (): Record<string, string> => {
    const result: Record<string, string> = {};
    if (config.apikey) result.apikey = config.apikey;
    if (config.enableCustomHeader) {
      // §16: copy both `Authorization` and `apikey` of `main.header` (read at call time: App.updateAJAXHeader changes it).
      const header = config.main.header ?? {};
      if (header.Authorization) result.Authorization = header.Authorization;
      if (header.apikey) result.apikey = header.apikey;
    }
    return result;
  };

  /** One POST, classified; every answered response also goes to `responses$` (the `ajaxResponse` event), without `secureKey`. */
  const post = (url: string, body: HttpBody, options: { refresh?: boolean; timeout?: number } = {}): Observable<Outcome<GmsEnvelope>> => {
    const request: HttpRequest = {
      method: 'POST',
      url,
      headers: headers(),
      body,
      timeout: options.timeout ?? config.ajaxTimeout,
      withCredentials: config.withCredentials,
    };
    return platform.http(request).pipe(
      take(1),
      map((response) => {
        const outcome = classifyGmsResponse(response, platform.now(), options);
        if (response.status !== 0) {
          const json = response.json;
          // `ajaxResponse` is published to every listener (bus: publishDirect): the secret stays out (issue 6).
          responses$.next({ body: isRecord(json) ? withoutSecureKey(json) : {}, verdict: outcome.verdict });
        }
        return outcome;
      }),
    );
  };

  const form = (fields: FormField[]): HttpBody => ({ kind: 'form', fields });
  const triple = (id: GmsIdentity): FormField[] => [
    ['userId', id.userId],
    ['secureKey', id.secureKey],
    ['alias', id.alias],
  ];

  const persist = (id: GmsIdentity) => {
    store.set('session', id.chatId);
    store.set('keys', JSON.stringify({ secureKey: id.secureKey, alias: id.alias, userId: id.userId }));
    store.set('ping', String(platform.now()));
  };
  const forget = () => ['session', 'keys', 'ping', 'index', 'chatStartLock'].forEach((key) => store.remove(key));

  const readPersisted = (): { id: GmsIdentity; ping: number | null } | null => {
    const chatId = store.get('session');
    const keys = store.get('keys');
    if (!chatId || !keys) return null;
    try {
      const parsed = JSON.parse(keys) as Partial<GmsIdentity>;
      if (typeof parsed.secureKey !== 'string') return null;
      const ping = Number(store.get('ping'));
      return {
        id: { chatId, secureKey: parsed.secureKey, alias: String(parsed.alias ?? ''), userId: String(parsed.userId ?? '') },
        ping: store.get('ping') && Number.isFinite(ping) ? ping : null,
      };
    } catch {
      return null;
    }
  };

  /** A session: the poll loop, the command requests and the batches their responses carry. */
  const openSession = (id: GmsIdentity, options: { replayOnFirstPoll: boolean; highestIndex: number }): TransportSession => {
    const signals$ = new Subject<ReceiveSignal>();
    let highestIndex = options.highestIndex;
    /** The highest `nextPosition` any answer reported: a message sent now lands there or later (§7). */
    let serverNext = 0;
    let replayPending = options.replayOnFirstPoll;
    /** The customer's sends until a batch shows each one's message (see verifyDelivery's `own`). */
    const sends = ownSends();
    let preview = '';
    let ended = false;

    /**
     * Messages of any response go through the shared pipeline; the cursor advances with what was
     * delivered. After `restoredOffline` the first answer with messages is the replay (§14.3), whichever
     * request it answers (a poll, a typing call, a delivery check).
     */
    const absorb = (envelope: GmsEnvelope, restoring = replayPending): void => {
      if (typeof envelope.nextPosition === 'number' && Number.isSafeInteger(envelope.nextPosition)) serverNext = Math.max(serverNext, envelope.nextPosition);
      const messages = gmsMessagesOf(envelope);
      if (messages.length > 0) {
        const batch = toBatch(messages, restoring, envelope.idleTimerExpire);
        replayPending = false;
        signals$.next({ type: 'batch', batch });
        for (const { key, message } of batch.items) {
          if ((key as number) > highestIndex && message.type === 'Message' && message.from.type === 'Client') sends.saw(message.text);
        }
        highestIndex = highestKey(batch, highestIndex);
        store.set('index', String(highestIndex + 1));
      }
    };

    /** `chatEnded: true` in any response ends the session; statusCode 2 with errors publishes `error` first (§8.1, §9). */
    const checkEnded = (outcome: Outcome<GmsEnvelope>, customerEnded = false): void => {
      const envelope = (outcome.ok ? outcome.body : (outcome.failure as { responseJSON?: unknown }).responseJSON ?? outcome.failure) as GmsEnvelope;
      if (ended || envelope?.chatEnded !== true) return;
      ended = true;
      const errors = envelope.errors ?? [];
      const error = !customerEnded && envelope.statusCode === 2 && errors.length > 0 ? withoutSecureKey({ ...envelope }) : undefined;
      signals$.next({ type: 'ended', ...(error ? { error: error as Record<string, unknown> } : {}) });
    };

    const command = (op: string, fields: FormField[] = [], options: { timeout?: number; multipart?: HttpBody } = {}) =>
      post(ops(id.chatId, op), options.multipart ?? form([...triple(id), ...fields]), options).pipe(
        tap((outcome) => {
          if (outcome.ok) absorb(outcome.body);
          checkEnded(outcome);
        }),
      );

    const refresh = (): Observable<Outcome<GmsEnvelope>> => {
      const replay = replayPending;
      const position = replay ? 1 : highestIndex + 1;
      return post(ops(id.chatId, 'refresh'), form([...triple(id), ['transcriptPosition', String(position)], ['message', preview]]), { refresh: true }).pipe(
        tap((outcome) => {
          signals$.next({ type: 'health', verdict: outcome.verdict });
          if (outcome.ok) {
            store.set('ping', String(platform.now()));
            replayPending = false;
            absorb(outcome.body, replay);
          }
          checkEnded(outcome);
        }),
      );
    };

    /**
     * A read of the transcript for {@link verifyDelivery}: its messages are delivered like a poll's, so
     * it starts no later than the next undelivered position (§7; a gap would publish out of order).
     */
    const readFrom = (atMost: number): Observable<Outcome<GmsEnvelope>> =>
      defer(() => post(ops(id.chatId, 'refresh'), form([...triple(id), ['transcriptPosition', String(Math.min(atMost, highestIndex + 1))], ['message', preview]]), { refresh: true })).pipe(
        tap((outcome) => {
          if (outcome.ok) absorb(outcome.body);
          checkEnded(outcome);
        }),
      );

    const receive = (control$: Observable<ReceiveControl>): Observable<ReceiveSignal> =>
      defer(() => {
        // control$ is the engine's Subject (hot): its readers below subscribe to it directly, no share() needed.
        const controls$ = control$;
        const reset$ = controls$.pipe(filter((c) => c.type === 'resetCadence'));
        const sleeping$ = controls$.pipe(
          filter((c) => c.type === 'sleep' || c.type === 'wake'),
          map((c) => c.type === 'sleep'),
          startWith(false),
          distinctUntilChanged(),
        );
        const trigger$ = new Subject<void>();
        const replies: Array<(outcome: Outcome | 'busy') => void> = [];
        let inFlight = false;
        let failures = 0;
        const running$ = new BehaviorSubject(true);
        const pollRequest = () =>
          defer(() => {
            inFlight = true;
            return refresh();
          }).pipe(
            tap((outcome) => {
              failures = outcome.verdict === 'networkDown' || outcome.verdict === 'serverError' ? failures + 1 : 0;
              replies.splice(0).forEach((reply) => reply(outcome as Outcome));
            }),
            finalize(() => (inFlight = false)),
          );
        const loop$ = poll(pollRequest, {
          measureFrom: 'start',
          reset$,
          sleeping$,
          trigger$,
          scheduler: platform.scheduler,
          delay: (last, info) => {
            const gap = gmsPollGap(info.step, config, info.sleeping);
            if (failures === 0) return gap;
            // §13.4: network failures, 5xx and 429 back off from the current gap, honouring Retry-After.
            return backoffDelay(failures, { base: gap, max: config.backoffMax }, platform.random, last.ok ? undefined : last.retryAfterMs);
          },
        });
        const polling$ = running$.pipe(
          distinctUntilChanged(),
          switchMap((running) =>
            running
              ? concat(of<ReceiveSignal>({ type: 'polling', active: true }), loop$.pipe(switchMap(() => EMPTY)))
              : of<ReceiveSignal>({ type: 'polling', active: false }),
          ),
        );
        const handled$ = controls$.pipe(
          tap((c) => {
            switch (c.type) {
              case 'start':
                running$.next(true);
                break;
              case 'stop':
              case 'pause':
                running$.next(false);
                break;
              case 'preview':
                preview = c.text;
                break;
              case 'wake':
                // §6.21: waking a GMS session cancels the server's idle timer.
                command('customNotice', [['message', ''], ['eventAttributes', JSON.stringify({ purpose: 'cancel-idle-timer' })]]).subscribe();
                trigger$.next();
                break;
              case 'pollNow':
                if (inFlight || !running$.value) {
                  if (inFlight) c.reply('busy');
                  else {
                    // Not looping: one poll on its own.
                    pollRequest().subscribe((outcome) => c.reply(outcome as Outcome));
                  }
                } else {
                  replies.push(c.reply);
                  trigger$.next();
                }
                break;
            }
          }),
          switchMap(() => EMPTY),
        );
        return merge(signals$, polling$, handled$).pipe(
          finalize(() => {
            running$.complete();
            trigger$.complete();
          }),
        );
      });

    const sessionData = (): GmsSessionData => ({
      secureKey: id.secureKey,
      sessionID: id.chatId,
      sessionId: id.chatId,
      alias: id.alias,
      userId: id.userId,
    });

    return {
      sessionData,
      receive,
      sendMessage: (message) =>
        defer(() => {
          const fields: FormField[] = [['message', message.message], ['messageType', message.type ?? 'text']];
          if (message.parentMessageID) {
            fields.push(['eventAttributes', JSON.stringify({ 'general-properties': { 'related-event-id': message.parentMessageID } })]);
          }
          // Sends are one at a time (the send lane): nothing this customer sent later can be before `from`.
          const from = Math.max(highestIndex + 1, serverNext);
          // Only a text send comes back as a customer `Message` to match (§6.4).
          const own = (message.type ?? 'text') === 'text' ? sends.start(message.message) : undefined;
          return command('send', fields).pipe(
            concatMap((outcome) =>
              // §6.4: never sent twice; when GMS gave no answer, the transcript tells whether it arrived.
              outcome.ok || answeredByGms(outcome.failure)
                ? of(outcome)
                : verifyDelivery(outcome, {
                    text: message.message,
                    own,
                    from,
                    refresh: readFrom,
                    attempts: deliveryChecks,
                    firstReadAfter: 'statusText' in outcome.failure && outcome.failure.statusText === 'timeout' ? config.ajaxTimeout : 0,
                    backoff: { base: config.pollRateMin, max: config.backoffMax },
                    random: platform.random,
                    scheduler: platform.scheduler,
                  }),
            ),
            tap((outcome) => own?.settle(outcome.ok)),
          );
        }),
      typing: (isTyping, text) => command(isTyping ? 'startTyping' : 'stopTyping', [['message', text], ['transcriptPosition', String(highestIndex + 1)]]),
      end: () =>
        post(ops(id.chatId, 'disconnect'), form(triple(id))).pipe(
          tap((outcome) => {
            if (outcome.ok) absorb(outcome.body);
            // The customer ended it: no `error` even if the reply carries errors.
            ended = true;
          }),
        ),
      sendCustomNotice: (message, eventAttributes) =>
        command('customNotice', [['message', message], ...(eventAttributes ? ([['eventAttributes', JSON.stringify(eventAttributes)]] as FormField[]) : [])]),
      updateUserData: (userData) => command('updateData', userDataFields(userData)),
      getFileLimits: () =>
        // §6.11: limits-response messages never enter the message pipeline.
        post(ops(id.chatId, 'file/limits'), form(triple(id))).pipe(
          map((outcome): Outcome<Record<string, unknown> & { limits?: FileLimits }> => {
            if (!outcome.ok) return outcome;
            const limits = parseFileLimits(gmsMessagesOf(outcome.body));
            return { ok: true, verdict: 'ok', body: { ...outcome.body, ...(limits ? { limits } : {}) } };
          }),
        ),
      sendFile: (file, fileName) =>
        command('file', [], {
          timeout: config.fileUploadTimeout,
          multipart: { kind: 'multipart', fields: triple(id), files: [{ name: 'file', file, fileName }] },
        }),
      downloadFile: (fileId, fileName) =>
        platform
          .http({
            method: 'POST',
            url: ops(id.chatId, `file/${encodeURIComponent(fileId)}/download`),
            headers: headers(),
            body: form(triple(id)),
            timeout: config.ajaxTimeout,
            withCredentials: config.withCredentials,
            responseType: 'blob',
          })
          .pipe(
            take(1),
            map((response): Outcome<Record<string, unknown>> => {
              if (response.status >= 200 && response.status < 300 && response.blob) {
                const disposition = /filename="?([^";]+)"?/.exec(response.headers['content-disposition'] ?? '');
                return { ok: true, verdict: 'ok', body: { fileId, fileName: fileName ?? disposition?.[1] ?? fileId, blob: response.blob } };
              }
              return {
                ok: false,
                verdict: response.status === 0 ? 'networkDown' : 'refused',
                failure: { status: response.status, statusText: response.statusText },
              };
            }),
          ),
      forget,
    };
  };

  const toBatch = (messages: GmsMessage[], restoring: boolean, idleTimerExpire: unknown): RawBatch => ({
    items: messages.map((raw, i) => {
      const message = normalizeGmsMessage(raw);
      return { key: message.index, order: message.index || i, message, raw };
    }),
    ...(restoring ? { restoring: true } : {}),
    ...(idleTimerExpire !== undefined ? { idleTimeCountDown: idleTimerExpire } : {}),
  });

  const start = (request: StartRequest): Observable<StartOutcome> =>
    defer(() => {
      // §14.2 cross-tab start lock: another tab's lock younger than 2 s refuses this start.
      const lock = Number(store.get('chatStartLock'));
      if (lock && platform.now() - lock < startLockAge) {
        return of<StartOutcome>({ ok: false, failure: { statusCode: 1 }, verdict: 'refused' });
      }
      const f = request.form;
      const fields: FormField[] = [];
      const text = (v: unknown) => (typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v));
      const nickname = text(f.nickname) || text(f.firstname);
      fields.push(['nickname', nickname], ['firstName', text(f.firstname)], ['lastName', text(f.lastname)]);
      fields.push(['emailAddress', text(f.email)], ['subject', text(f.subject)], ['text', '']);
      fields.push(['userId', ''], ['secureKey', ''], ['alias', '']);
      if (config.endpoint) fields.push(['endpoint', config.endpoint]);
      const userData = { GCTI_LanguageCode: config.main.lang ?? 'en', ...request.userData };
      fields.push(...userDataFields(userData));
      const url = config.enableUrlTrailingSlash ? `${config.dataURL}/` : config.dataURL;
      const heartbeat$ = timer(0, startLockRefresh, platform.scheduler).pipe(tap(() => store.set('chatStartLock', String(platform.now()))));
      const create$ = post(url, form(fields)).pipe(
        map((outcome): StartOutcome => {
          if (!outcome.ok) return outcome;
          const envelope = outcome.body;
          if (typeof envelope.chatId !== 'string' || typeof envelope.secureKey !== 'string') {
            return { ok: false, failure: withoutSecureKey({ ...envelope }), verdict: 'refused' };
          }
          const id: GmsIdentity = {
            chatId: envelope.chatId,
            secureKey: envelope.secureKey,
            userId: String(envelope.userId ?? ''),
            alias: String(envelope.alias ?? ''),
          };
          persist(id);
          const messages = gmsMessagesOf(envelope);
          const batch = messages.length > 0 ? toBatch(messages, false, envelope.idleTimerExpire) : undefined;
          const highest = batch ? highestKey(batch, 0) : 0;
          if (batch) store.set('index', String(highest + 1));
          return { ok: true, verdict: 'ok', body: { response: { ...envelope }, session: openSession(id, { replayOnFirstPoll: false, highestIndex: highest }), ...(batch ? { batch } : {}) } };
        }),
      );
      return merge(heartbeat$.pipe(switchMap(() => EMPTY)), create$).pipe(
        take(1),
        finalize(() => store.remove('chatStartLock')),
      );
    });

  const restore = (): Observable<RestoreOutcome> =>
    defer(() => {
      const persisted = readPersisted();
      if (!persisted) return of<RestoreOutcome>({ kind: 'none' });
      if (restoreExpired(persisted.ping, platform.now(), config.restoreTimeout)) {
        forget();
        return of<RestoreOutcome>({ kind: 'timeout' });
      }
      const { id } = persisted;
      return post(ops(id.chatId, 'refresh'), form([...triple(id), ['transcriptPosition', '1'], ['message', '']]), { refresh: true }).pipe(
        map((outcome): RestoreOutcome => {
          if (outcome.verdict === 'serverBusy') {
            return { kind: 'restoredOffline', session: openSession(id, { replayOnFirstPoll: true, highestIndex: 0 }) };
          }
          const envelope = (outcome.ok ? outcome.body : (outcome.failure as { responseJSON?: GmsEnvelope }).responseJSON ?? outcome.failure) as GmsEnvelope;
          // §14.3: only GMS itself can say the chat is over; a network failure, a proxy's page or a
          // garbled body is an HTTP failure: restoreFailed, keys kept, the app may try again.
          if (outcome.verdict === 'networkDown' || outcome.verdict === 'serverError' || !isEnvelope(envelope)) {
            return { kind: 'failed', failure: outcome.ok ? {} : (outcome.failure as Record<string, unknown>) };
          }
          // §14.3: `chatEnded` true **or missing** on the restore path means the chat is over.
          if (!outcome.ok || envelope.chatEnded !== false) {
            forget();
            return { kind: 'timeout' };
          }
          store.set('ping', String(platform.now()));
          const messages = gmsMessagesOf(envelope);
          const batch = toBatch(messages, true, envelope.idleTimerExpire);
          const highest = highestKey(batch, 0);
          store.set('index', String(highest + 1));
          return { kind: 'restored', async: false, session: openSession(id, { replayOnFirstPoll: false, highestIndex: highest }), batch };
        }),
      );
    });

  return {
    id: 'gms-v2',
    capabilities: { async: false, asyncClose: 'hideChat', pagination: false, fileUpload: true },
    unsupported: {
      fetchHistory: Rejections.historyAsync,
    },
    botEvents: true,
    responses$: responses$.asObservable(),
    persisted: () => {
      const persisted = readPersisted();
      return { exists: !!persisted, fresh: !!persisted && !restoreExpired(persisted.ping, platform.now(), config.restoreTimeout) };
    },
    start,
    restore,
    emptySessionData: (): GmsSessionData => ({ secureKey: '', sessionID: '', sessionId: '', alias: '', userId: '' }),
  };
}

/** The highest transcript index of a batch (a loop: spreading 100k keys into Math.max overflows the stack). */
function highestKey(batch: RawBatch, floor: number): number {
  let highest = floor;
  for (const item of batch.items) {
    const key = Number(item.key);
    if (key > highest) highest = key;
  }
  return highest;
}
