/**
 * A random UUID v4 for the `operationId` every Nexus request carries (`wire-nexus-v3.md` §3):
 * `crypto.randomUUID()` when the runtime has it, else one built from `random`.
 *
 * @example
 * operationId(platform.random) // '6f1c2d0e-8c1b-4f7a-9e3d-2b5a7c9d0e1f'
 *
 * @param random A uniform source in `[0, 1)` (the platform's), used when `crypto.randomUUID` is absent.
 */
export function operationId(random: () => number): string {
  const native = globalThis.crypto?.randomUUID;
  if (typeof native === 'function') return native.call(globalThis.crypto);
  return uuidV4(random);
}

/** RFC 4122 version 4 from `random`: version nibble `4`, variant bits `10`. */
export function uuidV4(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16) & 15);
  hex[12] = 4;
  hex[16] = (hex[16] & 3) | 8;
  const s = hex.map((n) => n.toString(16)).join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}
