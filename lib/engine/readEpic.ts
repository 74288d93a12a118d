import { of } from 'rxjs';
import { commandEpic, settled } from './chatEpic';

/** The read-only commands: `getTranscript`, `getAgents`, `getStats`, `getSessionData` (§6.16). */
export const readEpic = commandEpic({
  getTranscript: (_options, _command, _state$, { engine }) =>
    of(settled({ messages: [...engine.transcript.messages], originalMessages: [...engine.transcript.originalMessages] })),

  getAgents: (_options, _command, _state$, { engine }) => of(settled({ agents: { ...engine.participants.agents } })),

  getStats: (_options, _command, _state$, { engine }) => {
    const { startTime, endTime } = engine;
    return of(
      settled({
        agents: { ...engine.participants.agents },
        startTime: startTime ?? false,
        endTime: endTime ?? false,
        duration: startTime === undefined ? false : (endTime ?? engine.now) - startTime,
      }),
    );
  },

  getSessionData: (_options, _command, _state$, { engine }) => of(settled(engine.sessionData())),
});
