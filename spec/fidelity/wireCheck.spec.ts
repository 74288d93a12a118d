import { redactSecret } from '../../playground/server/redactSecret';
import type { RequestDetail } from '../../playground/server/requestDetail';
import { absent, anyString, bound, integer, is, jsonArray, matches, oneOf, secret, unconfirmed, type WireCall, type WirePhase } from '../fixtures/wire/wireFixture';
import { checkPhase, expectWire } from './wireCheck';

const bindings = { chatId: 'C1', secureKey: 'K1', userId: 'U1' };
const headers = { 'content-type': 'application/x-www-form-urlencoded; charset=UTF-8' };
const request = (path: string, fields: Record<string, string>, extra: Partial<RequestDetail> = {}): RequestDetail => ({
  method: 'POST',
  path: `/chat${path}`,
  query: {},
  headers,
  body: 'form',
  fields,
  files: [],
  ...extra,
});
const send: WireCall = {
  name: 'Send',
  method: 'POST',
  path: '/chat/{chatId}/send',
  body: 'form',
  headers: { 'content-type': matches(/^application\/x-www-form-urlencoded/), authorization: absent },
  fields: { userId: bound('userId'), secureKey: secret('secureKey'), message: is('Hi'), transcriptPosition: absent },
  reply: { status: 200, json: { statusCode: is(0), messages: jsonArray } },
};
const refresh: WireCall = { name: 'Refresh', method: 'POST', path: '/chat/{chatId}/refresh', repeat: 'background', min: 1, body: 'form', headers: { 'content-type': anyString }, fields: { transcriptPosition: integer, message: is('') } };
const phase: WirePhase = { does: 'send, with polls around', calls: [send, refresh] };
const goodSend = (): RequestDetail => request('/C1/send', { userId: 'U1', secureKey: redactSecret('K1'), message: 'Hi' }, { reply: { status: 200, json: { statusCode: 0, messages: [] } } });
const goodRefresh = (): RequestDetail => request('/C1/refresh', { transcriptPosition: '3', message: '' });

