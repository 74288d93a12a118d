import { cold } from 'jest-marbles';
import { switchMap } from 'rxjs';
import { switchMapUntilComplete } from '../../lib/operators/switchMapUntilComplete';

describe('switchMapUntilComplete', () => {
  const project = (value: string) => cold('--x', { x: value.toUpperCase() });

  it('switches to the newest inner observable', () => {
    const source = cold<string>('-a-b----c---');
    const expected = '   -----B----C-';
    expect(source.pipe(switchMapUntilComplete(project))).toBeObservable(cold(expected));
  });

  it('completes with the source, dropping the running inner', () => {
    const source = cold<string>('-a----b|');
    const expected = '   ---A---|';
    expect(source.pipe(switchMapUntilComplete(project))).toBeObservable(cold(expected));
  });

  it('differs from switchMap, which lets the running inner finish', () => {
    const source = cold<string>('-a----b|');
    const expected = '   ---A----B';
    expect(source.pipe(switchMap(project))).toBeObservable(cold(expected));
  });

  it('passes source errors through', () => {
    const source = cold<string>('-a#');
    const expected = '   --#';
    expect(source.pipe(switchMapUntilComplete(project))).toBeObservable(cold(expected));
  });
});
