import type { ResolvedConfig } from '../model/config';
import { cappedGrowth } from './cappedGrowth';

/** The `ResolvedConfig` keys the GMS poll cadence reads (`contract.md` §2.1); a resolved config fits as is. */
export type GmsPollGapConfig = Pick<ResolvedConfig, 'dynamicPolling' | 'pollRate' | 'pollRateMin' | 'pollRateMax' | 'pollRateMult' | 'pollRateSleep'>;

/**
 * The gap in ms between two GMS poll starts (`contract.md` §11.1).
 *
 * Sleeping: `pollRateSleep`. Fixed polling: `pollRate`. Dynamic polling:
 * `g(0) = pollRateMin`, `g(k + 1) = min(g(k) × pollRateMult, pollRateMax)` — with the defaults
 * 500, 600, 720, 864, 1036.8, …, 3000, 3000, …
 *
 * @example
 * poll(refresh, { measureFrom: 'start', delay: (_, { step, sleeping }) => gmsPollGap(step, config, sleeping) });
 *
 * @param step Gaps since polling started or since the last reset (`info.step` of {@link poll}).
 * @param config The poll rate keys of the resolved configuration.
 * @param sleeping Whether the service is sleeping (`sleep` command or hidden page).
 */
export function gmsPollGap(step: number, config: GmsPollGapConfig, sleeping = false): number {
  if (sleeping) return config.pollRateSleep;
  if (!config.dynamicPolling) return config.pollRate;
  return cappedGrowth(config.pollRateMin, config.pollRateMult, step, config.pollRateMax);
}
