// compile(fn): a step recorded on its first calls and replayed from then on (see docs/compile.md).
//
// Per shape signature of the arguments: a call records an eager run; a recording that created variables
// (optimizer slots on a first step) is not kept; two recordings in a row must be the same program (else the
// step is refused, naming the difference); the second is planned, and every later call replays the plan.
// Where replay cannot apply (another backend, a gradient tape recording, a compiled step running inside
// another's recording) the function simply runs eagerly. With { onRefusal: 'eager' }, a step that cannot be
// compiled runs eagerly too, instead of throwing.
import { engine, Tensor, type TensorInfo } from '@tensorflow/tfjs-core';
import { SimdBackend } from '../backend/backend_simd.js';
import { difference } from './compare.js';
import { asyncRefused, CompileError } from './errors.js';
import { disposePlan, type Plan, plan } from './planner.js';
import { record } from './recorder.js';
import { replay } from './replayer.js';
import type { Trace } from './trace.js';
import { isTensorInfo, mapTree, tensorsOf } from './tree.js';

/** Recordings in a row that may create variables before the step is declared unstable. */
const MAX_UNSTABLE_RECORDINGS = 3;

export interface CompileStats {
  /** Calls run eagerly while recording. */
  recordings: number;
  /** Calls replayed. */
  replays: number;
  /** Calls run eagerly without recording (other backend, gradient tape on). */
  eager: number;
  /** Plans held (one per argument shape signature). */
  plans: number;
  /** Bytes of linear memory the plans reserve. */
  bytes: number;
}

export interface CompileOptions {
  /**
   * 'throw' (the default): a step that cannot be compiled throws a CompileError. 'eager': it runs eagerly instead,
   * from the refused call on, and `refusal()` says why. A refusal found after the call ran to the end (not the
   * same program twice) returns that call's result; one that stopped it partway (a read back, a JavaScript
   * random draw) runs it again eagerly, so `fn` must change no state before such an op (an optimizer's
   * `minimize` assigns its variables only after the forward pass).
   */
  onRefusal?: 'throw' | 'eager';
}

export interface CompiledFunction<A extends unknown[], R> {
  (...args: A): R;
  /** Gives back every plan's buffers; later calls throw. */
  dispose(): void;
  readonly stats: CompileStats;
  /**
   * What each plan replays: its argument signature, its kernel calls by name in order, its bytes, and how many of
   * the calls run prepared (their WASM called directly, without their kernel's JavaScript).
   */
  plans(): { signature: string; kernels: string[]; bytes: number; prepared: number }[];
  /** Why the step was refused (for the shapes refused last), or null. */
  refusal(): CompileError | null;
}

interface Entry {
  candidate: Trace | null;
  plan: Plan | null;
  unstable: number;
  refused: CompileError | null;
}

function signatureOf(args: unknown[], tensors: TensorInfo[]): string {
  const seen = new Map<unknown, number>();
  const shapes = tensors.map((t, i) => {
    const alias = seen.get(t.dataId);
    if (alias == null) seen.set(t.dataId, i);
    return `${t.dtype}[${t.shape}]${alias != null ? `=${alias}` : ''}`;
  });
  // Arguments that are all tensors (most steps): the key JSON.stringify would give, without walking them.
  if (tensors.length === args.length && args.every(isTensorInfo))
    return `${shapes.join(',')}|${allTensorsKey(args.length)}`;
  let rest: string;
  try {
    rest = JSON.stringify(
      mapTree(
        args,
        () => '#',
        (leaf) =>
          leaf != null && typeof leaf === 'object'
            ? 'object'
            : typeof leaf === 'function'
              ? 'function'
              : (leaf as never),
      ),
    );
  } catch {
    rest = 'opaque';
  }
  return `${shapes.join(',')}|${rest}`;
}

const allTensorsKeys: string[] = [];

/** JSON of an argument list of n tensors, each replaced by '#'. */
function allTensorsKey(n: number): string {
  allTensorsKeys[n] ??= JSON.stringify(new Array(n).fill('#'));
  return allTensorsKeys[n];
}

