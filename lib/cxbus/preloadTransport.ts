import { shareReplay } from 'rxjs';
import type { Observable } from 'rxjs';
import type { TransportId } from '../model/config';
import { transportIdOf } from '../service/resolveConfig';
import type { TransportFactory } from '../transports/transport';

/**
 * The core bundle's back-end loader, started early: the module of the back end the page's
 * `_genesys.widgets.webchat` names is requested at once (while the core script still runs), not
 * when the service is configured, so its download overlaps the core's own start-up and `ready`
 * need not wait a network round trip after the script. Each back end is loaded once; a later
 * request (at configure) gets the same load, replayed. Without a config object at script time
 * nothing is loaded early.
 *
 * @example
 * const loadTransport = preloadTransport((id) => loadTransportModule(id, deps), window._genesys?.widgets?.webchat);
 *
 * @param load Loads one back end's module (`loadTransportModule`).
 * @param webchat The page's webchat config as it is when the core script runs, if any.
 */
export function preloadTransport(load: (transportId: TransportId) => Observable<TransportFactory>, webchat: unknown): (transportId: TransportId) => Observable<TransportFactory> {
  const loads = new Map<TransportId, Observable<TransportFactory>>();
  const loadOnce = (transportId: TransportId) => {
    let loading = loads.get(transportId);
    if (!loading) {
      loading = load(transportId).pipe(shareReplay({ bufferSize: 1, refCount: false }));
      loads.set(transportId, loading);
      // Started now; a failure is answered to whoever asks at configure.
      loading.subscribe({ error: () => undefined });
    }
    return loading;
  };
  if (typeof webchat === 'object' && webchat !== null) {
    let transportId: TransportId | undefined;
    try {
      transportId = transportIdOf(webchat);
    } catch {
      // A config that throws when read is refused at configure, as always.
    }
    if (transportId) loadOnce(transportId);
  }
  return loadOnce;
}
