/** GMS error answers both GMS endpoints give (wire-gms-v2 §8, §13). */

/** §13: the answer to a wrong secureKey or an unknown chatId (codes UNCONFIRMED against real GMS). */
export const GMS_NOT_FOUND = { statusCode: 2, chatEnded: true, errors: [{ code: 404, advice: 'Chat session not found' }] } as const;

let referenceId = 10016629;
/** The field-seen code 249 error (§8.1), with a fresh reference id. */
export function mediaServerError(): { code: number; advice: string } {
  referenceId += 1;
  return { code: 249, advice: `Media server was not able to execute request. referenceId[${referenceId}]` };
}
