import type { ChatSession, Participant, TranscriptEvent } from './sessionStore';

/** A session as the agent API shows it (JSON: files without their bytes). */
export interface SessionView {
  id: string;
  transport: string;
  status: ChatSession['status'];
  customer: ChatSession['customer'];
  userData: Record<string, string>;
  customFields: Record<string, string>;
  meta: Record<string, string>;
  draft: string;
  participants: Participant[];
  transcript: TranscriptEvent[];
  files: { id: string; name: string; type: string; size: number; uploadedBy: string; deleted: boolean }[];
  createdAt: number;
  endedAt?: number;
}

/**
 * The JSON view of a session for `GET /agent/sessions`.
 *
 * @param session A store session.
 */
export function sessionView(session: ChatSession): SessionView {
  return {
    id: session.id,
    transport: session.transport,
    status: session.status,
    customer: session.customer,
    userData: session.userData,
    customFields: session.customFields,
    meta: session.meta,
    draft: session.draft,
    participants: session.participants,
    transcript: session.transcript,
    files: [...session.files.values()].map((f) => ({ id: f.id, name: f.name, type: f.type, size: f.size, uploadedBy: f.uploadedBy, deleted: f.deleted === true })),
    createdAt: session.createdAt,
    ...(session.endedAt !== undefined ? { endedAt: session.endedAt } : {}),
  };
}
