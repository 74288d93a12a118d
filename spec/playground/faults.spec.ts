import { createFaultController, type FaultRule } from '../../playground/server/faults';
import { seededRandom } from '../../playground/server/seededRandom';

describe('seededRandom', () => {
  it('repeats its sequence for a seed, differs between seeds, and stays in [0, 1)', () => {
    const take = (seed: number) => Array.from({ length: 50 }, seededRandom(seed));
    expect(take(7)).toEqual(take(7));
    expect(take(7)).not.toEqual(take(8));
    for (const value of take(3)) {
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThan(1);
    }
  });
});

describe('createFaultController', () => {
  it('fires a rule `count` times (default 1), then no more, counting what it injected', () => {
    const faults = createFaultController();
    faults.add([{ kind: 'http500', count: 2 }, { kind: 'http502' }]);
    const kinds = Array.from({ length: 4 }, () => faults.take('gms-v2', 'refresh', 'S1')?.kind);
    expect(kinds).toEqual(['http500', 'http500', 'http502', undefined]);
    expect(faults.injected.http500).toBe(2);
    expect(faults.injected.http502).toBe(1);
  });

  it('matches transport, route and session when the rule names them', () => {
    const faults = createFaultController();
    faults.add({ kind: 'drop', transport: 'nexus-v3', route: 'messages', sessionId: 'S2', count: Infinity });
    expect(faults.take('gms-v2', 'messages', 'S2')).toBeUndefined();
    expect(faults.take('nexus-v3', 'send', 'S2')).toBeUndefined();
    expect(faults.take('nexus-v3', 'messages', 'S1')).toBeUndefined();
    expect(faults.take('nexus-v3', 'messages', 'S2')?.kind).toBe('drop');
    expect(faults.take('nexus-v3', 'messages', 'S2')?.kind).toBe('drop');
  });

  it('leaves a rule whose kind the caller cannot apply for another caller', () => {
    const faults = createFaultController();
    faults.add({ kind: 'gmsStatusCode1' });
    expect(faults.take('gms-v2', 'refresh', 'S', ['http500', 'timeout'])).toBeUndefined();
    expect(faults.take('gms-v2', 'refresh', 'S', ['gmsStatusCode1'])?.kind).toBe('gmsStatusCode1');
  });

  it('applies probabilities from the seed: the same seed gives the same schedule', () => {
    const schedule = (seed: number) => {
      const faults = createFaultController(seed, [{ kind: 'http503', probability: 0.5, count: Infinity }]);
      return Array.from({ length: 40 }, () => (faults.take('gms-v2', 'refresh', 'S') ? 1 : 0)).join('');
    };
    expect(schedule(11)).toBe(schedule(11));
    expect(schedule(11)).not.toBe(schedule(12));
    const hits = [...schedule(11)].filter((c) => c === '1').length;
    expect(hits).toBeGreaterThan(5);
    expect(hits).toBeLessThan(35);
  });

  it('lists active rules with their remaining count, clears them, announces additions and rejects unknown kinds', () => {
    const faults = createFaultController(1, [{ kind: 'slow', delayMs: 10, count: 3 }]);
    const added: FaultRule[] = [];
    faults.added$.subscribe((rule) => added.push(rule));
    faults.take('x', 'y', undefined);
    faults.add({ kind: 'socketClose', transport: 'purecloud-v2' });
    expect(faults.rules()).toEqual([
      { kind: 'slow', delayMs: 10, count: 2 },
      { kind: 'socketClose', transport: 'purecloud-v2', count: 1 },
    ]);
    expect(added).toEqual([{ kind: 'socketClose', transport: 'purecloud-v2' }]);
    expect(() => faults.add({ kind: 'nope' as never })).toThrow('unknown fault kind');
    faults.clear();
    expect(faults.rules()).toEqual([]);
    expect(faults.take('x', 'y', undefined)).toBeUndefined();
    faults.close();
  });
});
