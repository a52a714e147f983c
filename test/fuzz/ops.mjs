// @ts-check
// Every fuzzed op, by family. Each op: { name, kernels, arb, run(tensors, params), tol, gradTol?, scale?, grad? }.
import { degenerateOps } from './ops_degenerate.mjs';
import { elementwiseOps } from './ops_elementwise.mjs';
import { graphOps } from './ops_graph.mjs';
import { layoutOps } from './ops_layout.mjs';
import { matMulProbOps } from './ops_matmul_prob.mjs';
import { reduceOps } from './ops_reduce.mjs';

/** @returns {import('./cases.mjs').FuzzOp[]} */
export function allOps(tf) {
  return [
    ...elementwiseOps(tf).map((op) => ({ family: 'elementwise', ...op })),
    ...reduceOps(tf).map((op) => ({ family: 'reduce', ...op })),
    ...layoutOps(tf).map((op) => ({ family: 'layout', ...op })),
    ...graphOps(tf).map((op) => ({ family: 'graph', ...op })),
    ...degenerateOps(tf).map((op) => ({ family: 'degenerate', ...op })),
    ...matMulProbOps(tf).map((op) => ({ family: op.kernels[0].endsWith('MatMul') ? 'matmul' : 'prob', ...op })),
  ];
}
