import { EMPTY, Observable, asyncScheduler, distinctUntilChanged, map, merge, startWith } from 'rxjs';
import type { SchedulerLike } from 'rxjs';
import type { MainConfig } from '../model/config';
import { cookieStorage } from '../storage/cookieStorage';
import { localStorageStorage } from '../storage/localStorageStorage';
import { memoryStorage } from '../storage/memoryStorage';
import { createHttp } from './createHttp';
import { domEvent } from './domEvent';
import type { CometdOpener } from './openCometd';
import type { HttpRequest, HttpResponse, KeyValueStorage, Logger, PageInfo, Platform, TabCoordination, WebSocketConstructor } from './platform';
import { webTabs } from './webTabs';

/** What `createWebChatService(config, options)` accepts to reach the outside world. */
export interface PlatformOptions {
  /** Persistence; default: session cookies in a browser, memory elsewhere. */
  storage?: KeyValueStorage;
  /** Short-lived marks shared by the page's tabs; default `localStorage` in a browser that allows it, else `storage`. */
  crossTabStorage?: KeyValueStorage;
  /** Every timing runs on it; default `asyncScheduler`. Pass a TestScheduler for virtual time. */
  scheduler?: SchedulerLike;
  logger?: Logger;
  /** WebSocket constructor; default the global one. In Node pass `ws`. */
  WebSocket?: WebSocketConstructor;
  /** XMLHttpRequest factory; default the global one. In Node pass `() => new (require('xhr2'))()`. */
  createXHR?: () => XMLHttpRequest;
  random?: () => number;
  /** Replace the whole HTTP layer (tests, fetch-based apps). */
  http?: (request: HttpRequest) => Observable<HttpResponse>;
  /** Replace the CometD connection (tests with a fake Bayeux server). */
  cometd?: CometdOpener;
  page?: PageInfo;
  pageActive$?: Observable<boolean>;
  online$?: Observable<unknown>;
  /** Cross-tab lock and channel (multi-tab mode); default Web Locks + BroadcastChannel when the browser has both; `false` for none. */
  tabs?: TabCoordination | false;
}

const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };

/** Builds the {@link Platform} from options and, where they are silent, the globals of a browser. */
export function createPlatform(options: PlatformOptions = {}, main: MainConfig = {}): Platform {
  const browser = typeof window !== 'undefined' && typeof document !== 'undefined';
  const scheduler = options.scheduler ?? asyncScheduler;
  const hasNativeXHR = typeof XMLHttpRequest !== 'undefined';
  const crossTabStorage = options.crossTabStorage ?? (browser ? pageLocalStorage() : undefined);
  const tabs = options.tabs === false ? undefined : options.tabs ?? (browser ? webTabs() : undefined);
  return {
    scheduler,
    now: () => scheduler.now(),
    random: options.random ?? Math.random,
    http: options.http ?? createHttp({ createXHR: options.createXHR, serializeMultipart: !!options.createXHR && !hasNativeXHR }),
    WebSocket: options.WebSocket ?? (typeof WebSocket !== 'undefined' ? (WebSocket as unknown as WebSocketConstructor) : undefined),
    ...(options.createXHR ? { createXHR: options.createXHR } : {}),
    ...(options.cometd ? { cometd: options.cometd } : {}),
    storage: options.storage ?? (browser ? cookieStorage(main.cookieOptions) : memoryStorage()),
    ...(crossTabStorage ? { crossTabStorage } : {}),
    ...(tabs ? { tabs } : {}),
    logger: options.logger ?? (main.debug && typeof console !== 'undefined' ? console : silentLogger),
    pageActive$: options.pageActive$ ?? (browser ? pageActive(window, document) : EMPTY),
    online$: options.online$ ?? (browser ? domEvent(window, 'online') : EMPTY),
    page: options.page ?? (browser ? browserPage() : {}),
  };
}

function pageActive(win: Window, doc: Document): Observable<boolean> {
  const read = () => doc.visibilityState !== 'hidden' && (typeof doc.hasFocus !== 'function' || doc.hasFocus());
  return merge(domEvent(doc, 'visibilitychange'), domEvent(win, 'focus'), domEvent(win, 'blur')).pipe(
    map(read),
    startWith(read()),
    distinctUntilChanged(),
  );
}

function browserPage(): PageInfo {
  const ua = typeof navigator !== 'undefined' ? navigator.userAgent : undefined;
  return {
    url: location.href,
    referrer: document.referrer || undefined,
    title: document.title || undefined,
    userAgent: ua,
    source: ua && /Mobi|Android|iPhone|iPad/i.test(ua) ? 'mobile' : 'web',
  };
}

/** The page's `localStorage`, when reading the property does not throw (sandboxed frames, some privacy modes block it). */
function pageLocalStorage(): KeyValueStorage | undefined {
  try {
    return window.localStorage ? localStorageStorage(window.localStorage) : undefined;
  } catch {
    return undefined;
  }
}