/** Arguments of at most this many tensors, and nothing else, are matched against the last call's (SameAsLast). */
const MATCHED_ARGS = 8;

/**
 * The last call's arguments when they were all tensors: a call with tensors of the same dtypes and shapes,
 * the same ones repeated in the same places, has the same key, found without building it.
 */
class SameAsLast {
  private dtypes: string[] = [];
  private shapes: number[][] = [];
  private aliases: number[] = [];
  private key: string | null = null;

  /** The key of `tensors` (all of a call's arguments) if it is the last call's, else null. */
  keyOf(tensors: TensorInfo[]): string | null {
    const n = tensors.length;
    if (this.key == null || n !== this.dtypes.length) return null;
    for (let i = 0; i < n; i++) {
      const t = tensors[i];
      if (t.dtype !== this.dtypes[i] || !sameShape(t.shape, this.shapes[i]) || aliasOf(tensors, i) !== this.aliases[i])
        return null;
    }
    return this.key;
  }

  remember(tensors: TensorInfo[], key: string): void {
    this.dtypes = tensors.map((t) => t.dtype);
    this.shapes = tensors.map((t) => t.shape.slice());
    this.aliases = tensors.map((_, i) => aliasOf(tensors, i));
    this.key = key;
  }
}

function sameShape(shape: readonly number[], last: readonly number[]): boolean {
  if (shape.length !== last.length) return false;
  for (let d = 0; d < shape.length; d++) if (shape[d] !== last[d]) return false;
  return true;
}

/** The first earlier argument with the same data as argument i, or -1 (signatureOf's `=alias`). */
function aliasOf(tensors: TensorInfo[], i: number): number {
  for (let j = 0; j < i; j++) if (tensors[j].dataId === tensors[i].dataId) return j;
  return -1;
}

function isThenable(value: unknown): boolean {
  return value != null && typeof (value as { then?: unknown }).then === 'function';
}

/**
 * Compiles a step for the 'simd' backend: `fn` runs eagerly on its first calls while every kernel it runs is
 * recorded; later calls with arguments of the same shapes and dtypes replay the recorded kernels on buffers
 * planned once, without tfjs's per-op JavaScript, and return the same results bit for bit. Variables the step
 * assigns (optimizer.minimize) are updated in place. See README, "Compiled steps", for what cannot be compiled.
 */
