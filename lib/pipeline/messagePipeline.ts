import { OperatorFunction, defer, map } from 'rxjs';
import type { Preprocessor } from '../model/commands';
import type { NormalizedMessage } from '../model/messages';
import type { Logger } from '../platform/platform';
import type { RawBatch, RawItem } from '../model/receive';
import { applyPreprocessors } from './applyPreprocessors';
import { dedupe } from './dedupe';
import { isPrefiltered } from './prefilters';

/** What the pipeline reads at the moment a batch passes (the session's live registries). */
export interface PipelineContext {
  /** The keys delivered so far; the operator keeps its own per subscription when none is given. */
  seen?: Set<string>;
  prefilters(): readonly RegExp[];
  preprocessors(): readonly Preprocessor[];
  logger: Logger;
}

/** One message after the pipeline: `visible` ones are published; all run side effects in order. */
export interface PipelineEntry {
  message: NormalizedMessage;
  raw: unknown;
  visible: boolean;
  sideEffectOnly: boolean;
}

export interface ProcessedBatch {
  /** Every new message in chronological order (side effects run over these). */
  entries: PipelineEntry[];
  /** The visible messages in publication order (history pages: newest first). */
  messages: NormalizedMessage[];
  originalMessages: unknown[];
  restoring: boolean;
  oldMessages: boolean;
  idleTimeCountDown?: unknown;
}

/**
 * The message pipeline shared by all transports (`contract.md` §10 steps 2–5): dedupe against the
 * session's seen-set, order by transcript position, prefilter, preprocess. The seen-set lives
 * inside the pipe: one per subscription (one per session), unless the context brings its own.
 *
 * ```
 * raw batches ──► dedupe ──► order ──► prefilter ──► preprocess ──► processed batches
 * ```
 */
export function messagePipeline(context: PipelineContext): OperatorFunction<RawBatch, ProcessedBatch> {
  return (batches$) =>
    defer(() => {
      const seen = context.seen ?? new Set<string>();
      return batches$.pipe(map((batch) => processBatch(batch, context, seen)));
    });
}

/** The pipeline for one batch (what {@link messagePipeline} maps with). */
export function processBatch(batch: RawBatch, context: PipelineContext, seen = context.seen ?? new Set<string>()): ProcessedBatch {
  const restoring = batch.restoring === true;
  const oldMessages = batch.oldMessages === true;
  const items = dedupe(batch.items, seen);
  if (items.length > 1) items.sort(byOrder);
  const filters = context.prefilters();
  const preprocessors = context.preprocessors();
  const entries: PipelineEntry[] = new Array(items.length);
  const messages: NormalizedMessage[] = [];
  const originalMessages: unknown[] = [];
  // One pass, no per-item closures: this runs for every message of every batch (bench figure 2).
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    const sideEffectOnly = item.sideEffectOnly === true;
    const visible = !sideEffectOnly && !isPrefiltered(String(item.message.type), item.message.text, filters);
    // Object.assign, not `{ ...m, restoring: true }`: a property added to a spread clone leaves
    // V8's fast path and cost 2-3x per restored message (bench figure 3).
    let message: NormalizedMessage = restoring ? Object.assign({}, item.message, restoringFlag) : { ...item.message };
    if (visible) {
      if (preprocessors.length > 0) message = applyPreprocessors(message, preprocessors, context.logger);
      messages.push(message);
      originalMessages.push(item.raw);
    }
    entries[i] = { message, raw: item.raw, visible, sideEffectOnly };
  }
  if (oldMessages) {
    messages.reverse();
    originalMessages.reverse();
  }
  const processed: ProcessedBatch = { entries, messages, originalMessages, restoring, oldMessages };
  if (batch.idleTimeCountDown !== undefined) processed.idleTimeCountDown = batch.idleTimeCountDown;
  return processed;
}

const restoringFlag = { restoring: true } as const;

function byOrder(a: RawItem, b: RawItem): number {
  return a.order - b.order;
}
