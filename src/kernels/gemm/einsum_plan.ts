// An einsum of two operands as one batched matrix product: every index is a batch index (in both operands and
// the output), a free index of one operand (in it and the output) or a contracted one (in both, not the output).
// Equations outside that form (an ellipsis, a repeated index, an index summed within one operand, sizes that
// differ) have no plan.

export interface ContractionPlan {
  /** Axes of each operand in product order: A as [batch, M, K] (or [batch, K, M] when transposeA), B as [batch, K, N] (or [batch, N, K]). */
  permA: number[];
  permB: number[];
  transposeA: boolean;
  transposeB: boolean;
  batch: number;
  m: number;
  k: number;
  n: number;
  /** The product's shape as [batch indices, free of A, free of B], and the permutation to the output's order. */
  productShape: number[];
  permOut: number[];
}

export const isIdentity = (perm: number[]) => perm.every((axis, i) => axis === i);
const product = (sizes: number[]) => sizes.reduce((p, s) => p * s, 1);
const unique = (term: string) => new Set(term).size === term.length;

/** The plan of `equation` for operands of shapes `a` and `b`, or null. */
export function contractionPlan(equation: string, a: number[], b: number[]): ContractionPlan | null {
  const match = /^([a-zA-Z]*),([a-zA-Z]*)->([a-zA-Z]*)$/.exec(equation.replace(/\s/g, ''));
  if (match == null) return null;
  const [, termA, termB, termOut] = match;
  if (termA.length !== a.length || termB.length !== b.length || ![termA, termB, termOut].every(unique)) return null;
  const size = new Map<string, number>();
  for (const [term, shape] of [
    [termA, a],
    [termB, b],
  ] as const) {
    for (let i = 0; i < term.length; i++) {
      if (size.has(term[i]) && size.get(term[i]) !== shape[i]) return null;
      size.set(term[i], shape[i]);
    }
  }
  const inA = (l: string) => termA.includes(l);
  const inB = (l: string) => termB.includes(l);
  const inOut = (l: string) => termOut.includes(l);
  if ([...termOut].some((l) => !inA(l) && !inB(l))) return null;
  if ([...termA].some((l) => !inB(l) && !inOut(l)) || [...termB].some((l) => !inA(l) && !inOut(l))) return null;
  const batch = [...termOut].filter((l) => inA(l) && inB(l));
  const freeA = [...termOut].filter((l) => inA(l) && !inB(l));
  const freeB = [...termOut].filter((l) => inB(l) && !inA(l));
  const contracted = [...termA].filter((l) => inB(l) && !inOut(l));
  const axes = (term: string, letters: string[]) => letters.map((l) => term.indexOf(l));
  // A transposed operand is read with swapped strides by the GEMM: no copy when that order is the stored one.
  const straightA = axes(termA, [...batch, ...freeA, ...contracted]);
  const swappedA = axes(termA, [...batch, ...contracted, ...freeA]);
  const transposeA = !isIdentity(straightA) && isIdentity(swappedA);
  const straightB = axes(termB, [...batch, ...contracted, ...freeB]);
  const swappedB = axes(termB, [...batch, ...freeB, ...contracted]);
  const transposeB = !isIdentity(straightB) && isIdentity(swappedB);
  const sizes = (letters: string[]) => letters.map((l) => size.get(l) as number);
  const productLetters = [...batch, ...freeA, ...freeB];
  return {
    permA: transposeA ? swappedA : straightA,
    permB: transposeB ? swappedB : straightB,
    transposeA,
    transposeB,
    batch: product(sizes(batch)),
    m: product(sizes(freeA)),
    k: product(sizes(contracted)),
    n: product(sizes(freeB)),
    productShape: sizes(productLetters),
    permOut: [...termOut].map((l) => productLetters.indexOf(l)),
  };
}