export function compile<A extends unknown[], R>(
  fn: (...args: A) => R,
  { onRefusal = 'throw' }: CompileOptions = {},
): CompiledFunction<A, R> {
  const entries = new Map<string, Entry>();
  const stats: CompileStats = { recordings: 0, replays: 0, eager: 0, plans: 0, bytes: 0 };
  const eagerOnRefusal = onRefusal === 'eager';
  let lastRefusal: CompileError | null = null;
  let disposed = false;
  const lastCall = new SameAsLast();

  /** The arguments' tensors and the key of their signature. */
  function signature(args: A): { inputs: TensorInfo[]; key: string } {
    const allTensors = args.length <= MATCHED_ARGS && args.every(isTensorInfo);
    const inputs = allTensors ? (args as unknown as TensorInfo[]) : tensorsOf(args);
    const known = allTensors ? lastCall.keyOf(inputs) : null;
    if (known != null) return { inputs, key: known };
    const key = signatureOf(args, inputs);
    if (allTensors) lastCall.remember(inputs, key);
    return { inputs, key };
  }

  function runEagerly(args: A): R {
    stats.eager++;
    return fn(...args);
  }

  const compiled = ((...args: A): R => {
    if (disposed) throw new CompileError('this compiled function was disposed.');
    const backend = engine().backend;
    if (!(backend instanceof SimdBackend) || engine().isTapeOn() || backend.hook != null) return runEagerly(args);
    const { inputs, key } = signature(args);
    let entry = entries.get(key);
    if (entry == null) entries.set(key, (entry = { candidate: null, plan: null, unstable: 0, refused: null }));
    if (entry.refused != null) {
      if (eagerOnRefusal) return runEagerly(args);
      throw entry.refused;
    }
    if (entry.plan != null && entry.plan.backend === backend) {
      stats.replays++;
      try {
        return replay(entry.plan, inputs) as R;
      } catch (error) {
        if (!eagerOnRefusal || !(error instanceof CompileError)) throw error;
        // A replay that stops leaves the variables untouched: this call runs eagerly, as will the next.
        stats.replays--;
        forget(entry);
        entry.refused = lastRefusal = error;
        return runEagerly(args);
      }
    }
    if (entry.plan != null) forget(entry); // the backend was re-created: its buffers are gone
    return recordCall(entry, backend, args, inputs);
  }) as CompiledFunction<A, R>;

  function recordCall(entry: Entry, backend: SimdBackend, args: A, inputs: TensorInfo[]): R {
    stats.recordings++;
    let pending: R | null = null;
    let recorded: ReturnType<typeof record<R>>;
    try {
      recorded = record(backend, inputs, () => {
        const out = fn(...args);
        if (isThenable(out)) {
          if (eagerOnRefusal) pending = out;
          else (out as unknown as Promise<unknown>).catch(() => {}); // refused below: its own failure is not reported
          throw asyncRefused();
        }
        return out;
      });
    } catch (error) {
      if (!(error instanceof CompileError) || !eagerOnRefusal) throw error;
      // The call stopped at the refused op (or returned a Promise, which goes on by itself): it runs eagerly.
      entry.refused = lastRefusal = error;
      entry.candidate = null;
      if (pending != null) return pending;
      return runEagerly(args);
    }
    const { result, trace } = recorded;
    if (trace.createdVariables) {
      entry.candidate = null;
      if (++entry.unstable >= MAX_UNSTABLE_RECORDINGS) {
        return refuse(
          entry,
          result,
          new CompileError(
            `the step created or disposed variables on ${entry.unstable} calls in a row; a step must reuse its variables ` +
              '(create models and optimizers outside the compiled function).',
          ),
        );
      }
      return result;
    }
    entry.unstable = 0;
    const previous = entry.candidate;
    entry.candidate = trace;
    if (previous == null) return result;
    const why = difference(previous, trace);
    if (why != null)
      return refuse(
        entry,
        result,
        new CompileError(
          `the step is not the same program on every call: ${why}. (This call ran eagerly; its variable updates stand.)`,
        ),
      );
    entry.plan = plan(trace, backend);
    entry.candidate = null;
    stats.plans++;
    stats.bytes += entry.plan.bytes;
    return result;
  }

  /** Refuses the step after a call that ran eagerly to the end: its result is returned, or freed and the error thrown. */
  function refuse(entry: Entry, result: R, error: CompileError): R {
    entry.refused = lastRefusal = error;
    entry.candidate = null;
    if (eagerOnRefusal) return result;
    // The call ran eagerly, but its result cannot be returned with an error: free it.
    for (const t of tensorsOf(result)) if (isTensorInfo(t) && t instanceof Tensor) t.dispose();
    throw error;
  }

  function forget(entry: Entry): void {
    if (entry.plan == null) return;
    stats.plans--;
    stats.bytes -= entry.plan.bytes;
    disposePlan(entry.plan);
    entry.plan = null;
  }

  Object.defineProperty(compiled, 'stats', { get: () => ({ ...stats }) });
  compiled.refusal = () => lastRefusal;
  compiled.plans = () =>
    [...entries]
      .filter(([, e]) => e.plan != null)
      .map(([signature, e]) => ({
        signature,
        kernels: e.plan!.calls.map((c) => c.kernelName),
        bytes: e.plan!.bytes,
        prepared: e.plan!.calls.filter((c) => c.prepared != null).length,
      }));
  compiled.dispose = () => {
    for (const entry of entries.values()) {
      forget(entry);
      entry.candidate = null;
    }
    entries.clear();
    disposed = true;
  };
  return compiled;
}
