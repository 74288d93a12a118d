import { Observable, concatMap, filter, finalize, from, map, of, take, tap, throwError, reduce } from 'rxjs';
import type { Preprocessor, StartChatOptions, WebChatCommandName } from '../model/commands';
import type { InteractionData } from '../model/config';
import { Rejections, noPreprocessor, tooLong } from '../model/rejections';
import { readFilters, isRegExp } from '../pipeline/prefilters';
import { resolveTypingInput, typingPreview } from '../operators/typingPreview';
import type { Outcome, RestoreOutcome, StartOutcome } from '../transports/transport';
import type { Engine } from '../engine/engine';
import { beginSession, endSession } from '../engine/session';
import { automaticUserData, copyPlain, isPlainObject, readStartForm, readUserData } from './startRequest';
import type { ClientTyping } from './clientTypingState';

import type { CommandEnvelope } from '../engine/commandEnvelope';

export type CommandHandler = (options: Record<string, unknown>, envelope: CommandEnvelope) => Observable<unknown>;

const reject = (rejection: unknown): Observable<never> => throwError(() => rejection);

/** Settles a command from a transport {@link Outcome}: the body, or a rejection with the failure. */
const settle = <T>(outcome: Outcome<T>): Observable<T> => (outcome.ok ? of(outcome.body) : reject(outcome.failure));

/** Commanders that may call `restore` in non-async mode (product rule, `contract.md` §6.14). */
const restoreCommanders = ['WebChatService', 'WebChat', 'App'];

/**
 * The command handlers, one per command of `contract.md` §6 (the `{[K in name]: …}` table makes a new
 * command fail to compile until it is handled). Check order (§5): private access → transport support
 * → session state → arguments; the first two are done by the dispatcher.
 */
