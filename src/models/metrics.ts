// Scores for detectors: ROC AUC and quantiles, on plain arrays.

/**
 * Area under the ROC curve of `scores` for telling positives (label 1) from negatives (label 0): the
 * probability that a random positive scores above a random negative, ties counting one half
 * (the Mann–Whitney U statistic over the product of the class sizes).
 */
export function rocAuc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  const n = scores.length;
  if (labels.length !== n) throw new Error(`rocAuc: ${n} scores but ${labels.length} labels`);
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[a] - scores[b]);
  let positives = 0;
  let rankSumPositives = 0;
  for (let start = 0; start < n; ) {
    let end = start;
    while (end + 1 < n && scores[order[end + 1]] === scores[order[start]]) end++;
    const meanRank = (start + end) / 2 + 1; // tied scores share the mean of their ranks
    for (let k = start; k <= end; k++) {
      if (labels[order[k]] === 1) {
        positives++;
        rankSumPositives += meanRank;
      }
    }
    start = end + 1;
  }
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) throw new Error('rocAuc: needs at least one positive and one negative');
  return (rankSumPositives - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/** The q-quantile (0 ≤ q ≤ 1) with linear interpolation between order statistics (numpy's default). */
export function quantile(values: ArrayLike<number>, q: number): number {
  if (values.length === 0) throw new Error('quantile: no values');
  if (!(q >= 0 && q <= 1)) throw new Error(`quantile: q must be in [0, 1], got ${q}`);
  const sorted = Float64Array.from(values).sort();
  const position = q * (sorted.length - 1);
  const below = Math.floor(position);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
}
