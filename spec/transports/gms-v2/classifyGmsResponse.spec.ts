import { classifyGmsResponse } from '../../../lib/transports/gms-v2/classifyGmsResponse';
import { gmsOutcome } from '../../../lib/transports/gms-v2/gmsOutcome';
import { normalizeGmsMessage } from '../../../lib/transports/gms-v2/normalizeGmsMessage';
import { parseFileLimits } from '../../../lib/transports/gms-v2/parseFileLimits';
import { userDataFields } from '../../../lib/transports/gms-v2/gmsForm';
import type { HttpResponse } from '../../../lib/platform/platform';

/** What a GMS call yields for one response: its verdict, then the outcome built from it. */
const outcomeOf = (response: HttpResponse, options: { refresh?: boolean } = {}) => gmsOutcome(response, classifyGmsResponse(response, options), 0);
const reply = (status: number, json: unknown, extra: Partial<HttpResponse> = {}): HttpResponse => ({ status, statusText: status === 200 ? 'OK' : 'Error', json, headers: {}, ...extra });

describe('classifyGmsResponse (wire-gms-v2 §8)', () => {
  it.each([
    ['HTTP 200 statusCode 0', reply(200, { statusCode: 0, messages: [] }), true, 'ok'],
    ['statusCode 1', reply(200, { statusCode: 1 }), false, 'serverBusy'],
    ['statusCode 2 + chatEnded', reply(200, { statusCode: 2, chatEnded: true, errors: [{ code: 249 }] }), false, 'ended'],
    ['statusCode 2 without chatEnded', reply(200, { statusCode: 2, errors: [{ code: 161 }] }), false, 'refused'],
    ['network failure', reply(0, undefined, { statusText: 'error' }), false, 'networkDown'],
    ['timeout', reply(0, undefined, { statusText: 'timeout' }), false, 'networkDown'],
    ['HTTP 500 without envelope', reply(500, undefined, { text: 'oops' }), false, 'serverError'],
    ['HTTP 429', reply(429, undefined, { headers: { 'retry-after': '2' } }), false, 'serverError'],
    ['WAF plain-text 403', reply(403, undefined, { text: 'Forbidden' }), false, 'refused'],
    ['HTTP 200 not JSON', reply(200, undefined, { text: '<html>' }), false, 'refused'],
    ['HTTP 400 with envelope (upload refused)', reply(400, { statusCode: 2, errors: [{ code: 203 }] }), false, 'refused'],
  ])('%s', (_name, response, ok, verdict) => {
    expect(classifyGmsResponse(response)).toBe(verdict);
    const outcome = outcomeOf(response);
    expect(outcome.ok).toBe(ok);
    expect(outcome.verdict).toBe(verdict);
  });

  it('marks 404/500/502 without an envelope InvalidService and carries jqXHR-like fields', () => {
    const outcome = outcomeOf(reply(502, undefined, { text: 'Bad Gateway', statusText: 'Bad Gateway' }));
    expect(outcome.ok ? null : outcome.failure).toEqual({ status: 502, statusText: 'Bad Gateway', responseText: 'Bad Gateway', errorReason: 'InvalidService' });
  });

  it('reports Retry-After in seconds on the failure and in ms for the backoff', () => {
    const outcome = outcomeOf(reply(429, undefined, { headers: { 'retry-after': '3' } }));
    expect(outcome).toMatchObject({ ok: false, retryAfterMs: 3000, failure: { retryAfter: 3 } });
  });

  it('ignores error 204 on refresh (the typing preview may be too long) but not elsewhere', () => {
    const tooLong = reply(200, { statusCode: 2, errors: [{ code: 204 }], messages: [] });
    expect(classifyGmsResponse(tooLong, { refresh: true })).toBe('ok');
    expect(outcomeOf(tooLong, { refresh: true }).ok).toBe(true);
    expect(outcomeOf(tooLong).ok).toBe(false);
  });

  it('tags error 306 as InvalidService', () => {
    const outcome = outcomeOf(reply(200, { statusCode: 2, errors: [{ code: 306 }] }));
    expect(outcome.ok ? null : outcome.failure).toMatchObject({ errorReason: 'InvalidService' });
  });
});

describe('normalizeGmsMessage (contract §9.3)', () => {
  it('maps the wire message to the normalized shape', () => {
    expect(
      normalizeGmsMessage({ index: 4, type: 'Message', utcTime: 1700000123000, text: 'Hello', messageType: 'text', from: { nickname: 'Dana', participantId: '2', type: 'Agent' } }),
    ).toEqual({ index: 4, type: 'Message', text: 'Hello', html: false, userData: {}, timestamp: 1700000123000, messageType: 'text', from: { id: 2, type: 'Agent', name: 'Dana' } });
  });
  it('marks a bot from party-info, and lets structured content override the text', () => {
    const message = normalizeGmsMessage({
      index: 5, type: 'Message', utcTime: 1, text: 'plain', from: { nickname: 'Bo', participantId: 3, type: 'External' },
      eventAttributes: JSON.stringify({ GCTI_SYSTEM: { 'party-info': { style: 'BOT' } }, 'structured-content': { 'genesys-chat': { content: '{"text":"rich"}' } } }),
    });
    expect(message).toMatchObject({ text: 'rich', from: { type: 'Bot' }, content: { text: 'rich' } });
  });
  it('adds isTyping and fileDetails', () => {
    expect(normalizeGmsMessage({ index: 1, type: 'TypingStarted', from: { type: 'Agent' } }).isTyping).toBe(true);
    expect(normalizeGmsMessage({ index: 1, type: 'FileUploaded', userData: { 'file-id': 'F' }, from: { type: 'Client' } }).fileDetails).toEqual({ 'file-id': 'F' });
  });
});

describe('GMS form helpers', () => {
  it('flattens userData into userData[k] fields (objects as JSON, null left out)', () => {
    expect(userDataFields({ a: 'x', n: 3, b: true, o: { k: 1 }, z: null })).toEqual([
      ['userData[a]', 'x'], ['userData[n]', '3'], ['userData[b]', 'true'], ['userData[o]', '{"k":1}'],
    ]);
  });
  it('parses the file limits notice', () => {
    expect(parseFileLimits([{ type: 'Notice', userData: { 'upload-max-files': '5', 'upload-file-types': 'jpg:png', 'upload-need-agent': 'true' } }])).toMatchObject({
      uploadMaxFiles: 5, uploadFileTypes: ['jpg', 'png'], uploadNeedAgent: true,
    });
    expect(parseFileLimits([])).toBeUndefined();
  });
});

describe('hostile sender types', () => {
  it('a wire type named after an Object.prototype member is no sender type', () => {
    expect(normalizeGmsMessage({ index: 1, type: 'Message', from: { type: 'constructor' } }).from.type).toBe('External');
    expect(normalizeGmsMessage({ index: 1, type: 'Message', from: { type: 'toString' } }).from.type).toBe('External');
  });
});
