import type { FileLimits } from '../../model/commands';
import type { Outcome } from '../transport';
import { gmsMessagesOf } from './gmsMessagesOf';
import type { GmsEnvelope, GmsMessage } from './gmsWire';

/**
 * The parsed `limits` of a file-limits response (`wire-gms-v2.md` §6.11, product): the string map of
 * whichever message carries it, as numbers, a boolean and a type list.
 */
export function parseFileLimits(messages: readonly GmsMessage[]): FileLimits | undefined {
  const carrier = messages.find((m) => m && m.userData && typeof m.userData === 'object' && 'upload-max-files' in m.userData);
  if (!carrier?.userData) return undefined;
  const data = carrier.userData;
  const num = (key: string) => {
    const value = Number(data[key]);
    return Number.isFinite(value) ? value : 0;
  };
  return {
    uploadMaxFiles: num('upload-max-files'),
    uploadMaxFileSize: num('upload-max-file-size'),
    uploadMaxTotalSize: num('upload-max-total-size'),
    uploadNeedAgent: String(data['upload-need-agent']) === 'true',
    uploadFileTypes: String(data['upload-file-types'] ?? '').split(':').filter(Boolean),
    usedUploadMaxFiles: num('used-upload-max-files'),
    usedUploadMaxTotalSize: num('used-upload-max-total-size'),
    downloadAttempts: num('download-attempts'),
    usedDownloadAttempts: num('used-download-attempts'),
  };
}

/** A file-limits answer as `getFileLimits` resolves it: the envelope with its parsed `limits` (§6.11). */
export function withFileLimits(outcome: Outcome<GmsEnvelope>): Outcome<Record<string, unknown> & { limits?: FileLimits }> {
  if (!outcome.ok) return outcome;
  const limits = parseFileLimits(gmsMessagesOf(outcome.body));
  return { ok: true, verdict: 'ok', body: { ...outcome.body, ...(limits ? { limits } : {}) } };
}
