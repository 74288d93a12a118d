import { ownSends } from '../../../lib/transports/shared/ownSends';

describe('ownSends (which send a customer message of a repeated text belongs to)', () => {
  it('matches new customer messages to the sends of that text in order', () => {
    const sends = ownSends();
    const first = sends.start('yes');
    first.settle(true);
    const second = sends.start('yes');
    sends.saw('yes');
    expect([first.seen, second.seen]).toEqual([true, false]);
    sends.saw('yes');
    expect(second.seen).toBe(true);
  });

  it('ignores messages of other texts, and of texts no send is waiting for (history, another device)', () => {
    const sends = ownSends();
    const ticket = sends.start('hello');
    sends.saw('hi');
    sends.saw('hello there');
    expect(ticket.seen).toBe(false);
  });

  it('a send that was not delivered claims nothing: the next message of that text is the next send’s', () => {
    const sends = ownSends();
    sends.start('yes').settle(false);
    const next = sends.start('yes');
    sends.saw('yes');
    expect(next.seen).toBe(true);
  });

  it('a message seen before its send is answered (a poll overtook the reply) still counts for that send', () => {
    const sends = ownSends();
    const ticket = sends.start('yes');
    sends.saw('yes');
    ticket.settle(true);
    const later = sends.start('yes');
    expect([ticket.seen, later.seen]).toEqual([true, false]);
  });
});
