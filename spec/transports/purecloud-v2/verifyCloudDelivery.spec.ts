import { TestScheduler } from 'rxjs/testing';
import type { Outcome } from '../../../lib/transports/transport';
import type { CloudReply } from '../../../lib/transports/purecloud-v2/cloudCall';
import type { MessagePages } from '../../../lib/transports/purecloud-v2/fetchMessagePages';
import { verifyCloudDelivery } from '../../../lib/transports/purecloud-v2/verifyCloudDelivery';
import { wireMessage } from '../../fixtures/cloudFrames';

const after = '2020-08-05T13:09:49.250Z';
// The server's clock may be behind the page's: a timestamp older than the send proves nothing.
const earlier = '2020-08-05T13:09:48.999Z';
/** m7: an earlier send of the same text, answered (its frame has not come yet). */
const claimed = new Set(['m7']);
const failed: Extract<Outcome, { ok: false }> = {
  ok: false,
  verdict: 'serverError',
  failure: { status: 503, statusText: 'HTTP 503', errors: [{ code: 'MessageFailed', response: { status: 503 } }] },
};
const reply = (status: number): CloudReply => ({ response: { status, statusText: `HTTP ${status}`, json: {}, headers: {} }, verdict: status === 200 ? 'ok' : 'refused', body: {} });
const pages = (...messages: ReturnType<typeof wireMessage>[]): MessagePages => ({ ok: true, messages, lastReply: reply(200) });
const rejected = (errorReason: string) => ({ ...failed, failure: { ...failed.failure, errorReason } });

/**
 * Runs the check in virtual time over `read` (a cold observable built from its marble) and compares
 * the result's marble; returns the read's subscription log.
 */
function check(firstReadAfter: number, readMarble: string, readValues: Record<string, MessagePages>, expected: string, values: Record<string, unknown>, readSubscription: string) {
  const scheduler = new TestScheduler((actual, wanted) => expect(actual).toEqual(wanted));
  scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
    const read = cold<MessagePages>(readMarble, readValues, { status: 503 });
    expectObservable(verifyCloudDelivery(failed, { text: 'Hello', memberId: 'ME', claimed, read, firstReadAfter, scheduler })).toBe(expected, values);
    expectSubscriptions(read.subscriptions).toBe(readSubscription);
  });
}

describe('verifyCloudDelivery (contract §6.4: a send without an answer is settled by reading, never resent)', () => {
  it('found: the guest’s own message with that exact text, not claimed by an earlier send ⇒ ok with that message', () => {
    const sent = wireMessage('m9', 'ME', 'Hello', 'standard', after);
    check(0, '--(p|)', { p: pages(wireMessage('m7', 'ME', 'Hello', 'standard', after), wireMessage('m8', 'AG', 'Hello', 'standard', after), sent) }, '--(o|)', { o: { ok: true, verdict: 'ok', body: sent } }, '^-!');
  });

  it('found even when the server stamped it earlier than the page’s clock says the send began (clock skew)', () => {
    const sent = wireMessage('m9', 'ME', 'Hello', 'standard', earlier);
    check(0, '-(p|)', { p: pages(sent) }, '-(o|)', { o: { ok: true, verdict: 'ok', body: sent } }, '^!');
  });

  it.each([
    ['only an agent said it', wireMessage('m9', 'AG', 'Hello', 'standard', after)],
    ['the text differs', wireMessage('m9', 'ME', 'Hello ', 'standard', after)],
    ['the same text, but the message an earlier send was answered with', wireMessage('m7', 'ME', 'Hello', 'standard', after)],
  ])('not found (%s) ⇒ MessageNotDelivered', (_case, message) => {
    check(0, '-(p|)', { p: pages(message) }, '-(x|)', { x: rejected('MessageNotDelivered') }, '^!');
  });

  it('an empty conversation after the cursor ⇒ MessageNotDelivered', () => {
    check(0, '-(p|)', { p: pages() }, '-(x|)', { x: rejected('MessageNotDelivered') }, '^!');
  });

  it('the read gave up after its retries (it errors) ⇒ MessageDeliveryUnknown', () => {
    check(0, '----#', {}, '----(x|)', { x: rejected('MessageDeliveryUnknown') }, '^---!');
  });

  it('the read was answered with a failure it does not retry (refused, session lost) ⇒ MessageDeliveryUnknown', () => {
    check(0, '-(f|)', { f: { ok: false, reply: reply(400) } }, '-(x|)', { x: rejected('MessageDeliveryUnknown') }, '^!');
  });

  it('after a timeout the read waits firstReadAfter: a request still on its way can land first', () => {
    const sent = wireMessage('m9', 'ME', 'Hello', 'standard', after);
    check(5, '-(p|)', { p: pages(sent) }, '------(o|)', { o: { ok: true, verdict: 'ok', body: sent } }, '-----^!');
  });
});
