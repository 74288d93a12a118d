import { cloudTranscript } from '../../../lib/transports/purecloud-v2/cloudTranscript';
import { cloudParticipantType, normalizeCloudMessage } from '../../../lib/transports/purecloud-v2/normalizeCloudMessage';
import type { WebChatMemberInfo } from '../../../lib/transports/purecloud-v2/cloudWire';
import { wireMessage } from '../../fixtures/cloudFrames';

const members: Record<string, WebChatMemberInfo> = {
  ME: { id: 'ME', role: 'CUSTOMER', displayName: 'Ada' },
  AG: { id: 'AG', role: 'AGENT', displayName: 'Kim', avatarImageUrl: 'https://example.com/kim.png' },
  BOT: { id: 'BOT', role: 'WORKFLOW', displayName: 'Bot' },
  ACD: { id: 'ACD', role: 'ACD', displayName: 'Queue' },
};
const member = (id: string) => members[id];
const live = (...messages: ReturnType<typeof wireMessage>[]) => messages.map((message) => ({ kind: 'message' as const, message }));
const summary = (items: { key: unknown; message: { index: number; type: string; from: { type: string } } }[]) =>
  items.map((item) => `${item.message.index}:${item.message.type}:${item.message.from.type}:${String(item.key)}`);

describe('normalizeCloudMessage (contract §9.3)', () => {
  it('maps bodyType, sender role, name, avatar, text and timestamp', () => {
    expect(normalizeCloudMessage(wireMessage('m2', 'AG', 'Hi!', 'standard', '2020-08-05T13:09:49.546Z'), members.AG, 'ME', 3)).toEqual({
      index: 3,
      id: 'm2',
      type: 'Message',
      text: 'Hi!',
      html: false,
      userData: {},
      timestamp: Date.parse('2020-08-05T13:09:49.546Z'),
      from: { id: 'AG', type: 'Agent', name: 'Kim', avatar: 'https://example.com/kim.png' },
    });
  });

  it.each([
    ['notice', 'Notice'],
    ['member-join', 'ParticipantJoined'],
    ['member-leave', 'ParticipantLeft'],
  ])('bodyType %s ⇒ %s; media-request is dropped', (bodyType, type) => {
    expect(normalizeCloudMessage(wireMessage('m', 'AG', '', bodyType), members.AG, 'ME', 1)?.type).toBe(type);
    expect(normalizeCloudMessage(wireMessage('m', 'AG', '', 'media-request'), members.AG, 'ME', 1)).toBeNull();
  });

  it.each<[WebChatMemberInfo | undefined, string | undefined, string]>([
    [members.ME, 'standard', 'Client'],
    [members.AG, 'standard', 'Agent'],
    [members.BOT, 'standard', 'Bot'],
    [members.BOT, 'notice', 'External'],
    [members.ACD, 'notice', 'External'],
    [undefined, 'standard', 'External'],
  ])('sender %j with bodyType %s is %s', (sender, bodyType, type) => {
    expect(cloudParticipantType(sender, 'ME', bodyType)).toBe(type);
  });
});

