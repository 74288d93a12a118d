import { restoreExpired } from '../../lib/operators/restoreExpired';

describe('restoreExpired', () => {
  it.each`
    ping         | now       | restoreTimeout | expected | why
    ${1000}      | ${61000}  | ${60000}       | ${true}  | ${'exactly restoreTimeout since the last contact'}
    ${1000}      | ${60999}  | ${60000}       | ${false} | ${'one ms short'}
    ${1000}      | ${900000} | ${60000}       | ${true}  | ${'long gone'}
    ${null}      | ${900000} | ${60000}       | ${false} | ${'no ping persisted: ask the server'}
    ${undefined} | ${900000} | ${60000}       | ${false} | ${'no ping persisted: ask the server'}
    ${NaN}       | ${900000} | ${60000}       | ${false} | ${'an unreadable ping counts as missing'}
    ${5000}      | ${1000}   | ${60000}       | ${false} | ${'a ping in the future (clock skew) is fresh'}
  `('ping $ping, now $now, timeout $restoreTimeout ⇒ $expected ($why)', ({ ping, now, restoreTimeout, expected }) => {
    expect(restoreExpired(ping, now, restoreTimeout)).toBe(expected);
  });
});
