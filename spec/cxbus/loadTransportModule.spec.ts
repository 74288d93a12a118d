import { tap } from 'rxjs';
import type { Observable } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import type { TransportFactories } from '../../lib/composeWebChatService';
import { loadTransportModule, transportModuleFile } from '../../lib/cxbus/loadTransportModule';
import { transportModuleMissing } from '../../lib/model/rejections';
import type { TransportFactory } from '../../lib/transports/transport';

const testScheduler = () => new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
const folder = 'https://cdn.example.com/webchat/';
const url = `${folder}webchat-rx.nexus-v3.mod.js`;
const nexusFactory = (() => {
  throw new Error('not called here');
}) as unknown as TransportFactory;

/** A script loader whose script answers `answer`; a `true` first registers `registers` (the module running). */
function fakeLoader(answer: Observable<boolean>, transports: TransportFactories, registers = true) {
  const urls: string[] = [];
  const load = (requested: string) => {
    urls.push(requested);
    return answer.pipe(tap((ran) => void (ran && registers && (transports['nexus-v3'] = nexusFactory))));
  };
  return { load, urls };
}

describe('loadTransportModule', () => {
  it('names the module after the back end', () => {
    expect(transportModuleFile('purecloud-v2')).toBe('webchat-rx.purecloud-v2.mod.js');
  });

  it('injects the module from the folder of the core script and emits the factory it registered', () => {
    testScheduler().run(({ cold, expectObservable, flush }) => {
      const transports: TransportFactories = {};
      const loader = fakeLoader(cold('----(t|)', { t: true }), transports);
      expectObservable(loadTransportModule('nexus-v3', { folder, load: loader.load, transports, timeoutMs: 20 })).toBe('----(f|)', { f: nexusFactory });
      flush();
      expect(loader.urls).toEqual([url]);
    });
  });

  it('rejects with the reason when the script fails to load', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const transports: TransportFactories = {};
      const loader = fakeLoader(cold('---(f|)', { f: false }), transports);
      expectObservable(loadTransportModule('nexus-v3', { folder, load: loader.load, transports, timeoutMs: 20 })).toBe('---#', undefined, transportModuleMissing(url));
    });
  });

  it('rejects with the reason when the script runs but registers no back end (another build, a wrong file)', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const transports: TransportFactories = {};
      const loader = fakeLoader(cold('--(t|)', { t: true }), transports, false);
      expectObservable(loadTransportModule('nexus-v3', { folder, load: loader.load, transports, timeoutMs: 20 })).toBe('--#', undefined, transportModuleMissing(url));
    });
  });

  it('gives up after timeoutMs on the scheduler when the script never answers, and stops listening', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const transports: TransportFactories = {};
      const never = cold<boolean>('-');
      const loader = fakeLoader(never, transports);
      expectObservable(loadTransportModule('nexus-v3', { folder, load: loader.load, transports, timeoutMs: 20 })).toBe('20ms #', undefined, transportModuleMissing(url));
      expectSubscriptions(never.subscriptions).toBe('^ 19ms !');
    });
  });

  it('loads nothing until subscribed, then the URL of the folder once', () => {
    testScheduler().run(({ cold, expectObservable, flush }) => {
      const transports: TransportFactories = {};
      const loader = fakeLoader(cold('-(t|)', { t: true }), transports);
      const result = loadTransportModule('nexus-v3', { folder, load: loader.load, transports, timeoutMs: 20 });
      expect(loader.urls).toEqual([]);
      expectObservable(result).toBe('-(f|)', { f: nexusFactory });
      flush();
      expect(loader.urls).toEqual([url]);
    });
  });

  it('says where the module was looked for and what to do', () => {
    expect(transportModuleMissing(url)).toBe(
      `Could not load transport module '${url}'. Put it in the folder of webchat-rx.cxbus.min.js (same build), or load webchat-rx.cxbus.all.min.js instead.`,
    );
  });
});
