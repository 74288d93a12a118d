import { redactSecret } from '../../playground/server/redactSecret';
import type { RequestDetail } from '../../playground/server/requestDetail';
import type { FieldRule, FieldRules, WireCall, WirePhase } from '../fixtures/wire/wireFixture';

/** The chat's own ids and secrets (in clear, test memory only), that path templates and `bound`/`secret` rules refer to. */
export type Bindings = Record<string, string | undefined>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const show = (value: unknown): string => (value === undefined ? '(absent)' : JSON.stringify(value));

/** Why `value` breaks `rule`, or undefined when it holds. */
export function fieldProblem(rule: FieldRule, present: boolean, value: unknown, bindings: Bindings): string | undefined {
  const got = present ? show(value) : '(absent)';
  if ('unspecified' in rule) return undefined;
  if ('oneOf' in rule) return rule.oneOf.some((inner) => fieldProblem(inner, present, value, bindings) === undefined) ? undefined : `expected ${describeRule(rule)}, got ${got}`;
  if ('absent' in rule) return present ? `expected absent, got ${got}` : undefined;
  if (!present) return `expected ${describeRule(rule)}, got (absent)`;
  let ok: boolean;
  if ('is' in rule) ok = value === rule.is;
  else if ('matches' in rule) ok = typeof value === 'string' && rule.matches.test(value);
  else if ('bound' in rule) ok = bindings[rule.bound] !== undefined && value === bindings[rule.bound];
  else if ('secret' in rule) ok = bindings[rule.secret] !== undefined && value === redactSecret(bindings[rule.secret]!);
  else ok = kindHolds(rule.kind, value);
  return ok ? undefined : `expected ${describeRule(rule)}, got ${got}`;
}

function kindHolds(kind: Extract<FieldRule, { kind: unknown }>['kind'], value: unknown): boolean {
  switch (kind) {
    case 'string':
      return typeof value === 'string';
    case 'nonEmpty':
      return typeof value === 'string' && value !== '';
    case 'integer':
      return typeof value === 'string' && /^-?\d+$/.test(value);
    case 'uuid':
      return typeof value === 'string' && UUID.test(value);
    case 'number':
      return typeof value === 'number';
    case 'boolean':
      return typeof value === 'boolean';
    case 'array':
      return Array.isArray(value);
    case 'object':
      return value !== null && typeof value === 'object' && !Array.isArray(value);
    case 'jsonString':
      if (typeof value !== 'string') return false;
      try {
        JSON.parse(value);
        return true;
      } catch {
        return false;
      }
  }
}

function describeRule(rule: FieldRule): string {
  const note = rule.unconfirmed ? ` [UNCONFIRMED: ${rule.unconfirmed}]` : '';
  if ('is' in rule) return `${show(rule.is)}${note}`;
  if ('absent' in rule) return `absent${note}`;
  if ('unspecified' in rule) return `anything${note}`;
  if ('oneOf' in rule) return `one of (${rule.oneOf.map(describeRule).join(' | ')})${note}`;
  if ('matches' in rule) return `${String(rule.matches)}${note}`;
  if ('bound' in rule) return `the chat's ${rule.bound}${note}`;
  if ('secret' in rule) return `redactSecret(${rule.secret})${note}`;
  return `${rule.kind}${note}`;
}

/** Checks a flat map (form fields, query, headers): every rule, and (when `strict`) no key without one. */
function checkFlat(what: string, rules: FieldRules | undefined, actual: Record<string, string>, bindings: Bindings, strict: boolean): string[] {
  const all = rules ?? {};
  const problems = Object.entries(all).flatMap(([key, rule]) => {
    const problem = fieldProblem(rule, Object.prototype.hasOwnProperty.call(actual, key), actual[key], bindings);
    return problem ? [`${what} ${key}: ${problem}`] : [];
  });
  if (strict) for (const key of Object.keys(actual)) if (!(key in all)) problems.push(`${what} ${key}: not in the spec, got ${show(actual[key])}`);
  return problems;
}

/** Every (path, value) a JSON path with `*` segments reaches. */
function pick(value: unknown, segments: string[], prefix: string[] = []): Array<{ path: string; value: unknown }> {
  if (segments.length === 0) return [{ path: prefix.join('.'), value }];
  if (value === null || typeof value !== 'object') return [];
  const [head, ...rest] = segments;
  const keys = head === '*' ? Object.keys(value) : Object.prototype.hasOwnProperty.call(value, head) ? [head] : [];
  return keys.flatMap((key) => pick((value as Record<string, unknown>)[key], rest, [...prefix, key]));
}

