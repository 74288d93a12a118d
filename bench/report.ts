/** One line of the printed table (and of `latest.json`). */
export interface Row {
  /** The figure it belongs to (1–6 of the issue). */
  figure: string;
  /** What was measured, e.g. `IIFE (dist/webchat-rx.cxbus.min.js)`. */
  what: string;
  /** The figure itself, formatted (`46.3 KB`, `1.9 M msg/s`). */
  value: string;
  /** The floor beside the figure: the least the same work costs without us (`bare ws 0.12 ms`, `blank page 53 ms`). */
  floor?: string;
  /** The figure over its floor (`12.3×`), printed beside every figure that has one. */
  ratio?: string;
  /** Anything else worth comparing (growth, anchors, the contract's count). */
  comparison?: string;
  /** The goal of the issue, where it sets one. */
  goal?: string;
  /** Whether `value` meets `goal`. */
  met?: boolean;
}

/** What one figure hands back: its table rows and its raw data (samples, sizes) for the JSON file. */
export interface FigureResult {
  id: string;
  rows: Row[];
  data: Record<string, unknown>;
}

/** Knobs every figure gets: the size flag and a log line for progress. */
export interface BenchContext {
  quick: boolean;
  log(line: string): void;
}

/** `1234567` → `1.23 M`, `12345` → `12.3 k`. */
export function si(value: number): string {
  if (value >= 1e6) return `${(value / 1e6).toFixed(2)} M`;
  if (value >= 1e3) return `${(value / 1e3).toFixed(1)} k`;
  return value.toFixed(value < 10 ? 2 : 0);
}

/** Bytes as `12.3 KB` (1 KB = 1024 bytes, as the anchors count). */
export function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

/** Milliseconds with a precision that suits their size. */
export function ms(value: number): string {
  return value < 10 ? `${value.toFixed(2)} ms` : value < 100 ? `${value.toFixed(1)} ms` : `${Math.round(value)} ms`;
}

/** `a / b` as `1.42×`. */
export function ratio(a: number, b: number): string {
  return `${(a / b).toFixed(2)}×`;
}

/**
 * The rows as an aligned plain-text table (what `npm run bench` prints) or as Markdown (what the
 * README carries).
 */
export function formatTable(rows: readonly Row[], style: 'text' | 'markdown'): string {
  const header = ['#', 'What', 'Value', 'Floor', '÷ floor', 'Note', 'Goal'];
  const cells = rows.map((r) => [r.figure, r.what, r.value, r.floor ?? '', r.ratio ?? '', r.comparison ?? '', r.goal ? `${r.goal} ${r.met ? '✔ met' : '✘ missed'}` : '']);
  if (style === 'markdown') {
    const line = (c: string[]) => `| ${c.join(' | ')} |`;
    return [line(header), line(header.map(() => '---')), ...cells.map(line)].join('\n');
  }
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) => c.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
}
