/**
 * Johnson's relative weights (Johnson 2000, "A heuristic method for estimating the relative weight
 * of predictor variables in multiple regression", Multivariate Behavioral Research 35(1)) from a
 * correlation matrix, and their 95% intervals by a seeded parametric bootstrap of that matrix.
 *
 * Relative weights: with R the predictors' correlation matrix and r their correlations with the
 * outcome, R = QΛQᵀ, Λ = R^{1/2} = QΛ^{1/2}Qᵀ (the correlations of the predictors with their
 * orthogonal counterparts), β = Λ⁻¹r (the outcome regressed on the orthogonal counterparts), and
 * the weight of predictor j is ε_j = Σ_k Λ_jk²·β_k². The weights add up to the model's R², so
 * predictors that move together share credit instead of each taking all of it (as bivariate
 * correlations do). A matrix that is not positive definite (pairwise-complete correlations can
 * make one) is shrunk towards the identity, (R + λI)/(1 + λ), with the smallest λ of 0, 10⁻⁶,
 * 10⁻⁵ … that makes it so.
 *
 * Intervals, two ways: relativeWeightsDelta (what the reports use, below) and a bootstrap that
 * checks it. Bootstrap: B draws (default 200) of a sample correlation matrix from the normal-theory Wishart
 * distribution W ~ Wishart(Σ, n − 1) with Σ the whole (predictors + outcome) matrix, by Bartlett's
 * decomposition W = L·A·Aᵀ·Lᵀ (L = chol Σ, A lower triangular, A_ii = sqrt(χ²_{n−1−i}) by the
 * Wilson–Hilferty transform, A_ij ~ N(0, 1)), each turned into a correlation matrix and then into
 * weights; the interval is the 2.5% and 97.5% percentiles of the draws. n is the smallest pairwise
 * count (conservative). The random numbers come from a fixed seed (mulberry32), so a report is the
 * same every time it is made. Rank correlations are treated as the correlations of a latent normal
 * vector: an approximation, documented in docs/indicators.md.
 */

export type Matrix = number[][];

/** Eigenvalues and eigenvectors (columns of `vectors`) of a symmetric matrix, cyclic Jacobi. */
export function symmetricEigen(a: Matrix): { values: number[]; vectors: Matrix } {
  const n = a.length;
  // Flat row-major copies: the rotations below touch whole rows and columns.
  const m = new Float64Array(n * n);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    v[i * n + i] = 1;
    for (let j = 0; j < n; j++) m[i * n + j] = a[i]![j]!;
  }
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += m[p * n + q]! ** 2;
    if (off < 1e-20) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = m[p * n + q]!;
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (m[q * n + q]! - m[p * n + p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = m[k * n + p]!;
          const akq = m[k * n + q]!;
          m[k * n + p] = c * akp - s * akq;
          m[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = m[p * n + k]!;
          const aqk = m[q * n + k]!;
          m[p * n + k] = c * apk - s * aqk;
          m[q * n + k] = s * apk + c * aqk;
          const vkp = v[k * n + p]!;
          const vkq = v[k * n + q]!;
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const values: number[] = [];
  const vectors: Matrix = [];
  for (let i = 0; i < n; i++) {
    values.push(m[i * n + i]!);
    vectors.push(Array.from(v.subarray(i * n, i * n + n)));
  }
  return { values, vectors };
}

/** Lower Cholesky factor, or null when the matrix is not positive definite. */
export function cholesky(a: Matrix): Matrix | null {
  const n = a.length;
  const l: Matrix = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = a[i]![j]!;
      for (let k = 0; k < j; k++) sum -= l[i]![k]! * l[j]![k]!;
      if (i === j) {
        if (!(sum > 1e-12)) return null;
        l[i]![i] = Math.sqrt(sum);
      } else l[i]![j] = sum / l[j]![j]!;
    }
  }
  return l;
}

/** The matrix shrunk towards the identity until positive definite, with its Cholesky factor. */
export function positiveDefinite(a: Matrix): { matrix: Matrix; chol: Matrix; shrink: number } {
  const direct = cholesky(a);
  if (direct) return { matrix: a, chol: direct, shrink: 0 };
  for (const lambda of [0, 1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 0.05, 0.1, 0.2, 0.5, 1]) {
    const m = a.map((row, i) => row.map((x, j) => (x + (i === j ? lambda : 0)) / (1 + lambda)));
    const chol = cholesky(m);
    if (chol) return { matrix: m, chol, shrink: lambda };
  }
  const identity = a.map((row, i) => row.map((_, j) => (i === j ? 1 : 0)));
  return { matrix: identity, chol: identity, shrink: Infinity };
}

