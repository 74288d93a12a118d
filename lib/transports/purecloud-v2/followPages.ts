import { Observable, concatMap, map, of } from 'rxjs';
import type { HttpRequest } from '../../platform/platform';
import type { CloudReply } from './cloudCall';

/**
 * Emits every reply of a paged guest chat listing in order, once the walk is over: the first page,
 * then each next page `nextPage` names, one request at a time (`wire-purecloud-v2.md` §2.5, §6).
 * A link seen before ends the walk (it would loop forever), as does a page `nextPage` names none for.
 *
 * @example
 * followPages(call, requests.listMembers(conversation), (reply) => reply.body.nextUri, (uri) => requests.follow(conversation, uri))
 *   .subscribe((replies) => …); // [page 1, page 2, …]
 *
 * @param call The transport's request function.
 * @param first The first page's request.
 * @param nextPage The link to the page after a reply, if it should be followed.
 * @param follow The request of a link.
 */
export function followPages(
  call: (request: HttpRequest) => Observable<CloudReply>,
  first: HttpRequest,
  nextPage: (reply: CloudReply) => string | undefined,
  follow: (link: string) => HttpRequest,
): Observable<CloudReply[]> {
  const followed = new Set<string>();
  // One page after the other by recursion (`concatMap`, already in the bundle, rather than `expand` + `reduce`).
  const walk = (request: HttpRequest): Observable<CloudReply[]> =>
    call(request).pipe(
      concatMap((reply) => {
        const next = nextPage(reply);
        if (next === undefined || followed.has(next)) return of([reply]);
        followed.add(next);
        return walk(follow(next)).pipe(map((rest) => [reply, ...rest]));
      }),
    );
  return walk(first);
}