describe('checkPhase: recorded requests against a fixture phase', () => {
  it('passes a phase that matches: the ordered call once, polls anywhere around it', () => {
    expect(checkPhase([goodRefresh(), goodSend(), goodRefresh()], phase, bindings).problems).toEqual([]);
  });

  it.each<[string, () => RequestDetail[], RegExp]>([
    ['a literal that differs', () => [goodSend(), { ...goodRefresh(), fields: { transcriptPosition: '3', message: 'typing…' } }], /field message: expected "", got "typing…"/],
    ['a field that must be absent', () => [{ ...goodSend(), fields: { ...goodSend().fields, transcriptPosition: '2' } }, goodRefresh()], /field transcriptPosition: expected absent/],
    ['a field the spec does not show', () => [{ ...goodSend(), fields: { ...goodSend().fields, alias: '117' } }, goodRefresh()], /field alias: not in the spec/],
    ['a required field missing', () => [{ ...goodSend(), fields: { secureKey: redactSecret('K1'), message: 'Hi' } }, goodRefresh()], /field userId: expected the chat's userId, got \(absent\)/],
    ['a secret that is not the one handed out', () => [{ ...goodSend(), fields: { ...goodSend().fields, secureKey: redactSecret('other') } }, goodRefresh()], /field secureKey: expected redactSecret\(secureKey\)/],
    ['an encoding that differs', () => [{ ...goodSend(), fields: { ...goodSend().fields }, query: {}, body: 'multipart' }, goodRefresh()], /body: expected form, got multipart/],
    ['a header the spec forbids', () => [{ ...goodSend(), headers: { ...headers, authorization: redactSecret('Bearer x') } }, goodRefresh()], /header authorization: expected absent/],
    ['a header the spec does not show', () => [{ ...goodSend(), headers: { ...headers, 'x-api-key': 'k' } }, goodRefresh()], /header x-api-key: not in the spec/],
    ['an integer written otherwise', () => [goodSend(), { ...goodRefresh(), fields: { transcriptPosition: 'three', message: '' } }], /transcriptPosition: expected integer/],
    ['a reply of another shape', () => [{ ...goodSend(), reply: { status: 200, json: { statusCode: 1 } } }, goodRefresh()], /reply statusCode: expected 0, got 1/],
    ['a reply status that differs', () => [{ ...goodSend(), reply: { status: 400 } }, goodRefresh()], /reply status: expected 200, got 400/],
    ['a call the phase does not have', () => [goodSend(), goodRefresh(), request('/C1/stopTyping', {})], /a call the spec does not show here/],
    ['the ordered call missing', () => [goodRefresh()], /missing call: Send/],
    ['too few background calls', () => [goodSend()], /expected at least 1 × Refresh, got 0/],
    ['a path with another chat id', () => [request('/C2/send', goodSend().fields), goodRefresh()], /not a call of this phase|missing call: Send/],
  ])('fails on %s', (_what, recorded, problem) => {
    const report = checkPhase(recorded(), phase, bindings);
    expect(report.problems.join('\n')).toMatch(problem);
    expect(() => expectWire(recorded(), phase, bindings)).toThrow(/the requests depart from the wire spec/);
  });

  it('fails when two ordered calls come in the other order, and says which', () => {
    const twoCalls: WirePhase = { does: 'start then stop', calls: [{ ...send, name: 'Start', path: '/chat/{chatId}/startTyping', fields: {}, reply: undefined }, { ...send, name: 'Stop', path: '/chat/{chatId}/stopTyping', fields: {}, reply: undefined }] };
    const report = checkPhase([request('/C1/stopTyping', {}), request('/C1/startTyping', {})], twoCalls, bindings);
    expect(report.problems.join('\n')).toMatch(/"Stop" out of order/);
    expect(report.diff).toContain('out of order (expected "Start" first)');
  });

  it('checks JSON bodies leaf by leaf, and every element under a * rule', () => {
    const create: WireCall = { name: 'Create', method: 'POST', path: '/c', body: 'json', headers: {}, json: { 'memberInfo.displayName': is('Ada'), 'memberInfo.customFields.nickname': is('Ada'), 'tags.*': matches(/^t/) } };
    const ok: RequestDetail = { ...request('', {}), path: '/c', headers: {}, body: 'json', json: { memberInfo: { displayName: 'Ada', customFields: { nickname: 'Ada' } }, tags: ['t1', 't2'] } };
    expect(checkPhase([ok], { does: 'create', calls: [create] }, {}).problems).toEqual([]);
    const bad = { ...ok, json: { memberInfo: { displayName: 'Ada', customFields: { phone: '1' } }, tags: ['t1', 'x'] } };
    expect(checkPhase([bad], { does: 'create', calls: [create] }, {}).problems).toEqual([
      expect.stringMatching(/json memberInfo.customFields.nickname: expected "Ada", got \(absent\)/),
      expect.stringMatching(/json tags.1: expected \/\^t\/, got "x"/),
      expect.stringMatching(/json memberInfo.customFields.phone: not in the spec/),
    ]);
  });

  it('names an UNCONFIRMED detail in the difference it causes, and oneOf takes any of its rules', () => {
    const poll: WireCall = { name: 'Poll', method: 'GET', path: '/m', body: 'none', headers: {}, query: { index: unconfirmed(oneOf(absent, matches(/^\d+-\d+$/)), '§7 format') } };
    const get = (query: Record<string, string>): RequestDetail => ({ ...request('', {}), method: 'GET', path: '/m', headers: {}, body: 'none', query });
    expect(checkPhase([get({})], { does: 'poll', calls: [poll] }, {}).problems).toEqual([]);
    expect(checkPhase([get({ index: '4-0' })], { does: 'poll', calls: [poll] }, {}).problems).toEqual([]);
    expect(checkPhase([get({ index: '4' })], { does: 'poll', calls: [poll] }, {}).problems).toEqual([expect.stringContaining('[UNCONFIRMED: §7 format]')]);
  });
});
