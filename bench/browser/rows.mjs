// One result row of the browser benchmark: { workload, backend } plus either a measurement (ms, check, …),
// `notRun` (why this backend cannot run the workload: no adapter, a kernel it lacks) or `error` (it failed).

const MISSING_KERNEL = /Kernel '(\w+)' not registered for backend '(\w+)'/;

/** The row for a workload that threw: a kernel the backend lacks is `notRun` (named), anything else an `error`. */
export function failedRow(workload, backend, error) {
  const message = String(error?.message ?? error);
  const kernel = MISSING_KERNEL.exec(message);
  return kernel ? { workload, backend, notRun: `no ${kernel[1]} kernel` } : { workload, backend, error: message };
}

/** The median of some numbers (the upper one of an even count, as the timer's samples). */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1];
}
