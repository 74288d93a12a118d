import { noParticipants, numAgentsConnected, participantChange } from '../../lib/service/participants';
import { fakeMessage } from '../../lib/testing/fakeTransport';

describe('participantChange (contract §10 step 6)', () => {
  it('publishes one event per transition and is idempotent', () => {
    const join = fakeMessage(2, 'ParticipantJoined', 'Agent');
    const a = participantChange(noParticipants, join, 0, true);
    expect(a.event).toBe('agentConnected');
    // While connected the shipped client gives disconnectedTime: false (issue 10 item 5).
    expect(a.state.agents['2']).toMatchObject({ connected: true, disconnectedTime: false });
    expect(participantChange(a.state, join, 0, true).event).toBeUndefined();
    const left = participantChange(a.state, fakeMessage(3, 'ParticipantLeft', 'Agent'), 5, true);
    expect(left.event).toBe('agentDisconnected');
    expect(left.state.agents['2']).toMatchObject({ connected: false, disconnectedTime: expect.any(Number) });
    expect(participantChange(left.state, fakeMessage(4, 'ParticipantLeft', 'Agent'), 6, true).event).toBeUndefined();
  });
  it('names supervisor and bot events; bots are silent without bot events and never counted', () => {
    const s = participantChange(noParticipants, fakeMessage(2, 'ParticipantJoined', 'Supervisor', '', 7), 0, true);
    expect(s.event).toBe('supervisorConnected');
    const b = participantChange(s.state, fakeMessage(3, 'ParticipantJoined', 'Bot', '', 8), 0, false);
    expect(b.event).toBeUndefined();
    expect(participantChange(s.state, fakeMessage(3, 'ParticipantJoined', 'Bot', '', 8), 0, true).event).toBe('botConnected');
    expect(numAgentsConnected(b.state.agents)).toBe(1);
  });
  it('publishes clientDisconnected once per session', () => {
    const joined = participantChange(noParticipants, fakeMessage(1, 'ParticipantJoined', 'Client'), 0, true);
    expect(joined.event).toBe('clientConnected');
    const left = participantChange(joined.state, fakeMessage(9, 'ParticipantLeft', 'Client'), 0, true);
    expect(left.event).toBe('clientDisconnected');
    expect(participantChange(left.state, fakeMessage(10, 'ParticipantLeft', 'Client'), 0, true).event).toBeUndefined();
  });
});
