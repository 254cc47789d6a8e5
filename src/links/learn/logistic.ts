/**
 * Logistic regression over comparison scores, by batch gradient descent with a little L2 (the
 * features are in [0, 1], a few per spec, a few hundred examples: no library needed). A missing
 * score (NaN) counts as the training mean of its feature.
 */

export interface LogisticModel {
  bias: number;
  coefficients: number[];
  /** Per feature: the value a missing score stands for. */
  fill: number[];
}

export const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

export function fitLogistic(x: Float64Array[], y: number[], opts: { iterations?: number; rate?: number; l2?: number } = {}): LogisticModel {
  const n = x.length;
  const d = x[0]?.length ?? 0;
  const fill = Array.from({ length: d }, (_, k) => {
    const seen = x.map((r) => r[k] as number).filter((v) => !Number.isNaN(v));
    return seen.length ? seen.reduce((a, b) => a + b, 0) / seen.length : 0;
  });
  const rows = x.map((r) => Array.from(r, (v, k) => (Number.isNaN(v) ? (fill[k] as number) : v)));
  const w = new Array<number>(d).fill(0);
  let b = 0;
  const { iterations = 3000, rate = 1, l2 = 1e-3 } = opts;
  for (let it = 0; it < iterations; it++) {
    const gw = new Array<number>(d).fill(0);
    let gb = 0;
    for (let i = 0; i < n; i++) {
      const row = rows[i] as number[];
      let z = b;
      for (let k = 0; k < d; k++) z += (w[k] as number) * (row[k] as number);
      const err = sigmoid(z) - (y[i] as number);
      gb += err;
      for (let k = 0; k < d; k++) gw[k] = (gw[k] as number) + err * (row[k] as number);
    }
    b -= (rate * gb) / n;
    for (let k = 0; k < d; k++) w[k] = (w[k] as number) - rate * ((gw[k] as number) / n + l2 * (w[k] as number));
  }
  return { bias: b, coefficients: w, fill };
}