/** Leaf paths of a JSON value (an empty array or object is a leaf). */
function leaves(value: unknown, prefix: string[] = []): string[] {
  if (value === null || typeof value !== 'object' || Object.keys(value).length === 0) return [prefix.join('.')];
  return Object.entries(value).flatMap(([key, inner]) => leaves(inner, [...prefix, key]));
}

const covers = (rulePath: string, leaf: string): boolean => {
  const rule = rulePath.split('.');
  const path = leaf.split('.');
  return rule.length <= path.length && rule.every((segment, i) => segment === '*' || segment === path[i]);
};

function checkJson(what: string, rules: FieldRules | undefined, actual: unknown, bindings: Bindings, strict: boolean): string[] {
  const all = rules ?? {};
  const problems = Object.entries(all).flatMap(([path, rule]) => {
    const found = pick(actual, path.split('.'));
    // A `*` rule holds for every element; with none (an empty `messages`), there is nothing to break it.
    if (found.length === 0 && path.split('.').includes('*')) return [];
    if (found.length === 0) {
      const problem = fieldProblem(rule, false, undefined, bindings);
      return problem ? [`${what} ${path}: ${problem}`] : [];
    }
    return found.flatMap((hit) => {
      const problem = fieldProblem(rule, true, hit.value, bindings);
      return problem ? [`${what} ${hit.path}: ${problem}`] : [];
    });
  });
  if (strict && actual !== undefined) {
    for (const leaf of leaves(actual)) if (!Object.keys(all).some((path) => covers(path, leaf))) problems.push(`${what} ${leaf}: not in the spec, got ${show(pick(actual, leaf.split('.'))[0]?.value)}`);
  }
  return problems;
}

/** The path template as a pattern; unbound names make it fail to match (and say so). */
function pathPattern(template: string, bindings: Bindings): RegExp {
  const source = template
    .split(/(\{[^}]+\})/)
    .map((part) => {
      if (part === '{*}') return '[^/]+';
      const name = /^\{([^}]+)\}$/.exec(part)?.[1];
      const value = name === undefined ? part : (bindings[name] ?? `<unbound ${name}>`);
      return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('');
  return new RegExp(`^${source}$`);
}

const routeOf = (call: WireCall, request: RequestDetail, bindings: Bindings): boolean =>
  call.method === request.method && pathPattern(call.path, bindings).test(decodeURIComponent(request.path));

/** Every difference between one recorded request and the call the fixture expects there. */
export function callProblems(call: WireCall, request: RequestDetail, bindings: Bindings, part: WirePart = 'all'): string[] {
  const problems: string[] = [];
  if (part !== 'requests' && call.reply && request.reply) {
    const statuses = Array.isArray(call.reply.status) ? call.reply.status : [call.reply.status];
    if (!statuses.includes(request.reply.status)) problems.push(`reply status: expected ${statuses.join(' or ')}, got ${request.reply.status}`);
    problems.push(...checkJson('reply', call.reply.json, request.reply.json, bindings, false));
  }
  if (part === 'replies') return problems;
  if (request.body !== call.body) problems.push(`body: expected ${call.body}, got ${request.body}`);
  problems.push(...checkFlat('query', call.query, request.query, bindings, true));
  problems.push(...checkFlat('header', call.headers, request.headers, bindings, true));
  if (call.body === 'json') problems.push(...checkJson('json', call.json, request.json, bindings, true));
  else problems.push(...checkFlat('field', call.fields, request.fields, bindings, call.extraFields !== 'allow'));
  const files = request.files.map((f) => ({ field: f.field, name: f.name, type: f.type }));
  const expectedFiles = call.files ?? [];
  if (files.length !== expectedFiles.length || expectedFiles.some((f, i) => f.field !== files[i].field || (f.name ?? files[i].name) !== files[i].name || (f.type ?? files[i].type) !== files[i].type)) {
    problems.push(`files: expected ${show(expectedFiles)}, got ${show(files)}`);
  }
  return problems;
}

/** What to compare: the requests (route, order, fields, headers), the replies (status, JSON shape), or both. */
export type WirePart = 'all' | 'requests' | 'replies';

export interface PhaseReport {
  /** Empty when the phase matches the fixture. */
  problems: string[];
  /** The readable diff: expected calls, recorded calls (with what each was taken for), problems. */
  diff: string;
}

