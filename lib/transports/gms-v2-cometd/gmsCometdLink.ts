import { Observable, ReplaySubject, Subject, Subscription, catchError, concatMap, defaultIfEmpty, defer, filter, finalize, map, of, take, timeout } from 'rxjs';
import type { ResolvedConfig } from '../../model/config';
import { attachRetry } from '../../operators/attachRetry';
import type { AttachExhausted } from '../../operators/attachRetry';
import { openCometd } from '../../platform/openCometd';
import type { CometdAck, CometdEvent } from '../../platform/openCometd';
import type { Platform } from '../../platform/platform';
import { isEnvelope } from '../gms-v2/classifyGmsResponse';
import type { GmsEnvelope } from '../gms-v2/gmsWire';
import type { Outcome } from '../transport';
import { classifyGmsCometdResponse } from './classifyGmsCometdResponse';
import type { GmsCometdSettings } from './gmsCometdConfig';
import type { CometdOperation, GmsCometdRequests } from './gmsCometdRequests';

/** What the connection of one chat reports. */
export type LinkEvent =
  /** Handshake and subscribe done; `again` after a loss (then `requestNotifications`, `reconnected`). */
  | { type: 'attached'; again: boolean }
  /** An attached connection failed (`disconnected`). */
  | { type: 'lost' }
  /** A GMS envelope pushed on the channel. */
  | { type: 'envelope'; envelope: GmsEnvelope }
  /** Never attached: 5 handshakes failed (start fails `{statusCode:1}`). */
  | { type: 'refused' }
  /** Lost and not back after 30 re-attach attempts 3 s apart (`chatServerTimeout`). */
  | { type: 'timeout' };

/** One chat's Bayeux connection. */
export interface GmsCometdLink {
  /** Hot: listen before {@link GmsCometdLink.open}. */
  readonly events$: Observable<LinkEvent>;
  /**
   * Each pushed envelope, before `events$` carries it: a command's answer is taken before the
   * session acts on the push (a `chatEnded` push closes the link, and a later listener would miss it).
   */
  readonly answers$: Observable<GmsEnvelope>;
  open(): void;
  /** Whether publishes may go out now (attached, not lost since). */
  readonly attached: boolean;
  /** One publish on the channel, classified; a failure when detached, no reply within `ajaxTimeout` ⇒ `timeout`. */
  publish(data: CometdOperation): Observable<Outcome<GmsEnvelope>>;
  /** Disconnects; nothing more is reported. */
  close(): void;
}

/** The attempt budgets of `wire-gms-v2.md` §11. */
export const handshakeAttempts = 5;
export const reattachAttempts = 30;
export const reattachGapMs = 3000;

/**
 * The Bayeux connection of one chat on the platform's {@link openCometd} (or its stand-in),
 * retried by {@link attachRetry}: handshakes back off from `pollRateMin` up to `backoffMax` (5 at
 * most); after a loss one re-attach every 3 s (30 at most). Pushed envelopes go out as they come.
 *
 * @example
 * const link = gmsCometdLink({ config, platform, settings, requests });
 * link.events$.subscribe(…); link.open();
 */
export function gmsCometdLink(context: { config: ResolvedConfig; platform: Platform; settings: GmsCometdSettings; requests: GmsCometdRequests }): GmsCometdLink {
  const { config, platform, settings, requests } = context;
  const events$ = new Subject<LinkEvent>();
  const answers$ = new Subject<GmsEnvelope>();
  const open = platform.cometd ?? ((options) => openCometd(options, { WebSocket: platform.WebSocket, createXHR: platform.createXHR }));
  let publishNow: ((data: Record<string, unknown>) => Observable<CometdAck>) | undefined;
  let attachments = 0;
  let subscription: Subscription | undefined;
  let closed = false;
  const connection$ = new Observable<CometdEvent>((subscriber) =>
    // Headers are read at each attempt (`App.updateAJAXHeader` between two re-attaches).
    open({ url: settings.cometURL, channel: settings.channel, websocketEnabled: settings.websocketEnabled, requestHeaders: requests.headers(), logLevel: settings.logLevel }).subscribe(subscriber),
  ).pipe(
    attachRetry({
      handshake: { base: config.pollRateMin, max: config.backoffMax, attempts: handshakeAttempts, random: platform.random },
      reattach: { gap: reattachGapMs, attempts: reattachAttempts },
      attached: (event: CometdEvent) => event.type === 'connected',
      scheduler: platform.scheduler,
    }),
  );
  return {
    events$: events$.asObservable(),
    answers$: answers$.asObservable(),
    get attached() {
      return publishNow !== undefined;
    },
    open: () => {
      if (subscription || closed) return;
      subscription = connection$.subscribe({
        next: (event) => {
          if (event.type === 'connected') {
            publishNow = event.publish;
            events$.next({ type: 'attached', again: attachments++ > 0 });
          } else if (event.type === 'lost') {
            publishNow = undefined;
            events$.next({ type: 'lost' });
          } else if (isEnvelope(event.data)) {
            answers$.next(event.data);
            events$.next({ type: 'envelope', envelope: event.data });
          }
        },
        error: (error: AttachExhausted) => {
          publishNow = undefined;
          events$.next({ type: error.exhausted === 'handshake' ? 'refused' : 'timeout' });
        },
      });
    },
    publish: (data) => {
      if (!publishNow) return of(classifyGmsCometdResponse({ ack: null }, platform.now()));
      return publishNow(data).pipe(
        take(1),
        map((ack) => classifyGmsCometdResponse({ ack }, platform.now())),
        timeout({ first: config.ajaxTimeout, scheduler: platform.scheduler }),
        catchError(() => of(classifyGmsCometdResponse({ ack: null, timedOut: true }, platform.now()))),
      );
    },
    close: () => {
      closed = true;
      publishNow = undefined;
      subscription?.unsubscribe();
      answers$.complete();
      events$.complete();
    },
  };
}

