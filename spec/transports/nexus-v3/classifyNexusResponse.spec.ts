import type { NexusCallKind } from '../../../lib/transports/nexus-v3/classifyNexusResponse';
import { classifyNexusResponse, nexusErrorCode } from '../../../lib/transports/nexus-v3/classifyNexusResponse';
import type { Verdict } from '../../../lib/transports/transport';
import { httpJson } from '../../../lib/testing/fakePlatform';

const invalidSession = { status: { code: 'INVALID_SESSION', message: 'gone' } };

describe('classifyNexusResponse', () => {
  it.each<[string, number, unknown, NexusCallKind, Verdict]>([
    ['a network failure or timeout', 0, undefined, 'session', 'networkDown'],
    ['a 200 with data', 200, { status: { code: 0, message: 'OK' }, data: { messages: [] } }, 'session', 'ok'],
    ['a 200 with data even when status.code is a string (status is not inspected)', 200, { status: { code: 'WHATEVER' }, data: {} }, 'session', 'ok'],
    ['an empty 204', 204, undefined, 'session', 'ok'],
    ['a 200 {}', 200, {}, 'session', 'ok'],
    ['a 2xx with a string status.code and no data', 200, { status: { code: 'INVALID_ENDPOINT', message: 'x' } }, 'create', 'refused'],
    ['a 2xx INVALID_SESSION without data', 200, invalidSession, 'session', 'sessionLost'],
    ['a 404 INVALID_SESSION', 404, invalidSession, 'session', 'sessionLost'],
    ['a bare 404 on a session call', 404, undefined, 'session', 'sessionLost'],
    ['a bare 404 on a resume', 404, undefined, 'resume', 'sessionLost'],
    ['a bare 404 on a plain create (wrong URL, no session)', 404, undefined, 'create', 'refused'],
    ['a 401 on a resume (token rejected, §11.2)', 401, { status: { code: 'INVALID_SESSION' } }, 'resume', 'sessionLost'],
    ['a 401 INVALID_CONTACT_CENTER on create', 401, { status: { code: 'INVALID_CONTACT_CENTER' } }, 'create', 'refused'],
    ['a bare 401 on a session call', 401, undefined, 'session', 'refused'],
    ['a 400 INVALID_FILE_TYPE', 400, { status: { code: 'INVALID_FILE_TYPE' } }, 'session', 'refused'],
    ['a 429', 429, undefined, 'session', 'serverError'],
    ['a 500', 500, undefined, 'session', 'serverError'],
    ['a 503 with an envelope', 503, { status: { code: 'UNAVAILABLE' } }, 'session', 'serverError'],
    ['a 302', 302, undefined, 'session', 'serverError'],
  ])('classifies %s', (_, status, json, kind, verdict) => {
    expect(classifyNexusResponse(httpJson(status, json), kind)).toBe(verdict);
  });
});

describe('nexusErrorCode', () => {
  it.each([
    [invalidSession, 'INVALID_SESSION'],
    [{ status: { code: 0 } }, undefined],
    [{ status: { code: '' } }, undefined],
    [{ status: 'x' }, undefined],
    [undefined, undefined],
    [[1], undefined],
  ])('reads %j as %s', (body, code) => {
    expect(nexusErrorCode(body)).toBe(code);
  });
});
