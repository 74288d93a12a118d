import type { Playground, RequestDetail } from '../../playground/server/index';

/** The requests a whole chat made, phase by phase (each phase = what one step of the driver caused). */
export interface WireRecorder {
  readonly phases: Record<string, RequestDetail[]>;
  /** Runs `act` and files every request of `transport` the playground recorded meanwhile under `name`. */
  phase(name: string, act: () => Promise<void>): Promise<void>;
}

/**
 * Cuts a playground's request log (started with `recordRequests: true`) into named phases.
 *
 * @example
 * const wire = recordWire(playground, 'gms-v2');
 * await wire.phase('send', () => firstValueFrom(chat.sendMessage({ message: 'Hi' })).then(() => undefined));
 * expectWire(wire.phases.send, gmsV2Wire.phases.send, bindings);
 *
 * @param playground The playground. @param transport Which protocol's requests to keep.
 */
export function recordWire(playground: Playground, transport: string): WireRecorder {
  const phases: Record<string, RequestDetail[]> = {};
  return {
    phases,
    async phase(name, act) {
      const from = playground.requestLog.length;
      try {
        await act();
      } finally {
        // The details are the log's own objects: a reply that lands later still completes them.
        phases[name] = playground.requestLog.slice(from).flatMap((entry) => (entry.transport === transport && entry.detail ? [entry.detail] : []));
      }
    },
  };
}
