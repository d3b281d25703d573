/** Latency summary of a list of samples in microseconds. */
export interface Latency {
  p50_us: number;
  p99_us: number;
  p999_us: number;
  max_us: number;
  per_second: number;
}

/** The nearest-rank quantile `q` (0 < q ≤ 1) of samples sorted in ascending order. */
export function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? 0;
}

export function summarize(samplesUs: number[]): Latency {
  const sorted = [...samplesUs].sort((a, b) => a - b);
  const total = sorted.reduce((a, b) => a + b, 0);
  return {
    p50_us: round(quantile(sorted, 0.5)),
    p99_us: round(quantile(sorted, 0.99)),
    p999_us: round(quantile(sorted, 0.999)),
    max_us: round(sorted[sorted.length - 1] ?? 0),
    per_second: Math.round(sorted.length / (total / 1e6)),
  };
}

export function round(n: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

/** Microseconds since a start taken with process.hrtime.bigint(). */
export function since(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1000;
}
