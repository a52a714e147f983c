/** The data of the classic question: x = linspace(0, 10π, n), y = sin x. */
export function sinData(n = 1000): { x: Float32Array; y: Float32Array } {
  const x = new Float32Array(n);
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = n === 1 ? 0 : (10 * Math.PI * i) / (n - 1);
    y[i] = Math.sin(x[i]);
  }
  return { x, y };
}
