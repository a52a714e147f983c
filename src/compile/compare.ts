// Two recordings of a step with the same argument shapes must be the same program before it is compiled: same
// kernels, attributes, data flow and shapes, the same bytes written from JavaScript, the same variables assigned.
// Where they differ, the step depends on something a replay would freeze (a JavaScript number that changes per
// call, control flow on JavaScript state, a tensor captured from outside that is replaced): compiling refuses,
// naming the first difference.
import type { Trace, Use, Value } from './trace.js';
import type { Tree } from './tree.js';

/** A value's identity across recordings: where it came from, not its buffer. */
function identity(trace: Trace, id: number): unknown {
  const { source } = trace.values[id];
  switch (source.kind) {
    case 'input':
      return `input ${source.index}`;
    case 'variable':
      return source.variable;
    case 'kernel':
      return `call ${source.call} allocation ${source.alloc}`;
    case 'external':
      return trace.values[id].dataId;
    default:
      return `${source.kind} ${ordinalOf(trace, id)}`;
  }
}

const ordinals = new WeakMap<Trace, Int32Array>();

/** Position of a value among the values written from JavaScript. */
function ordinalOf(trace: Trace, id: number): number {
  let table = ordinals.get(trace);
  if (table == null) {
    table = new Int32Array(trace.values.length);
    let n = 0;
    trace.values.forEach((v, i) => {
      table![i] = n;
      if (v.source.kind === 'constant' || v.source.kind === 'scratch') n++;
    });
    ordinals.set(trace, table);
  }
  return table[id];
}

function sameUse(a: Trace, ua: Use, b: Trace, ub: Use): boolean {
  return identity(a, ua.value) === identity(b, ub.value) && ua.dtype === ub.dtype && sameArray(ua.shape, ub.shape);
}

function sameArray(a: ArrayLike<unknown>, b: ArrayLike<unknown>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (a == null || b == null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (ArrayBuffer.isView(a) || Array.isArray(a)) {
    if (!(ArrayBuffer.isView(b) || Array.isArray(b))) return false;
    const [x, y] = [a as unknown as ArrayLike<unknown>, b as unknown as ArrayLike<unknown>];
    return x.length === y.length && Array.from(x).every((v, i) => deepEqual(v, y[i]));
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return (
    ka.length === kb.length &&
    ka.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
  );
}

function sameTree(a: Trace, ta: Tree<Use>, b: Trace, tb: Tree<Use>): boolean {
  const isUse = (t: unknown): t is Use => t != null && typeof t === 'object' && 'value' in t && 'shape' in t;
  if (isUse(ta) || isUse(tb)) return isUse(ta) && isUse(tb) && sameUse(a, ta, b, tb);
  if (Array.isArray(ta) || Array.isArray(tb)) {
    return (
      Array.isArray(ta) && Array.isArray(tb) && ta.length === tb.length && ta.every((t, i) => sameTree(a, t, b, tb[i]))
    );
  }
  if (ta != null && tb != null && typeof ta === 'object' && typeof tb === 'object') {
    const ka = Object.keys(ta);
    return (
      ka.length === Object.keys(tb).length &&
      ka.every((k) => sameTree(a, ta[k], b, (tb as Record<string, Tree<Use>>)[k]))
    );
  }
  return ta == null && tb == null;
}

function describeWrite(v: Value): string {
  const op = (v.source as { op: string | null }).op;
  return `a tensor written from JavaScript ${op == null ? 'outside any tfjs op' : `in op '${op}'`} (shape [${v.shape}])`;
}

/** Why two recordings are not the same program, or null when they are. */
export function difference(a: Trace, b: Trace): string | null {
  if (a.calls.length !== b.calls.length) {
    return `the step ran ${a.calls.length} kernels, then ${b.calls.length}: its control flow depends on JavaScript state`;
  }
  for (let i = 0; i < a.calls.length; i++) {
    const [ca, cb] = [a.calls[i], b.calls[i]];
    const where = `kernel call ${i} ('${ca.kernelName}')`;
    if (ca.kernelName !== cb.kernelName)
      return `${where} was '${cb.kernelName}' the next time: control flow depends on JavaScript state`;
    if (!deepEqual(ca.attrs, cb.attrs)) {
      return (
        `${where} had other attributes the next time (${JSON.stringify(ca.attrs)} then ${JSON.stringify(cb.attrs)}): ` +
        'they are computed from JavaScript state that changes between calls'
      );
    }
    if (!sameTree(a, ca.inputs, b, cb.inputs)) {
      return (
        `${where} read other tensors the next time: it reads a tensor made outside the step that changed between calls ` +
        '(pass such tensors in as arguments)'
      );
    }
    if (
      ca.allocations.length !== cb.allocations.length ||
      ca.allocations.some((v, k) => !sameArray(a.values[v].shape, b.values[cb.allocations[k]].shape))
    ) {
      return `${where} allocated differently the next time: its output shapes depend on the data`;
    }
    if (!ca.outputs.every((u, k) => cb.outputs[k] != null && sameUse(a, u, b, cb.outputs[k])))
      return `${where} returned other tensors the next time`;
  }
  const writesA = a.values.filter((v) => v.source.kind === 'constant' || v.source.kind === 'scratch');
  const writesB = b.values.filter((v) => v.source.kind === 'constant' || v.source.kind === 'scratch');
  if (writesA.length !== writesB.length)
    return `the step wrote ${writesA.length} tensors from JavaScript, then ${writesB.length}`;
  for (let k = 0; k < writesA.length; k++) {
    const [va, vb] = [writesA[k], writesB[k]];
    if (va.source.kind !== vb.source.kind || va.born !== vb.born || !sameArray(va.shape, vb.shape)) {
      return `${describeWrite(va)} was written differently the next time`;
    }
    if (va.source.kind === 'constant' && !sameArray(va.source.bytes, (vb.source as { bytes: Uint8Array }).bytes)) {
      return (
        `${describeWrite(va)} held other values the next time: a JavaScript number that changes between calls ` +
        '(a step counter, a schedule) would be frozen; pass it in as a tensor argument'
      );
    }
  }
  if (!sameTree(a, a.result, b, b.result)) return 'the step returned other tensors the next time';
  if (
    a.assignments.length !== b.assignments.length ||
    a.assignments.some(
      (x, k) =>
        x.variable !== b.assignments[k].variable || identity(a, x.value) !== identity(b, b.assignments[k].value),
    )
  ) {
    return 'the step assigned other variables (or other values to them) the next time';
  }
  return null;
}
