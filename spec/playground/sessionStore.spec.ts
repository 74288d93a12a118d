import { createSessionStore, type SessionChange } from '../../playground/server/sessionStore';

describe('createSessionStore', () => {
  let clock = 1000;
  const store = createSessionStore(() => (clock += 10));
  const changes: string[] = [];
  store.events$.subscribe((change: SessionChange) => changes.push(change.type === 'event' ? `event:${change.event.kind}` : change.type));
  beforeEach(() => void changes.splice(0));

  it('creates a waiting session whose transcript starts with the customer join', () => {
    const session = store.create({ transport: 'gms-v2', customer: { name: 'Ada', email: 'a@x' }, userData: { k: 'v' } });
    expect(session).toMatchObject({ status: 'waiting', transport: 'gms-v2', userData: { k: 'v' }, customFields: {}, routable: true, draft: '' });
    expect(session.participants).toEqual([{ id: session.customerId, role: 'customer', name: 'Ada', state: 'connected', joinedAt: expect.any(Number) }]);
    expect(session.transcript).toEqual([{ seq: 1, id: expect.any(String), kind: 'join', participantId: session.customerId, text: '', time: expect.any(Number) }]);
    expect(changes).toEqual(['created', 'event:join']);
    expect(store.get(session.id)).toBe(session);
    expect(store.list()).toContain(session);
  });

  it('numbers events contiguously with unique ids, and activates the session at the first agent join', () => {
    const session = store.create({ transport: 'nexus-v3', customer: { name: 'Bo' } });
    const agent = store.join(session.id, { role: 'agent', name: 'Dana' })!;
    expect(session.status).toBe('active');
    store.append(session.id, { kind: 'message', participantId: agent.id, text: 'hi', data: { messageType: 'text' } });
    store.append(session.id, { kind: 'message', participantId: session.customerId, text: 'hello' });
    expect(session.transcript.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    expect(new Set(session.transcript.map((e) => e.id)).size).toBe(4);
    expect(session.transcript[2]).toMatchObject({ kind: 'message', text: 'hi', data: { messageType: 'text' } });
    expect(store.agents(session.id)).toEqual([agent]);
  });

  it('lets agents leave without ending; end makes everyone still connected leave, agents first, once', () => {
    const session = store.create({ transport: 'gms-v2', customer: { name: 'Cy' } });
    const first = store.join(session.id, { role: 'agent', name: 'A' })!;
    const second = store.join(session.id, { role: 'supervisor', name: 'S' })!;
    store.leave(session.id, first.id);
    expect(session.status).toBe('active');
    expect(store.leave(session.id, first.id)).toBeUndefined();
    changes.splice(0);
    expect(store.end(session.id)).toBe(session);
    expect(session.transcript.slice(-2).map((e) => [e.kind, e.participantId])).toEqual([
      ['leave', second.id],
      ['leave', session.customerId],
    ]);
    expect(changes).toEqual(['participant', 'event:leave', 'participant', 'event:leave', 'ended']);
    expect(session).toMatchObject({ status: 'ended', endedAt: expect.any(Number) });
    expect(store.end(session.id)).toBeUndefined();
    expect(store.append(session.id, { kind: 'message', participantId: second.id })).toBeUndefined();
    expect(store.join(session.id, { role: 'agent', name: 'late' })).toBeUndefined();
  });

  it('holds routing until markRoutable, once', () => {
    const session = store.create({ transport: 'purecloud-v2', customer: { name: 'G' }, routable: false });
    changes.splice(0);
    store.markRoutable(session.id);
    store.markRoutable(session.id);
    expect(session.routable).toBe(true);
    expect(changes).toEqual(['routable']);
  });

  it('renames, updates attached data and the draft, changes participant state, stores files', () => {
    const session = store.create({ transport: 'gms-v2', customer: { name: 'Old' } });
    store.rename(session.id, session.customerId, 'New');
    expect(session.customer.name).toBe('New');
    store.update(session.id, { userData: { a: '1' }, customFields: { b: '2' }, meta: { c: '3' }, draft: 'typing' });
    expect(session).toMatchObject({ userData: { a: '1' }, customFields: { b: '2' }, meta: { c: '3' }, draft: 'typing' });
    store.setParticipantState(session.id, session.customerId, 'disconnected');
    expect(session.participants[0]).toMatchObject({ state: 'disconnected', leftAt: expect.any(Number) });
    const file = store.addFile(session.id, { name: 'a.txt', type: 'text/plain', size: 1, bytes: Buffer.from('a'), uploadedBy: session.customerId })!;
    expect(session.files.get(file.id)).toMatchObject({ name: 'a.txt', downloads: 0 });
    expect(store.update('nope', {})).toBeUndefined();
  });
});
