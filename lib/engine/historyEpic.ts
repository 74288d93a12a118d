import { concatMap, of, take } from 'rxjs';
import { Rejections } from '../model/rejections';
import { commandEpic, isActive, reject, settled } from './chatEpic';

/**
 * `fetchHistory` (§6.18): the next older page through the pipeline, flagged `oldMessages`. Without
 * `capabilities.pagination` the §7 table refuses it before it gets here (R-HIST-ASYNC).
 */
export const historyEpic = commandEpic({
  fetchHistory: (_options, _command, state$, deps) => {
    if (!isActive(state$, deps)) return reject(Rejections.noSession);
    const session = deps.engine.runtime!.session;
    const fetch = session.fetchHistory;
    if (!fetch) return reject(Rejections.historyAsync);
    return fetch.call(session).pipe(
      take(1),
      concatMap((outcome) => {
        if (!outcome.ok) return reject(outcome.failure);
        if ('end' in outcome.body) return reject(Rejections.historyEnd);
        deps.engine.deliver({ ...outcome.body.batch, oldMessages: true });
        return of(settled(outcome.body.response));
      }),
    );
  },
});
