import type { Response } from 'express';
import type { ChatSession, SessionStore } from '../sessionStore';
import { checkUpload, fileLimitsUserData, type GmsFileLimits } from './gmsFileLimits';
import { GMS_SYSTEM_SENDER, type GmsMessage } from './gmsMessage';
import type { GmsRefusal } from './gmsOperations';

/**
 * GMS file transfer on the store (wire-gms-v2 §6.11–6.14, §10), shared by the REST file routes
 * and the CometD `chat-ntf` endpoint.
 */

/** A multipart file part as multer hands it over. */
export interface UploadPart {
  originalname: string;
  mimetype: string;
  size: number;
  buffer: Buffer;
}

/** The `file-client-cfg-get` notice. UNCONFIRMED: it gets no index and stays out of the transcript. */
export function fileLimitsNotice(session: ChatSession, limits: GmsFileLimits, now: number): GmsMessage {
  return { type: 'Notice', text: 'file-client-cfg-get', utcTime: now, from: { ...GMS_SYSTEM_SENDER }, userData: fileLimitsUserData(session, limits) };
}

/** Stores the customer's upload and appends `file-uploaded`; the refusal (codes 201/202/203) otherwise. */
export function uploadFile(store: SessionStore, session: ChatSession, file: UploadPart | undefined, description: string | undefined, limits: GmsFileLimits): { fileId: string } | { refusal: GmsRefusal } {
  // UNCONFIRMED: the code for an upload without a file.
  if (!file) return { refusal: { code: 500, advice: 'No file in the request' } };
  const error = checkUpload(session, { name: file.originalname, size: file.size }, limits);
  if (error) return { refusal: error };
  const stored = store.addFile(session.id, {
    name: file.originalname,
    type: file.mimetype || 'application/octet-stream',
    size: file.size,
    bytes: file.buffer,
    uploadedBy: session.customerId,
    ...(description ? { description } : {}),
  });
  if (!stored) return { refusal: { code: 500, advice: 'Upload failed' } };
  const data = { fileId: stored.id, fileName: stored.name, fileSize: stored.size, fileType: stored.type, ...(description ? { description } : {}) };
  store.append(session.id, { kind: 'file-uploaded', participantId: session.customerId, text: stored.name, data });
  return { fileId: stored.id };
}

/** Sends the file's bytes with its type and an attachment disposition (headers UNCONFIRMED); false when there is no such file. */
export function sendFile(res: Response, session: ChatSession, fileId: string): boolean {
  const file = session.files.get(fileId);
  if (!file || file.deleted) return false;
  file.downloads += 1;
  // The quoted form of §6.13 for plain names; express's RFC 5987 encoding for the others.
  if (/^[\x20-\x7e]*$/.test(file.name) && !/["\\]/.test(file.name)) res.set('Content-Disposition', `attachment; filename="${file.name}"`);
  else res.attachment(file.name);
  res.status(200).type(file.type).send(file.bytes);
  return true;
}

/** Marks the file deleted and appends `file-deleted`; false when there is no such file. */
export function deleteFile(store: SessionStore, session: ChatSession, fileId: string): boolean {
  const file = session.files.get(fileId);
  if (!file || file.deleted) return false;
  file.deleted = true;
  store.append(session.id, { kind: 'file-deleted', participantId: session.customerId, text: file.name, data: { fileId: file.id, fileName: file.name, fileSize: file.size } });
  return true;
}
