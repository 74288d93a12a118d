import { traceTimers } from '../soak/traceTimers';

// Jest's own reporter makes timers too (when it runs in this process): look at this file's only.
const mine = (stacks: string[]) => stacks.filter((stack) => stack.includes('traceTimers.spec.ts'));

describe('traceTimers (the soak names where a leaked timer came from)', () => {
  it('lists a live timer with the line that made it, and forgets it once cleared', () => {
    const trace = traceTimers();
    try {
      const handle = setTimeout(function leftBehind() {}, 60000);
      const live = mine(trace.live());
      expect(live).toHaveLength(1);
      expect(live[0]).toContain('traceTimers.spec.ts');
      clearTimeout(handle);
      expect(mine(trace.live())).toEqual([]);
    } finally {
      trace.stop();
    }
  });

  it('forgets a timer that fired', async () => {
    const trace = traceTimers();
    try {
      await new Promise<void>((resolve) => setTimeout(resolve, 5));
      expect(mine(trace.live())).toEqual([]);
    } finally {
      trace.stop();
    }
  });
});
