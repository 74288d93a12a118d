import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

// `gc()` without starting node with --expose-gc: set the flag, then take the function from a fresh context.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Runs full garbage collections until the heap stops shrinking (at most 5), then returns `heapUsed` in bytes. */
export function settledHeap(): number {
  let previous = Number.POSITIVE_INFINITY;
  for (let round = 0; round < 5; round++) {
    gc();
    const used = process.memoryUsage().heapUsed;
    if (used >= previous * 0.99) return used;
    previous = used;
  }
  return process.memoryUsage().heapUsed;
}
