import { createRng } from '../../src/util/random';
import { loadPointDisplacement, rk4Friction } from './rk4SpringSlider';

/**
 * The synthetic "rotary-shear" record of test/fixtures/lab-rotary (its README says why it
 * exists): a known aging law on a known spring, integrated by the tests' own RK4, written in a
 * dialect unlike the sepiolite record's. Every number here is the truth a fit should find.
 */
export const rotaryTruth = {
  law: { a: 0.009, b: 0.012, dc: 1e-5, k: 3000, mu0: 0.62, trend: 0 },
  v0: 1e-6,
  steps: [
    { time: 60, velocity: 1e-5 },
    { time: 120, velocity: 3e-6 },
    { time: 180, velocity: 3e-5 },
  ],
  duration: 240,
  /** rows per second */
  rate: 10,
  /** kPa */
  normalStress: 5000,
  /** sd of friction, and of the load point's displacement (m) */
  muNoise: 3e-4,
  dispNoise: 2e-8,
};

/** The file's text: `;`-separated, decimal commas, a comment block, ms, mm and kPa. */
export function rotaryRecordText(): string {
  const r = rotaryTruth;
  const n = r.duration * r.rate + 1;
  const t = Float64Array.from({ length: n }, (_, i) => i / r.rate);
  const mu = rk4Friction(r.law, { v0: r.v0, steps: r.steps }, t);
  const rng = createRng(2024, 'rotary-fixture');
  const comma = (x: number, digits: number) => x.toFixed(digits).replace('.', ',');
  const lines = [
    '# SYNTHETIC test fixture, not a measurement: test/fixtures/lab-rotary/README.md',
    '# rotary shear, ring 1 (made-up apparatus); normal load held at 5 MPa',
    't [ms];lp_disp [mm];Shear_stress [kPa];Normal_stress [kPa]',
  ];
  for (let i = 0; i < n; i++) {
    const shear = (mu[i] + r.muNoise * rng.normal()) * r.normalStress;
    const disp = loadPointDisplacement(r, t[i]) + r.dispNoise * rng.normal();
    lines.push([String(Math.round(t[i] * 1000)), comma(disp * 1e3, 8), comma(shear, 3), comma(r.normalStress, 1)].join(';'));
  }
  return `${lines.join('\r\n')}\r\n`;
}