describe('cloudTranscript', () => {
  it('numbers live messages from 1, drops repeats, and keeps the newest id as the after= cursor', () => {
    const transcript = cloudTranscript('ME', false);
    expect(summary([transcript.ownJoin('Ada', 0)])).toEqual(['1:ParticipantJoined:Client:member-join:ME']);
    const first = transcript.live(live(wireMessage('m1', 'AG', '', 'member-join'), wireMessage('m2', 'AG')), member);
    const again = transcript.live(live(wireMessage('m2', 'AG'), wireMessage('m3', 'ME')), member);
    expect(summary(first.items)).toEqual(['2:ParticipantJoined:Agent:m1', '3:Message:Agent:m2']);
    expect(summary(again.items)).toEqual(['4:Message:Client:m3']);
    expect(transcript.newestId()).toBe('m3');
    expect(transcript.oldestId()).toBe('m1');
  });

  it('orders a delivery by timestamp (equal ones by arrival)', () => {
    const transcript = cloudTranscript('ME', false);
    const { items } = transcript.live(
      live(wireMessage('late', 'AG', 'b', 'standard', '2020-01-01T00:00:02Z'), wireMessage('early', 'AG', 'a', 'standard', '2020-01-01T00:00:01Z'), wireMessage('tie', 'AG', 'c', 'standard', '2020-01-01T00:00:02Z')),
      member,
    );
    expect(items.map((i) => i.key)).toEqual(['early', 'late', 'tie']);
    expect(transcript.newestId()).toBe('tie');
  });

  it('hides the guest own join once a synthetic one stood for it, ACD joins/leaves, and bot joins/leaves unless botEventsEnabled (wire §5.2 item 4)', () => {
    const joins = live(wireMessage('j1', 'ME', '', 'member-join'), wireMessage('j2', 'ACD', '', 'member-join'), wireMessage('j3', 'BOT', '', 'member-join'), wireMessage('b1', 'BOT', 'hello'));
    const started = (botEvents: boolean) => {
      const transcript = cloudTranscript('ME', botEvents);
      transcript.ownJoin('Ada', 0);
      return transcript;
    };
    expect(summary(started(false).live(joins, member).items)).toEqual(['2:Message:Bot:b1']);
    expect(summary(started(true).live(joins, member).items)).toEqual(['2:ParticipantJoined:Bot:j3', '3:Message:Bot:b1']);
  });

  it('replays the guest own join where no synthetic one was published in this page life (a restore, issue 10 item 3)', () => {
    const restored = cloudTranscript('ME', false, 'm0');
    const replay = restored.live(live(wireMessage('j1', 'ME', '', 'member-join'), wireMessage('j2', 'AG', '', 'member-join'), wireMessage('m1', 'AG', 'hi')), member);
    expect(summary(replay.items)).toEqual(['1:ParticipantJoined:Client:j1', '2:ParticipantJoined:Agent:j2', '3:Message:Agent:m1']);
    // History of a restored page shows it too; of a started page it stays hidden.
    expect(summary(cloudTranscript('ME', false).history([wireMessage('j1', 'ME', '', 'member-join')], member))).toEqual(['0:ParticipantJoined:Client:j1']);
    const started = cloudTranscript('ME', false);
    started.ownJoin('Ada', 0);
    expect(started.history([wireMessage('j1', 'ME', '', 'member-join')], member)).toEqual([]);
  });

  it('reports the guest own member-leave', () => {
    const transcript = cloudTranscript('ME', false);
    expect(transcript.live(live(wireMessage('l1', 'AG', '', 'member-leave')), member).ownLeft).toBe(false);
    expect(transcript.live(live(wireMessage('l2', 'ME', '', 'member-leave')), member)).toMatchObject({ ownLeft: true, items: [expect.objectContaining({ key: 'l2' })] });
  });

  it('turns agent typing signals into side-effect-only TypingStarted items and ignores the guest own', () => {
    const transcript = cloudTranscript('ME', false);
    const { items } = transcript.live(
      [
        { kind: 'typing', typing: { id: 't1', sender: { id: 'AG' } } },
        { kind: 'typing', typing: { id: 't2', sender: { id: 'ME' } } },
        { kind: 'typing', typing: { id: 't1', sender: { id: 'AG' } } },
      ],
      member,
    );
    expect(items).toEqual([expect.objectContaining({ key: 't1', sideEffectOnly: true, message: expect.objectContaining({ type: 'TypingStarted', isTyping: true, from: expect.objectContaining({ type: 'Agent' }) }) })]);
    expect(transcript.newestId()).toBeNull();
  });

  it('numbers history pages downward from 0, chronological, and moves the before= cursor even on equal timestamps', () => {
    const transcript = cloudTranscript('ME', false);
    transcript.live(live(wireMessage('m5', 'AG'), wireMessage('m6', 'AG')), member);
    // A descending page, newest first, all in the same millisecond.
    const page = transcript.history([wireMessage('m4', 'AG'), wireMessage('m3', 'AG'), wireMessage('m5', 'AG')], member);
    expect(summary(page)).toEqual(['-1:Message:Agent:m3', '0:Message:Agent:m4']);
    expect(transcript.oldestId()).toBe('m3');
    expect(transcript.newestId()).toBe('m6');
  });

  it('starts from a persisted cursor until something newer is seen', () => {
    const transcript = cloudTranscript('ME', false, 'm7');
    expect(transcript.newestId()).toBe('m7');
    transcript.live(live(wireMessage('m8', 'AG')), member);
    expect(transcript.newestId()).toBe('m8');
  });
});
