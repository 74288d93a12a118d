/** Whether an integrator callback returned a Promise (or any thenable) rather than a value (§14.5 `setSessionData`). */
export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}
