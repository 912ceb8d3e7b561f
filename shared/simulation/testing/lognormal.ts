/** Lognormal service-time formulas the theory tests compare the engine against. */

/** The engine's lognormal spread (σ of the underlying normal). */
export const SIGMA = 0.5;

/** Standard normal CDF (Abramowitz & Stegun 7.1.26, |error| < 1.5e-7). */
export function phi(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * z);
  const erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-z * z);
  return x >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

/** E[max of m independent lognormal service times of mean `mean`] = ∫ 1 − F(x)^m dx, by Simpson's rule. */
export function expectedMaxLognormal(mean: number, m: number): number {
  const cdf = (x: number) => (x <= 0 ? 0 : phi((Math.log(x / mean) + (SIGMA * SIGMA) / 2) / SIGMA));
  const upper = mean * 30;
  const steps = 20_000;
  const h = upper / steps;
  let sum = 0;
  for (let i = 0; i <= steps; i++) {
    const weight = i === 0 || i === steps ? 1 : i % 2 === 1 ? 4 : 2;
    sum += weight * (1 - cdf(i * h) ** m);
  }
  return (sum * h) / 3;
}
