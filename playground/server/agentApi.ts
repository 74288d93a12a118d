import express, { type Request, type Response, type Router } from 'express';
import multer from 'multer';
import { isAgentError, type AgentControl, type AgentError, type AgentResult, type AgentRole } from './agentControl';
import { isFaultKind, type FaultController, type FaultRule } from './faults';
import { sessionView } from './sessionView';

const ROLES: readonly AgentRole[] = ['agent', 'supervisor', 'bot'];
const ERROR_STATUS: Record<AgentError['error'], number> = { 'not-found': 404, ended: 409, 'no-agent': 409 };

/**
 * The agent API: the contact center's agent side over HTTP, for tests, the agent console page and
 * anyone else. JSON in, JSON out; errors are `{error, message}` (404 unknown session, 409 ended
 * session or no agent connected, 400 bad body).
 *
 * | Route | Body | Answer |
 * |---|---|---|
 * | `GET /agent/sessions` | — | every session (`?transport=`, `?status=` filter) |
 * | `GET /agent/sessions/{id}` | — | one session |
 * | `POST /agent/sessions/{id}/join` | `{name?, role?: "agent"\|"supervisor"\|"bot", avatar?}` | the participant |
 * | `POST /agent/sessions/{id}/messages` | `{text, participantId?}` | the transcript event |
 * | `POST /agent/sessions/{id}/typing` | `{typing: boolean, participantId?}` | the transcript event |
 * | `POST /agent/sessions/{id}/push-url` | `{url, participantId?}` | the transcript event |
 * | `POST /agent/sessions/{id}/notice` | `{text}` | the transcript event (system) |
 * | `POST /agent/sessions/{id}/custom-notice` | `{text, data?, participantId?}` | the transcript event |
 * | `POST /agent/sessions/{id}/files` | multipart `file`, or `{name, type?, base64}` | `{file, event}` |
 * | `POST /agent/sessions/{id}/leave` | `{participantId?}` | the transcript event |
 * | `POST /agent/sessions/{id}/end` | — | the ended session |
 * | `GET /agent/faults` | — | `{rules, injected}` |
 * | `POST /agent/faults` | a FaultRule or a list (`count: "Infinity"` for always) | `{rules, injected}` |
 * | `DELETE /agent/faults` | — | `{rules: [], injected}` |
 *
 * @example
 * await fetch(`${url}/agent/sessions/${id}/join`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name":"Dana"}' });
 *
 * @param agent The in-process agent actions.
 * @param faults The fault controller.
 */
