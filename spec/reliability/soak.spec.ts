import { runSoak, type SoakReport } from '../soak/runSoak';
import type { SoakTransportId } from '../soak/soakProfiles';
import { formatSoakTable } from '../soak/formatSoakTable';
import { transports } from './reliabilityHarness';

/**
 * The short soak inside `npm test` (the full one is `npm run soak`, 500 sessions per transport):
 * ten sessions per transport, all at once, each under its own seeded fault plan, checked
 * against the server's transcript. Every count must be zero: nothing lost, duplicated or out of
 * order, every command settled, nothing left open, no secret outside the events that may carry it.
 */
describe.each(transports)('short soak: %s', (transport: SoakTransportId) => {
  let report: SoakReport;

  beforeAll(async () => {
    report = await runSoak({ transports: [transport], sessions: 10, concurrency: 10, seed: 6, traceTimers: true });
  }, 60000);

  const summary = () => report.summaries[0];
  const explain = () => `\n${formatSoakTable(report)}\n${[...summary().problems, ...summary().secretFindings.map((f) => `secret ${f.secret} in ${f.where}`)].join('\n')}`;

  it('ran every session under faults, and most of them to a real conversation', () => {
    expect(summary().sessions).toBe(10);
    expect(summary().notStarted).toBeLessThan(3);
    expect(Object.values(summary().faults).reduce((sum, n) => sum + (n ?? 0), 0)).toBeGreaterThan(10);
    expect(summary().messages).toBeGreaterThan(20);
  });

  it('lost, duplicated, out of order: 0', () => {
    expect({ lost: summary().lost, duplicated: summary().duplicated, outOfOrder: summary().outOfOrder, why: summary().lost + summary().duplicated + summary().outOfOrder > 0 ? explain() : '' }).toEqual({
      lost: 0, duplicated: 0, outOfOrder: 0, why: '',
    });
  });

  it('typed offline (issue 14): messages typed during outages were queued, and none is lost or duplicated', () => {
    const { typedOffline, offlineLost, offlineDuplicated } = summary();
    expect(typedOffline).toBeGreaterThan(0);
    expect({ offlineLost, offlineDuplicated, why: offlineLost + offlineDuplicated > 0 ? explain() : '' }).toEqual({ offlineLost: 0, offlineDuplicated: 0, why: '' });
  });

  it('unsettled commands, and sessions whose ending never reached ended: 0', () => {
    const { unsettled, unended } = summary();
    expect({ unsettled, unended, why: unsettled + unended > 0 ? explain() : '' }).toEqual({ unsettled: 0, unended: 0, why: '' });
  });

  it('nothing left running after destroy(): no timer, request, socket or subscription, and no process handle', () => {
    const why = [summary().leaked > 0 ? explain() : '', ...report.leakedTimerStacks.map((stack) => `timer left by:\n${stack}`)].filter(Boolean).join('\n');
    expect({ leaked: summary().leaked, process: report.processLeaks, why }).toEqual({ leaked: 0, process: {}, why: '' });
  });

  it('no secret (secureKey, token, JWT) in a log line, a rejection, or an event that may not carry it', () => {
    expect(summary().secretFindings).toEqual([]);
  });
});
