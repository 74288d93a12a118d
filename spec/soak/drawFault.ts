import type { FaultRule } from '../../playground/server/faults';
import type { SoakFault } from './soakProfiles';

/**
 * Draws one fault rule from a weighted menu, deterministically from `random`: the kind, one of its
 * routes, a streak length up to the kind's `maxCount` (`Infinity` when sticky), and for `slow` a delay on either side of a
 * 800 ms `ajaxTimeout` (a slow answer the client gives up on, then the server acts on anyway).
 *
 * @example
 * const rule = drawFault(gmsProfile.transient, seededRandom(7));
 * playground.faults.add({ ...rule, sessionId });
 *
 * @param menu The faults to choose from (non-empty).
 * @param random A seeded source in [0, 1).
 */
export function drawFault(menu: readonly SoakFault[], random: () => number): FaultRule {
  const total = menu.reduce((sum, fault) => sum + fault.weight, 0);
  let pick = random() * total;
  const fault = menu.find((candidate) => (pick -= candidate.weight) < 0) ?? menu[menu.length - 1];
  const route = fault.routes[Math.floor(random() * fault.routes.length)];
  const min = fault.minCount ?? 1;
  const count = fault.sticky ? Infinity : min + Math.floor(random() * ((fault.maxCount ?? 1) - min + 1));
  const rule: FaultRule = { kind: fault.kind, route, count };
  if (fault.kind === 'slow') rule.delayMs = 50 + Math.floor(random() * 1500);
  if (fault.kind === 'http429') rule.retryAfter = 1;
  return rule;
}
