import { catchError, map, of } from 'rxjs';
import type { Observable } from 'rxjs';
import type { TransportFactories } from '../composeWebChatService';
import type { TransportId, WebChatConfig } from '../model/config';
import { refusedService } from '../service/refusedService';
import { transportIdOf } from '../service/resolveConfig';
import type { WebChatService } from '../service/WebChatService';
import type { TransportFactory } from '../transports/transport';
import type { WidgetsMain } from './registerAppPlugin';

/** What {@link serviceOnDemand} needs. */
export interface ServiceOnDemandDeps {
  /** The factories known so far (the all-in-one bundle: all three; the core: those loaded). */
  transports: TransportFactories;
  /** Loads a missing back end's module (`loadTransportModule`), erroring with the text commands reject with. */
  loadTransport(transportId: TransportId): Observable<TransportFactory>;
  /** Creates the service once its back end is known (`composeWebChatService(transports)` with the page's storage). */
  create(webchat: WebChatConfig, main: WidgetsMain): WebChatService;
}

/**
 * The legacy page's `createService`: the service at once when its back end is already known (or the
 * config names none: it is then refused as always), otherwise after the back end's module loaded.
 * A module that cannot load gives a service whose every command rejects with the reason.
 *
 * @example
 * bootstrapWidgets({ window, storage, createService: serviceOnDemand({ transports, loadTransport, create }) });
 *
 * @param deps The known factories, the module loader and the service factory.
 */
export function serviceOnDemand(deps: ServiceOnDemandDeps): (webchat: WebChatConfig, main: WidgetsMain) => WebChatService | Observable<WebChatService> {
  return (webchat, main) => {
    let transportId: TransportId | undefined;
    try {
      transportId = transportIdOf(webchat);
    } catch {
      // A config that throws when read is refused by the service itself (`Invalid configuration`).
    }
    if (!transportId || deps.transports[transportId]) return deps.create(webchat, main);
    return deps.loadTransport(transportId).pipe(
      map(() => deps.create(webchat, main)),
      catchError((reason: unknown) => of(refusedService(String(reason)))),
    );
  };
}