export function commandHandlers(engine: Engine, typing: ClientTyping): Record<WebChatCommandName, CommandHandler> {
  const { transport, platform, config } = engine.deps;
  const active = () => engine.state.sessionState === 'active' && engine.runtime !== null;
  const session = () => engine.runtime!.session;
  /** Waits for a running restore to settle (§6.2: a startChat that arrives while restoring waits). */
  const afterRestore = <T>(then: () => Observable<T>): Observable<T> =>
    engine.state$.pipe(
      filter((s) => s.sessionState !== 'restoring'),
      take(1),
      concatMap(then),
    );

  /**
   * A transitional state a command set must not outlive the command: when the command is cut short
   * (its settle bound, `destroy()`), the session goes back to `idle` instead of staying `starting`
   * or `restoring` and refusing every later start.
   */
  const leaveIfStill = <T>(state: 'starting' | 'restoring') =>
    finalize<T>(() => {
      if (!engine.destroyed && engine.state.sessionState === state) engine.emit({ type: 'sessionState', sessionState: 'idle' });
    });

  const restoreFlow = (options: { sessionData?: string; async?: boolean }, command: boolean): Observable<undefined> => {
    engine.emit({ type: 'sessionState', sessionState: 'restoring' });
    return transport.restore(options).pipe(
      take(1),
      leaveIfStill<RestoreOutcome>('restoring'),
      concatMap((outcome: RestoreOutcome) => {
        switch (outcome.kind) {
          case 'restored':
            beginSession(engine, outcome.session, outcome.batch, () => engine.publish('restored', { async: outcome.async }));
            return of(undefined);
          case 'restoredOffline':
            beginSession(engine, outcome.session, undefined, () => engine.publish('restoredOffline', {}));
            engine.emit({ type: 'connectionState', connectionState: 'serverOffline' });
            return of(undefined);
          case 'none':
            engine.emit({ type: 'sessionState', sessionState: 'idle' });
            return command ? reject(Rejections.restoreNone) : of(undefined);
          case 'timeout':
            engine.emit({ type: 'sessionState', sessionState: 'idle' });
            engine.publish('restoreTimeout', {});
            return of(undefined);
          case 'failed':
            engine.emit({ type: 'sessionState', sessionState: 'idle' });
            if (outcome.sessionLost) {
              engine.publish('sessionLost', { sessionData: transport.emptySessionData(), response: outcome.sessionLost.response });
              engine.publish('error', outcome.sessionLost.error);
            }
            engine.publish('restoreFailed', outcome.failure);
            return command ? reject(outcome.failure) : of(undefined);
        }
      }),
    );
  };

  const sendMessage = (options: Record<string, unknown>, noSession: string): Observable<unknown> => {
    if (!active()) return reject(noSession);
    const message = options.message;
    if (typeof message !== 'string' || message.trim() === '') return reject(Rejections.noText);
    const max = config.maxMessageLength;
    if (max !== undefined && Array.from(message).length > max) return reject(tooLong(max));
    typing.cancel();
    const outgoing = {
      message,
      ...(typeof options.type === 'string' ? { type: options.type } : {}),
      ...(typeof options.parentMessageID === 'string' ? { parentMessageID: options.parentMessageID } : {}),
    };
    return session()
      .sendMessage(outgoing)
      .pipe(
        take(1),
        tap(() => engine.control({ type: 'resetCadence' })),
        concatMap((outcome) => {
          // A failure the transport described as an error payload (`MessageFailed`, §4) is also an `error` event.
          if (!outcome.ok && Array.isArray((outcome.failure as { errors?: unknown }).errors)) engine.publish('error', outcome.failure as Record<string, unknown>);
          return settle(outcome);
        }),
      );
  };

  return {
    configure: () => reject(Rejections.configured),

    startChat: (options) =>
      afterRestore(() => {
        const state = engine.state.sessionState;
        if (state !== 'idle') return reject(Rejections.active);
        const opts = options as StartChatOptions;
        const extra = readUserData(opts.userData);
        if (extra === null) return reject(Rejections.userData);
        const base = { ...engine.state.userData, ...extra };
        const interactionData = mergeInteractionData(engine.state.interactionData as InteractionData, opts.interactionData);
        engine.emit({ type: 'chatStarting', userData: base, interactionData });
        return transport
          .start({
            form: readStartForm(opts),
            userData: { ...base, ...automaticUserData(platform.page) },
            interactionData,
            ...(typeof opts.deploymentKey === 'string' ? { deploymentKey: opts.deploymentKey } : {}),
            ...(typeof (opts.orgGuid ?? opts.organizationId) === 'string' ? { organizationId: String(opts.orgGuid ?? opts.organizationId) } : {}),
          })
          .pipe(
            take(1),
            leaveIfStill<StartOutcome>('starting'),
            concatMap((outcome) => {
              if (!outcome.ok) {
                engine.emit({ type: 'sessionState', sessionState: 'idle' });
                if (outcome.verdict !== 'refused' || !('statusCode' in outcome.failure && Object.keys(outcome.failure).length === 1)) {
                  engine.publish('error', outcome.failure as Record<string, unknown>);
                }
                return reject(outcome.failure);
              }
              const { response, session: started, batch } = outcome.body;
              beginSession(engine, started, batch, () => engine.publish('started', { ...response, ...started.sessionData() }));
              engine.control({ type: 'resetCadence' });
              return of(response);
            }),
          );
      }),

    endChat: () => {
      if (!active()) return reject(Rejections.noSession);
      const runtime = engine.runtime!;
      typing.cancel();
      engine.emit({ type: 'sessionState', sessionState: 'ending' });
      if (engine.state.polling) {
        engine.control({ type: 'stop' });
      }
      return runtime.session.end().pipe(
        take(1),
        map((outcome) => (outcome.ok ? outcome.body : {})),
        tap(() => endSession(engine)),
        // §6.3: the local teardown happens whatever the request does, also when it is cut short.
        finalize(() => endSession(engine)),
      );
    },

    sendMessage: (options) => sendMessage(options, Rejections.noSession),

    sendCustomNotice: (options) => {
      if (!active()) return reject(Rejections.noSession);
      const notice = session().sendCustomNotice;
      if (!notice) return reject(Rejections.noticeUnsupported);
      const message = typeof options.message === 'string' ? options.message : '';
      return notice.call(session(), message).pipe(take(1), concatMap(settle));
    },

    sendTyping: (options) => {
      if (!active()) return reject(Rejections.noSession);
      const text = [options.message, options.Message, engine.previewInput?.value].find((v) => typeof v === 'string');
      return typing.call(typeof text === 'string' ? text : '', options.isTyping === false);
    },

    sendFilteredMessage: (options) => {
      if (!active()) return reject(Rejections.noSession2);
      const message = options.message;
      if (typeof message !== 'string' || message.trim() === '') return reject(Rejections.noText);
      if (!isRegExp(options.regex)) return reject(Rejections.filters);
      engine.addPrefilters([options.regex]);
      return sendMessage(options, Rejections.noSession2);
    },

    addPrefilter: (options) => {
      const filters = readFilters(options.filters);
      if (!filters) return reject(Rejections.filters);
      return of(engine.addPrefilters(filters));
    },

    updateUserData: (options) => {
      if (!isPlainObject(options)) return reject(Rejections.userData);
      const update = copyPlain(options);
      const userData = { ...engine.state.userData, ...update };
      if (!active()) {
        engine.emit({ type: 'userData', userData });
        return of(userData);
      }
      const refused = transport.unsupportedInSession?.updateUserData;
      const send = session().updateUserData;
      if (refused || !send) return reject(refused ?? Rejections.userDataUnsupported);
      engine.emit({ type: 'userData', userData });
      return send.call(session(), update).pipe(take(1), concatMap(settle));
    },

    updateInteractionData: (options) => {
      if (!isPlainObject(options)) return reject(Rejections.userData);
      if (active() && transport.unsupportedInSession?.updateInteractionData) {
        return reject(transport.unsupportedInSession.updateInteractionData);
      }
      const interactionData = mergeInteractionData(engine.state.interactionData as InteractionData, options as InteractionData);
      engine.emit({ type: 'interactionData', interactionData });
      return of(interactionData);
    },

    poll: () => {
      if (!active()) return reject(Rejections.noSession2);
      return new Observable<unknown>((subscriber) => {
        engine.control({
          type: 'pollNow',
          reply: (outcome) => {
            if (outcome === 'busy') subscriber.error(Rejections.pollBusy);
            else if (outcome.ok) {
              subscriber.next(outcome.body);
              subscriber.complete();
            } else subscriber.error(outcome.failure);
          },
        });
      });
    },

    startPoll: () => {
      if (!active()) return reject(Rejections.noSession2);
      engine.control({ type: 'start' });
      return of(undefined);
    },

    stopPoll: () => {
      if (!active()) return reject(Rejections.noSession2);
      if (!engine.state.polling) return reject(Rejections.notPolling);
      engine.control({ type: 'stop' });
      return of(undefined);
    },

    pausePoll: () => {
      if (!active()) return reject(Rejections.noSession2);
      if (!engine.state.polling) return reject(Rejections.notPolling);
      engine.control({ type: 'pause' });
      return of(undefined);
    },

    resetPollExceptions: () => {
      engine.resetPollExceptions();
      if (engine.state.connectionState === 'serverOffline') engine.emit({ type: 'connectionState', connectionState: 'online' });
      return of(undefined);
    },

    restore: (options, envelope) => {
      if (!transport.capabilities.async && !restoreCommanders.includes(envelope.commander)) return reject(Rejections.privateRestore);
      const state = engine.state.sessionState;
      if (state === 'restoring') return reject(Rejections.restoring);
      if (state !== 'idle') return reject(Rejections.restoreActive);
      const sessionData = typeof options.sessionData === 'string' ? options.sessionData : undefined;
      if (!sessionData && !transport.persisted().exists) return reject(Rejections.restoreNone);
      return restoreFlow({ ...(sessionData ? { sessionData } : {}), ...(options.async === true ? { async: true } : {}) }, true);
    },

    asyncRestore: () => {
      if (!transport.capabilities.async) return of(undefined);
      const state = engine.state.sessionState;
      if (state === 'restoring') return reject(Rejections.restoring);
      if (state !== 'idle') return reject(Rejections.restoreActive);
      return restoreFlow({ async: true }, false);
    },

    getTranscript: () => of({ messages: [...engine.transcript.messages], originalMessages: [...engine.transcript.originalMessages] }),

    getAgents: () => of({ agents: { ...engine.participants.agents } }),

    getStats: () => {
      const { startTime, endTime } = engine;
      return of({
        agents: { ...engine.participants.agents },
        startTime: startTime ?? false,
        endTime: endTime ?? false,
        duration: startTime === undefined ? false : (endTime ?? engine.now) - startTime,
      });
    },

    getSessionData: () => of(engine.sessionData()),

    verifySession: () =>
      afterRestore(() => of({ sessionActive: engine.state.sessionActive || transport.persisted().fresh })),

    getFileLimits: () => {
      if (!active()) return reject(Rejections.noSession);
      const limits = session().getFileLimits;
      if (!limits) return reject(Rejections.fileUnsupported);
      return limits.call(session()).pipe(take(1), concatMap(settle));
    },

    sendFile: (options) => {
      if (!active()) return reject(Rejections.noSession);
      const upload = session().sendFile;
      if (!upload) return reject(Rejections.fileUnsupported);
      const files = readFiles(options.files);
      if (files === null) return reject(Rejections.noFormData);
      if (files.length === 0) return reject({ errors: [{ code: 'NoFiles', advice: 'No file provided' }], errorReason: 'FileUploadError' });
      return from(files).pipe(
        concatMap((file) =>
          upload.call(session(), file, fileNameOf(file)).pipe(
            take(1),
            concatMap((outcome) => {
              if (outcome.ok) return of(outcome.body);
              const failure = tagUploadFailure(outcome.failure as Record<string, unknown>, fileNameOf(file));
              engine.publish('error', failure);
              return reject(failure);
            }),
          ),
        ),
        // Never empty here (no files was rejected above): the last upload's answer.
        reduce((_previous, body) => body),
        tap(() => engine.control({ type: 'resetCadence' })),
      );
    },

    downloadFile: (options) => {
      if (!active()) return reject(Rejections.noSession);
      const download = session().downloadFile;
      if (!download) return reject(Rejections.fileUnsupported);
      const fileId = options.fileId ?? options.field;
      if (typeof fileId !== 'string' && typeof fileId !== 'number') return reject({ status: 0, statusText: 'error', errorReason: 'InvalidFileId' });
      const fileName = typeof options.fileName === 'string' ? options.fileName : undefined;
      return download.call(session(), String(fileId), fileName).pipe(take(1), concatMap(settle));
    },

    fetchHistory: () => {
      if (!transport.capabilities.pagination) return reject(Rejections.historyAsync);
      if (!active()) return reject(Rejections.noSession);
      const fetch = session().fetchHistory;
      if (!fetch) return reject(Rejections.historyAsync);
      return fetch.call(session()).pipe(
        take(1),
        concatMap((outcome) => {
          if (!outcome.ok) return reject(outcome.failure);
          if ('end' in outcome.body) return reject(Rejections.historyEnd);
          engine.deliver({ ...outcome.body.batch, oldMessages: true });
          return of(outcome.body.response);
        }),
      );
    },

    registerTypingPreviewInput: (options) => {
      const input = resolveTypingInput(options.input);
      if (!input) return reject(Rejections.input);
      engine.previewInput = input;
      typing.watch(typingPreview(input));
      return of(undefined);
    },

    registerPreProcessor: (options) => {
      const preprocessor = options.preprocessor;
      if (typeof preprocessor !== 'function') return reject(noPreprocessor(preprocessor));
      engine.preprocessors.push(preprocessor as Preprocessor);
      return of(preprocessor);
    },

    sleep: () => {
      if (!engine.state.sleeping) {
        engine.emit({ type: 'sleeping', sleeping: true });
        engine.control({ type: 'sleep' });
        engine.publish('sleeping', {});
      }
      return of(undefined);
    },

    wake: () => {
      if (engine.state.sleeping) {
        engine.emit({ type: 'sleeping', sleeping: false });
        engine.control({ type: 'wake' });
        engine.publish('waking', {});
      }
      return of(undefined);
    },
  };
}

/** `interactionData` deep-merged, `routing` key by key (§6.10). */
function mergeInteractionData(base: InteractionData, update: unknown): InteractionData {
  if (!isPlainObject(update)) return { ...base };
  const patch = copyPlain(update) as InteractionData;
  const routing = isPlainObject(patch.routing) ? { ...(base.routing ?? {}), ...copyPlain(patch.routing) } : base.routing;
  return { ...base, ...patch, ...(routing ? { routing } : {}) };
}

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

