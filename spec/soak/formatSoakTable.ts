import type { SoakReport } from './runSoak';

const columns = ['transport', 'sessions', 'faults', 'messages', 'lost', 'duplicated', 'out of order', 'unsettled', 'unended', 'leaked', 'secrets', 'typed offline'] as const;

/**
 * The soak's result as text: one line per transport with the invariant counts (the promise holds
 * when lost, duplicated, out of order, unsettled, unended, leaked and secrets are all 0, and
 * so are the lost and duplicated of the messages typed offline), then the faults
 * injected by kind, one column per transport.
 *
 * ```
 * transport  sessions  faults  messages  lost  duplicated  out of order  unsettled  unended  leaked  secrets        typed offline
 * gms-v2          500    3100      3650     0           0             0          0        0       0        0  410 (0 lost, 0 dup, 2 refused)
 * ```
 *
 * @param report What {@link runSoak} returned.
 */
export function formatSoakTable(report: SoakReport): string {
  const rows: string[][] = report.summaries.map((s) => [
    s.transport,
    String(s.sessions),
    String(Object.values(s.faults).reduce((sum, n) => sum + (n ?? 0), 0)),
    String(s.messages),
    String(s.lost),
    String(s.duplicated),
    String(s.outOfOrder),
    String(s.unsettled),
    String(s.unended),
    String(s.leaked),
    String(s.secrets),
    `${s.typedOffline} (${s.offlineLost} lost, ${s.offlineDuplicated} dup, ${s.offlineRefused} refused)`,
  ]);
  const lines = [table([[...columns], ...rows])];
  const kinds = [...new Set(report.summaries.flatMap((s) => Object.keys(s.faults)))].sort();
  if (kinds.length > 0) {
    lines.push('', 'faults injected by kind');
    lines.push(table([['kind', ...report.summaries.map((s) => s.transport)], ...kinds.map((kind) => [kind, ...report.summaries.map((s) => String(s.faults[kind as keyof typeof s.faults] ?? '-'))])]));
  }
  return lines.join('\n');
}

/** Left-aligned first column, right-aligned numbers. */
function table(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ')).join('\n');
}