/**
 * Compares the requests recorded during one phase with the fixture's calls: the `once` calls in
 * order, each `background` call (polls) wherever it occurs, every one field by field.
 *
 * @param recorded The phase's `requestLog` details, oldest first.
 * @param phase The fixture phase.
 * @param bindings The chat's ids and secrets.
 * @param part What to compare (default both requests and replies).
 */
export function checkPhase(recorded: RequestDetail[], phase: WirePhase, bindings: Bindings, part: WirePart = 'all'): PhaseReport {
  const ordered = phase.calls.filter((call) => (call.repeat ?? 'once') === 'once');
  const background = phase.calls.filter((call) => call.repeat === 'background');
  const problems: string[] = [];
  const lines: string[] = [];
  const seen = new Map<WireCall, number>();
  let next = 0;
  recorded.forEach((request, i) => {
    const label = `#${i + 1} ${request.method} ${request.path}`;
    let call: WireCall | undefined;
    if (next < ordered.length && routeOf(ordered[next], request, bindings)) call = ordered[next++];
    else call = background.find((candidate) => routeOf(candidate, request, bindings));
    if (!call) {
      const later = ordered.slice(next).find((candidate) => routeOf(candidate, request, bindings));
      lines.push(`  ${label}  ✗ ${later ? `out of order (expected "${ordered[next]?.name}" first)` : 'not a call of this phase'}`);
      problems.push(`${label}: ${later ? `"${later.name}" out of order` : 'a call the spec does not show here'}`);
      return;
    }
    seen.set(call, (seen.get(call) ?? 0) + 1);
    const found = callProblems(call, request, bindings, part);
    lines.push(`  ${label}  → ${call.name}${found.length ? `  ✗ ${found.length} difference(s)` : '  ✓'}`);
    problems.push(...found.map((problem) => `${label} (${call!.name}${call!.unconfirmed ? `; UNCONFIRMED: ${call!.unconfirmed}` : ''}): ${problem}`));
  });
  for (const call of ordered.slice(next)) problems.push(`missing call: ${call.name} (${call.method} ${call.path})`);
  for (const call of background) if ((seen.get(call) ?? 0) < (call.min ?? 0)) problems.push(`expected at least ${call.min} × ${call.name}, got ${seen.get(call) ?? 0}`);
  const expected = phase.calls.map((call, i) => `  ${i + 1}. ${call.method} ${call.path}  ${call.name}${call.repeat === 'background' ? ` (any number, at least ${call.min ?? 0})` : ''}`);
  const diff = [`phase: ${phase.does}`, 'expected calls:', ...expected, 'recorded calls:', ...(lines.length ? lines : ['  (none)']), ...(problems.length ? ['differences:', ...problems.map((p) => `  - ${p}`)] : [])].join('\n');
  return { problems, diff };
}

/**
 * Throws the readable diff when the recorded phase departs from the fixture.
 *
 * @param recorded The phase's recorded requests. @param phase The fixture phase. @param bindings The chat's ids and secrets.
 * @param part What to compare (default both).
 */
export function expectWire(recorded: RequestDetail[], phase: WirePhase, bindings: Bindings, part: WirePart = 'all'): void {
  const report = checkPhase(recorded, phase, bindings, part);
  if (report.problems.length > 0) throw new Error(`the requests depart from the wire spec\n${report.diff}`);
}

/**
 * Checks every phase of a run and throws the differences that no `pending` pattern explains: what
 * keeps the phases marked `test.failing` (a change not merged yet) honest about everything else.
 *
 * @param phases The recorded phases. @param fixture The fixture phases. @param bindings The chat's ids and secrets.
 * @param pending Per phase, the differences expected until a pending change lands.
 */
export function expectOnlyPending(phases: Record<string, RequestDetail[]>, fixture: Record<string, WirePhase>, bindings: Bindings, pending: Record<string, RegExp[]>): void {
  const unexplained = Object.entries(fixture).flatMap(([name, phase]) => {
    const report = checkPhase(phases[name] ?? [], phase, bindings);
    const left = report.problems.filter((problem) => !(pending[name] ?? []).some((pattern) => pattern.test(problem)));
    return left.length ? [`${name}:\n${left.map((problem) => `  - ${problem}`).join('\n')}`] : [];
  });
  if (unexplained.length > 0) throw new Error(`differences no pending change explains\n${unexplained.join('\n')}`);
}