export function agentApi(agent: AgentControl, faults: FaultController): Router {
  const router = express.Router();
  const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: 64 * 1024 * 1024 } });
  router.use('/agent', express.json({ limit: '100mb' }));

  const reply = <T>(res: Response, result: AgentResult<T>, view: (value: T) => unknown = (value) => value): void => {
    if (isAgentError(result)) res.status(ERROR_STATUS[result.error]).json(result);
    else res.json(view(result));
  };
  const bad = (res: Response, message: string): void => void res.status(400).json({ error: 'bad-request', message });
  const body = (req: Request): Record<string, unknown> => (typeof req.body === 'object' && req.body !== null ? (req.body as Record<string, unknown>) : {});
  const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
  const speaker = (req: Request): { participantId?: string } => {
    const participantId = str(body(req).participantId);
    return participantId ? { participantId } : {};
  };

  router.get('/agent/sessions', (req, res) => {
    const { transport, status } = req.query;
    res.json(
      agent
        .sessions()
        .filter((s) => (typeof transport !== 'string' || s.transport.includes(transport)) && (typeof status !== 'string' || s.status === status))
        .map(sessionView),
    );
  });
  router.get('/agent/sessions/:id', (req, res) => {
    const session = agent.session(req.params.id);
    if (session) res.json(sessionView(session));
    else res.status(404).json({ error: 'not-found', message: `no session ${req.params.id}` });
  });
  router.post('/agent/sessions/:id/join', (req, res) => {
    const { name, role, avatar } = body(req);
    if (role !== undefined && !ROLES.includes(role as AgentRole)) return bad(res, `role must be one of ${ROLES.join(', ')}`);
    reply(res, agent.join(req.params.id, { ...(str(name) ? { name: str(name) } : {}), ...(role ? { role: role as AgentRole } : {}), ...(str(avatar) ? { avatar: str(avatar) } : {}) }));
  });
  router.post('/agent/sessions/:id/messages', (req, res) => {
    const text = str(body(req).text);
    if (text === undefined) return bad(res, 'text (a string) is required');
    reply(res, agent.say(req.params.id, text, speaker(req)));
  });
  router.post('/agent/sessions/:id/typing', (req, res) => {
    const typing = body(req).typing;
    if (typeof typing !== 'boolean') return bad(res, 'typing (a boolean) is required');
    reply(res, agent.typing(req.params.id, typing, speaker(req)));
  });
  router.post('/agent/sessions/:id/push-url', (req, res) => {
    const url = str(body(req).url);
    if (!url) return bad(res, 'url is required');
    reply(res, agent.pushUrl(req.params.id, url, speaker(req)));
  });
  router.post('/agent/sessions/:id/notice', (req, res) => {
    const text = str(body(req).text);
    if (text === undefined) return bad(res, 'text (a string) is required');
    reply(res, agent.notice(req.params.id, text));
  });
  router.post('/agent/sessions/:id/custom-notice', (req, res) => {
    const { text, data } = body(req);
    if (typeof text !== 'string') return bad(res, 'text (a string) is required');
    const extra = typeof data === 'object' && data !== null ? { data: data as Record<string, unknown> } : {};
    reply(res, agent.customNotice(req.params.id, text, { ...speaker(req), ...extra }));
  });
  router.post('/agent/sessions/:id/files', upload.single('file'), (req, res) => {
    const fields = body(req);
    const file = req.file
      ? { name: req.file.originalname, type: req.file.mimetype, bytes: req.file.buffer }
      : str(fields.name) && str(fields.base64) !== undefined
        ? { name: str(fields.name) as string, type: str(fields.type) ?? 'application/octet-stream', bytes: Buffer.from(str(fields.base64) as string, 'base64') }
        : undefined;
    if (!file) return bad(res, 'a multipart "file", or {name, type?, base64}, is required');
    reply(res, agent.sendFile(String(req.params.id), file, speaker(req)), ({ file: stored, event }) => ({
      file: { id: stored.id, name: stored.name, type: stored.type, size: stored.size },
      event,
    }));
  });
  router.post('/agent/sessions/:id/leave', (req, res) => reply(res, agent.leave(req.params.id, speaker(req))));
  router.post('/agent/sessions/:id/end', (req, res) => reply(res, agent.end(req.params.id), sessionView));

  const faultState = () => ({ rules: faults.rules().map((rule) => ({ ...rule, count: rule.count === Infinity ? 'Infinity' : rule.count })), injected: faults.injected });
  router.get('/agent/faults', (_req, res) => void res.json(faultState()));
  router.post('/agent/faults', (req, res) => {
    const input: unknown[] = Array.isArray(req.body) ? (req.body as unknown[]) : [req.body];
    const rules = input.map(toFaultRule);
    const invalid = rules.findIndex((rule) => rule === undefined);
    if (invalid >= 0) return bad(res, `rule ${invalid}: kind must be a known fault kind`);
    faults.add(rules as FaultRule[]);
    res.json(faultState());
  });
  router.delete('/agent/faults', (_req, res) => {
    faults.clear();
    res.json(faultState());
  });
  return router;
}

/**
 * A fault rule from JSON, where `Infinity` cannot be written: `count` may be `"Infinity"`,
 * `"always"` or `null` for "always".
 *
 * @param value The parsed JSON value.
 */
export function toFaultRule(value: unknown): FaultRule | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const input = value as Record<string, unknown>;
  if (!isFaultKind(input.kind)) return undefined;
  const rule: FaultRule = { kind: input.kind };
  for (const key of ['transport', 'route', 'sessionId'] as const) if (typeof input[key] === 'string') rule[key] = input[key] as string;
  for (const key of ['probability', 'delayMs', 'retryAfter', 'status'] as const) if (typeof input[key] === 'number') rule[key] = input[key] as number;
  if (typeof input.count === 'number') rule.count = input.count;
  else if (input.count === null || input.count === 'Infinity' || input.count === 'always') rule.count = Infinity;
  return rule;
}
