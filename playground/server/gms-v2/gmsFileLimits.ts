import type { ChatSession } from '../sessionStore';

/** The file limits the playground announces and enforces (the values of the wire-gms-v2 §6.11 example). */
export interface GmsFileLimits {
  maxFiles: number;
  maxFileSize: number;
  maxTotalSize: number;
  downloadAttempts: number;
  needAgent: boolean;
  /** Lower-case extensions. */
  fileTypes: readonly string[];
}

export const DEFAULT_GMS_FILE_LIMITS: GmsFileLimits = {
  maxFiles: 5,
  maxFileSize: 10485760,
  maxTotalSize: 52428800,
  downloadAttempts: 10,
  needAgent: true,
  fileTypes: ['jpg', 'png', 'gif', 'pdf', 'txt'],
};

/** A GMS upload refusal: its code (§8.2) and advice. */
export interface GmsUploadError {
  code: 201 | 202 | 203;
  advice: string;
}

/** The customer's live (not deleted) uploads, which is what counts against the limits. UNCONFIRMED: whether deleted files free their slot. */
const customerFiles = (session: ChatSession) => [...session.files.values()].filter((f) => f.uploadedBy === session.customerId && !f.deleted);

/**
 * The `userData` of the `file-client-cfg-get` notice (§6.11): every value a string.
 *
 * @param session Whose usage to report.
 * @param limits The limits.
 */
export function fileLimitsUserData(session: ChatSession, limits: GmsFileLimits): Record<string, string> {
  const files = customerFiles(session);
  return {
    'download-attempts': String(limits.downloadAttempts),
    'upload-max-files': String(limits.maxFiles),
    'upload-max-file-size': String(limits.maxFileSize),
    'upload-max-total-size': String(limits.maxTotalSize),
    'upload-need-agent': String(limits.needAgent),
    'upload-file-types': limits.fileTypes.join(':'),
    'used-upload-max-files': String(files.length),
    'used-upload-max-total-size': String(files.reduce((sum, f) => sum + f.size, 0)),
    'used-download-attempts': String([...session.files.values()].reduce((sum, f) => sum + f.downloads, 0)),
    // UNCONFIRMED meaning (§6.11): echoed as in the example.
    'delete-file': 'odd',
  };
}

/**
 * Why an upload must be refused (codes 201/202/203 of §8.2), or `undefined` when it fits.
 *
 * @param session The session receiving the file.
 * @param file The upload's name and size.
 * @param limits The limits.
 */
export function checkUpload(session: ChatSession, file: { name: string; size: number }, limits: GmsFileLimits): GmsUploadError | undefined {
  const files = customerFiles(session);
  if (files.length >= limits.maxFiles) return { code: 201, advice: 'Maximum number of attachments exceeded' };
  const used = files.reduce((sum, f) => sum + f.size, 0);
  if (file.size > limits.maxFileSize || used + file.size > limits.maxTotalSize) return { code: 202, advice: 'Upload size limit exceeded' };
  const extension = file.name.includes('.') ? file.name.slice(file.name.lastIndexOf('.') + 1).toLowerCase() : '';
  if (!limits.fileTypes.includes(extension)) return { code: 203, advice: 'File type is not allowed' };
  return undefined;
}
