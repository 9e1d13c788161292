// SPDX-License-Identifier: UNLICENSED
// L2-regularised logistic regression, full-batch Adam on sparse hashed features. Deterministic:
// no random initialisation, no shuffling, the same data gives the same weights bit for bit.
import type { SparseVector } from '../../../shared/rules/injection/features.js';

export interface Example {
  x: SparseVector;
  y: 0 | 1;
  /** Sample weight; the weights of one class should sum to the share that class gets. */
  w: number;
}

export interface TrainOptions {
  dim: number;
  l2: number;
  iterations: number;
  learningRate: number;
}

export function trainLogistic(data: Example[], opts: TrainOptions): { weights: Float32Array; bias: number; loss: number } {
  const w = new Float64Array(opts.dim);
  const m = new Float64Array(opts.dim);
  const v = new Float64Array(opts.dim);
  const g = new Float64Array(opts.dim);
  let b = 0;
  let mb = 0;
  let vb = 0;
  const beta1 = 0.9;
  const beta2 = 0.999;
  const eps = 1e-8;
  const total = data.reduce((s, d) => s + d.w, 0);
  let loss = 0;
  for (let t = 1; t <= opts.iterations; t++) {
    g.fill(0);
    let gb = 0;
    loss = 0;
    for (const d of data) {
      let z = b;
      for (let i = 0; i < d.x.index.length; i++) z += w[d.x.index[i]!]! * d.x.value[i]!;
      const p = 1 / (1 + Math.exp(-z));
      const err = (p - d.y) * (d.w / total);
      loss -= (d.w / total) * (d.y === 1 ? Math.log(Math.max(p, 1e-12)) : Math.log(Math.max(1 - p, 1e-12)));
      for (let i = 0; i < d.x.index.length; i++) g[d.x.index[i]!]! += err * d.x.value[i]!;
      gb += err;
    }
    const lr = opts.learningRate;
    const c1 = 1 - beta1 ** t;
    const c2 = 1 - beta2 ** t;
    for (let i = 0; i < opts.dim; i++) {
      const gi = g[i]! + opts.l2 * w[i]!;
      if (gi === 0 && m[i] === 0) continue;
      m[i] = beta1 * m[i]! + (1 - beta1) * gi;
      v[i] = beta2 * v[i]! + (1 - beta2) * gi * gi;
      w[i] = w[i]! - (lr * (m[i]! / c1)) / (Math.sqrt(v[i]! / c2) + eps);
    }
    mb = beta1 * mb + (1 - beta1) * gb;
    vb = beta2 * vb + (1 - beta2) * gb * gb;
    b -= (lr * (mb / c1)) / (Math.sqrt(vb / c2) + eps);
  }
  let reg = 0;
  for (let i = 0; i < opts.dim; i++) reg += w[i]! * w[i]!;
  return { weights: Float32Array.from(w), bias: b, loss: loss + (opts.l2 / 2) * reg };
}