/**
 * Opens a connection for a start or a restore and runs `run` once it first attached (`refused` when
 * the handshakes are spent): the first value `run` emits is the answer. The connection stays open
 * when `keeps(answer)` (the session holds it now), and closes on any other end.
 *
 * @example
 * withGmsCometdLink(context, refusal, (link) => link.publish(data), (outcome) => outcome.ok)
 */
export function withGmsCometdLink<T>(context: Parameters<typeof gmsCometdLink>[0], refused: T, run: (link: GmsCometdLink) => Observable<T>, keeps: (answer: T) => boolean): Observable<T> {
  return new Observable<T>((subscriber) => {
    const link = gmsCometdLink(context);
    let handedOver = false;
    const subscription = link.events$
      .pipe(
        filter((event) => event.type === 'refused' || (event.type === 'attached' && !event.again)),
        take(1),
        concatMap((event) => (event.type === 'refused' ? of(refused) : run(link))),
        take(1),
      )
      .subscribe((answer) => {
        handedOver = keeps(answer);
        subscriber.next(answer);
        subscriber.complete();
      });
    link.open();
    return () => {
      subscription.unsubscribe();
      if (!handedOver) link.close();
    };
  });
}

/** The next pushed envelope that `wanted` accepts, or `undefined` after `ajaxTimeout` (start and restore wait for their answer so). */
export function nextEnvelope(link: GmsCometdLink, wanted: (envelope: GmsEnvelope) => boolean, context: { config: ResolvedConfig; platform: Platform }, wait = context.config.ajaxTimeout): Observable<GmsEnvelope | undefined> {
  return link.answers$.pipe(
    filter(wanted),
    take(1),
    timeout({ first: wait, scheduler: context.platform.scheduler }),
    catchError(() => of(undefined)),
  );
}

/**
 * One operation as a command: the publish, then the push that answers it (the server answers each
 * operation with one push, `wire-gms-v2.md` §11): the first push that `answers` it, or any failure
 * push: `statusCode 0` resolves with it, `1`/`2` rejects with it (without `secureKey`); no such push
 * within `ajaxTimeout` settles on the publish's own reply, or on `unanswered.outcome` after
 * `unanswered.wait`. Pushes carry no request id: a send is answered by the push that holds the
 * customer's message.
 *
 * @example
 * publishAnswered(link, requests.operation(id, 'sendMessage', { message: 'hi' }), context).subscribe(…);
 */
export function publishAnswered(
  link: GmsCometdLink,
  data: CometdOperation,
  context: { config: ResolvedConfig; platform: Platform },
  answers: (envelope: GmsEnvelope) => boolean = () => true,
  unanswered?: { wait: number; outcome: Outcome<GmsEnvelope> },
): Observable<Outcome<GmsEnvelope>> {
  return defer(() => {
    const answer$ = new ReplaySubject<GmsEnvelope | undefined>(1);
    // Listening first: the answer may be pushed before the publish's own reply arrives.
    const listening = nextEnvelope(link, (envelope) => (envelope.statusCode ?? 0) !== 0 || answers(envelope), context, unanswered?.wait).subscribe(answer$);
    const settle = (envelope: GmsEnvelope | undefined, sent: Outcome<GmsEnvelope>) => (envelope ? classifyGmsCometdResponse({ push: envelope }, context.platform.now()) : (unanswered?.outcome ?? sent));
    return link.publish(data).pipe(
      // The link closed first (the chat ended on another push): no answer, settled all the same.
      concatMap((sent) => (sent.ok ? answer$.pipe(take(1), defaultIfEmpty(undefined), map((envelope) => settle(envelope, sent))) : of(sent))),
      finalize(() => listening.unsubscribe()),
    );
  });
}
