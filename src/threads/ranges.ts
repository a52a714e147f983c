// How every job is cut: [0, length) into at most `parts` runs of whole units (micro-tiles, cache lines,
// images, chunks), as equal as whole units allow.

/** [start, size] of each run, in order. */
export function cutRange(length: number, parts: number, unit = 1): Array<[number, number]> {
  const step = Math.ceil(Math.ceil(length / unit) / parts) * unit;
  const runs: Array<[number, number]> = [];
  for (let start = 0; start < length; start += step) runs.push([start, Math.min(step, length - start)]);
  return runs;
}
