import { of } from 'rxjs';
import type { Preprocessor } from '../model/commands';
import { Rejections, noPreprocessor } from '../model/rejections';
import { readFilters } from '../pipeline/prefilters';
import { commandEpic, reject, settled } from './chatEpic';

/** What the pipeline hides and rewrites: `addPrefilter` (§6.8) and `registerPreProcessor` (§6.21). */
export const filtersEpic = commandEpic({
  addPrefilter: (options, _command, _state$, deps) => {
    const filters = readFilters(options.filters);
    if (!filters) return reject(Rejections.filters);
    return of(settled(deps.engine.addPrefilters(filters)));
  },

  registerPreProcessor: (options, _command, _state$, deps) => {
    const preprocessor = options.preprocessor;
    if (typeof preprocessor !== 'function') return reject(noPreprocessor(preprocessor));
    deps.engine.preprocessors.push(preprocessor as Preprocessor);
    return of(settled(preprocessor));
  },
});