export interface RelativeWeights {
  /** ε_j, adding up to rSquared. */
  weights: number[];
  rSquared: number;
}

/**
 * Relative weights of the predictors from the whole correlation matrix `full`, whose last row and
 * column are the outcome. `full` must be positive definite (positiveDefinite()).
 */
export function relativeWeights(full: Matrix): RelativeWeights {
  const p = full.length - 1;
  const rxx = full.slice(0, p).map((row) => row.slice(0, p));
  const { values, vectors } = symmetricEigen(rxx);
  // Λ = Q·diag(sqrt λ)·Qᵀ; β = Λ⁻¹·r = Q·diag(1/sqrt λ)·Qᵀ·r.
  const sq = new Float64Array(p);
  const qtr = new Float64Array(p);
  for (let k = 0; k < p; k++) {
    sq[k] = Math.sqrt(Math.max(values[k]!, 1e-12));
    let s = 0;
    for (let i = 0; i < p; i++) s += vectors[i]![k]! * full[i]![p]!;
    qtr[k] = s;
  }
  const beta2 = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    const vi = vectors[i]!;
    let b = 0;
    for (let k = 0; k < p; k++) b += (vi[k]! * qtr[k]!) / sq[k]!;
    beta2[i] = b * b;
  }
  const weights = new Array<number>(p).fill(0);
  let rSquared = 0;
  for (let j = 0; j < p; j++) {
    const vj = vectors[j]!;
    let w = 0;
    for (let k = 0; k < p; k++) {
      const vk = vectors[k]!;
      let l = 0;
      for (let m = 0; m < p; m++) l += vj[m]! * sq[m]! * vk[m]!;
      w += l * l * beta2[k]!;
    }
    weights[j] = w;
    rSquared += w;
  }
  return { weights, rSquared };
}

/** mulberry32: a small seeded generator of uniform numbers in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function normal(rand: () => number): number {
  const u = 1 - rand();
  const v = rand();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** A χ²(df) draw by the Wilson–Hilferty transform (accurate for the df ≥ 25 used here). */
function chiSquare(rand: () => number, df: number): number {
  const c = 2 / (9 * df);
  const x = 1 - c + normal(rand) * Math.sqrt(c);
  return df * Math.max(0, x) ** 3;
}

export const RELATIVE_WEIGHT_DRAWS = 200;
export const RELATIVE_WEIGHT_SEED = 20_260_520;

export interface RelativeWeightsWithIntervals extends RelativeWeights {
  ci95: [number, number][];
  draws: number;
  /** The shrinkage towards the identity that made the matrix positive definite (0: none). */
  shrink: number;
}

export function relativeWeightsWithIntervals(
  full: Matrix,
  n: number,
  draws: number = RELATIVE_WEIGHT_DRAWS,
  seed: number = RELATIVE_WEIGHT_SEED,
): RelativeWeightsWithIntervals {
  const { matrix, chol, shrink } = positiveDefinite(full);
  const point = relativeWeights(matrix);
  const m = matrix.length;
  const df = Math.max(m + 1, n - 1);
  const rand = mulberry32(seed);
  const samples: number[][] = point.weights.map(() => []);
  const a: Matrix = Array.from({ length: m }, () => new Array<number>(m).fill(0));
  const la: Matrix = Array.from({ length: m }, () => new Array<number>(m).fill(0));
  for (let b = 0; b < draws; b++) {
    for (let i = 0; i < m; i++) {
      a[i]![i] = Math.sqrt(chiSquare(rand, df - i));
      for (let j = 0; j < i; j++) a[i]![j] = normal(rand);
    }
    // LA (both lower triangular), then W = (LA)(LA)ᵀ.
    for (let i = 0; i < m; i++) {
      for (let j = 0; j <= i; j++) {
        let s = 0;
        for (let k = j; k <= i; k++) s += chol[i]![k]! * a[k]![j]!;
        la[i]![j] = s;
      }
    }
    const w: Matrix = Array.from({ length: m }, () => new Array<number>(m).fill(0));
    for (let i = 0; i < m; i++) {
      for (let j = 0; j <= i; j++) {
        let s = 0;
        for (let k = 0; k <= j; k++) s += la[i]![k]! * la[j]![k]!;
        w[i]![j] = s;
        w[j]![i] = s;
      }
    }
    const corr = w.map((row, i) => row.map((x, j) => x / Math.sqrt(w[i]![i]! * w[j]![j]!)));
    const drawn = positiveDefinite(corr).matrix;
    relativeWeights(drawn).weights.forEach((x, j) => samples[j]!.push(x));
  }
  const ci95 = samples.map((s): [number, number] => {
    s.sort((x, y) => x - y);
    return [percentile(s, 0.025), percentile(s, 0.975)];
  });
  return { ...point, ci95, draws, shrink };
}

