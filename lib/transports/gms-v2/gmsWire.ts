/** GMS Chat API v2 wire types (`wire-gms-v2.md` §4, §5). */
export interface GmsFrom {
  nickname?: string;
  participantId?: number | string;
  type?: string;
}

export interface GmsMessage {
  index?: number;
  type?: string;
  utcTime?: number;
  from?: GmsFrom;
  text?: string;
  messageType?: string;
  userData?: Record<string, unknown>;
  eventAttributes?: Record<string, unknown> | string;
  html?: boolean;
  bubble?: unknown;
  [field: string]: unknown;
}

export interface GmsEnvelope {
  statusCode?: number;
  chatId?: string;
  userId?: string;
  secureKey?: string;
  alias?: string;
  messages?: GmsMessage[];
  nextPosition?: number;
  chatEnded?: boolean;
  errors?: Array<{ code?: number; advice?: string }>;
  userData?: Record<string, unknown>;
  idleTimerExpire?: unknown;
  [field: string]: unknown;
}

/** The identity triple plus chatId (§3), persisted with the session. */
export interface GmsIdentity {
  chatId: string;
  userId: string;
  secureKey: string;
  alias: string;
}
