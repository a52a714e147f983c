// @ts-check
// One fast-check property per op: 'simd' agrees with 'cpu' on every generated case.
import fc from 'fast-check';
import { compareCase } from './differential.mjs';

/** Runs `numRuns` cases of `op` from `seed`; returns { ok, numRuns, message, counterexample }. */
export async function fuzzOp(op, { numRuns, seed }) {
  const property = fc.asyncProperty(op.arb, async (c) => {
    const difference = await compareCase(op, c);
    if (difference) throw new Error(difference);
  });
  const details = await fc.check(property, { numRuns, seed, maxSkipsPerRun: 10 });
  return {
    ok: !details.failed,
    numRuns: details.numRuns,
    message: details.failed ? messageOf(details.errorInstance) : null,
    counterexample: details.counterexample?.[0] ?? null,
    seed,
    path: details.counterexamplePath,
  };
}

/** JSON of a case that keeps NaN, ±Infinity and -0 (as strings), for replaying it in a regression test. */
/** The message of what a failing property threw. */
function messageOf(error) {
  return error instanceof Error ? error.message : String(error);
}

export function caseToJson(c) {
  return JSON.stringify(c, (_, v) =>
    typeof v === 'number' && (!Number.isFinite(v) || Object.is(v, -0)) ? String(v) : v,
  );
}

/** The inverse of caseToJson. */
export function caseFromJson(text) {
  const special = { NaN, Infinity, '-Infinity': -Infinity, '-0': -0 };
  return JSON.parse(text, (_, v) => (typeof v === 'string' && v in special ? special[v] : v));
}