/** Linear interpolation between order statistics (Hyndman & Fan definition 7). */
function percentile(sorted: readonly number[], q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/**
 * n·Cov(r_ij, r_kl) of sample correlations from a normal population with correlations ρ (Steiger
 * 1980, "Tests for comparing elements of a correlation matrix", Psychological Bulletin 87, eq. 2;
 * Olkin & Siotani 1976).
 */
export function correlationCovariance(
  rho: Matrix,
  i: number,
  j: number,
  k: number,
  l: number,
): number {
  const r = (a: number, b: number) => rho[a]![b]!;
  const rij = r(i, j);
  const rkl = r(k, l);
  const rik = r(i, k);
  const ril = r(i, l);
  const rjk = r(j, k);
  const rjl = r(j, l);
  return (
    0.5 * rij * rkl * (rik * rik + ril * ril + rjk * rjk + rjl * rjl) +
    rik * rjl +
    ril * rjk -
    rij * rik * ril -
    rij * rjk * rjl -
    rik * rjk * rkl -
    ril * rjl * rkl
  );
}

/**
 * Relative weights with 95% intervals by the delta method: the weights' gradient with respect to
 * every correlation of the matrix (forward differences), and the normal-theory covariance of the
 * correlations (correlationCovariance / n). The intervals are kept at or above 0. Used by the
 * reports (it costs one evaluation of the weights per correlation, where the bootstrap above
 * costs one per draw); the test suite checks it against the bootstrap.
 *
 * `added` (protected figures): per correlation of `full`, the variance it carries besides
 * sampling (the perturbation's, perturbation.ts correlationNoise), added to its own variance (the
 * noise of different tables is independent).
 */
export function relativeWeightsDelta(
  full: Matrix,
  n: number,
  added?: Matrix,
): RelativeWeightsWithIntervals {
  const { matrix, shrink } = positiveDefinite(full);
  const point = relativeWeights(matrix);
  const m = matrix.length;
  const cells: [number, number][] = [];
  for (let i = 0; i < m; i++) for (let j = i + 1; j < m; j++) cells.push([i, j]);
  const h = 1e-6;
  const moved = matrix.map((row) => [...row]);
  const gradient = cells.map(([i, j]) => {
    const x = matrix[i]![j]!;
    moved[i]![j] = moved[j]![i] = x + h;
    const w = relativeWeights(moved).weights;
    moved[i]![j] = moved[j]![i] = x;
    return w.map((y, k) => (y - point.weights[k]!) / h);
  });
  const c = cells.length;
  const cov = new Float64Array(c * c);
  for (let a = 0; a < c; a++) {
    const [i, j] = cells[a]!;
    for (let b = a; b < c; b++) {
      const [k, l] = cells[b]!;
      cov[a * c + b] = cov[b * c + a] = correlationCovariance(matrix, i, j, k, l) / Math.max(1, n);
    }
    cov[a * c + a]! += Math.max(0, added?.[i]?.[j] ?? 0);
  }
  const z = 1.959964;
  const ci95 = point.weights.map((w, k): [number, number] => {
    let variance = 0;
    for (let a = 0; a < c; a++) {
      const ga = gradient[a]![k]!;
      if (ga === 0) continue;
      for (let b = 0; b < c; b++) variance += ga * cov[a * c + b]! * gradient[b]![k]!;
    }
    const half = z * Math.sqrt(Math.max(0, variance));
    return [Math.max(0, w - half), w + half];
  });
  return { ...point, ci95, draws: 0, shrink };
}
