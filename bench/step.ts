// Training-step time of the paper's global net (fig. 6) as the runtime runs it (src/train/step.ts:
// fused GRU, fused loss network, the runtime's Adam), against the same step with the loss as tfjs
// ops, the tf-ops reference GRU, tfjs-layers' GRU and PyTorch (bench/torch_peer.py, when
// /usr/bin/python3 has torch), all in one run.
// Run: npm run --silent bench:step -- [--json] [--backend wasm|cpu] [--no-table] [--no-torch]
// The last line is one JSON object: {"msPerStep", "hidden", "batch", "backend", "loop": "runtime",
// "torchMsPerStep", "torchOverStep"} (fig. 6, the runtime's step). Never run by npm test.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus } from 'node:os';
import * as tf from '@tensorflow/tfjs';
import { type BackendName, useBackend } from '../src/cli/backend';
import { setGruMode } from '../src/kernels/gru/index';
import { getGruKernel } from '../src/kernels/gru/kernel';
import { gruLinear } from './gruLinear';
import { graphData, runtimeStep } from './runtimeStep';
import { medianMs } from './timing';

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const backend = option('--backend', 'wasm') as BackendName;
const json = flag('--json');
const T = 100;
const PYTHON = '/usr/bin/python3';

await useBackend(backend);
const kernel = getGruKernel().kind;
const log = (s: string) => console.log(s);
const fmt = (ms: number | undefined) => (ms === undefined ? '—' : ms >= 100 ? ms.toFixed(0) : ms.toFixed(2));

log(`backend ${backend}, fused GRU kernel ${kernel}, ${cpus().length} cpus (${cpus()[0]?.model ?? '?'}), node ${process.version}`);

// ---- fig. 6, H = 32, B = 32: the whole training step, as the runtime runs it
const fig6 = graphData('graphs/fig6-global.json', 200, 1);
const rows = Array.from({ length: 32 }, (_, i) => i);
const fig6Step = (gru: 'fused' | 'reference', loss: 'fused' | 'reference', timing: Parameters<typeof medianMs>[1]) => {
  const previous = setGruMode({ implementation: gru });
  const t = runtimeStep(fig6.plan, fig6.data, loss);
  const r = medianMs(() => t.step(rows), timing);
  t.dispose();
  setGruMode(previous);
  return r;
};
const fused = fig6Step('fused', 'fused', { warmup: 20, min: 100, budgetMs: 5000 });
const opsLoss = fig6Step('fused', 'reference', { warmup: 10, min: 50, budgetMs: 4000 });
const reference = fig6Step('reference', 'reference', { warmup: 1, min: 3, max: 10, budgetMs: 3000 });

// ---- the same GRU 32 + Linear + MSE + Adam model in every framework
const torchAvailable = !flag('--no-torch') && existsSync(PYTHON);
const torch = (shapes: Array<{ hidden: number; batch: number }>): Map<string, number> => {
  const out = new Map<string, number>();
  if (!torchAvailable) return out;
  const r = spawnSync(PYTHON, ['bench/torch_peer.py', JSON.stringify(shapes.map((s) => ({ ...s, time: T })))], { encoding: 'utf8' });
  const lastLine = (r.stdout ?? '').trim().split('\n').pop() ?? '';
  try {
    const parsed = JSON.parse(lastLine);
    if (Array.isArray(parsed)) for (const p of parsed) out.set(`${p.hidden}x${p.batch}`, p.msPerStep);
    else log(`torch peer: ${parsed.error}`);
  } catch {
    log(`torch peer failed: ${(r.stderr ?? '').trim().split('\n').pop()}`);
  }
  return out;
};
const peer = (impl: 'fused' | 'layers', H: number, B: number, timing: Parameters<typeof medianMs>[1]) => {
  const m = gruLinear(impl, H, B, T);
  const r = medianMs(m.step, timing);
  m.dispose();
  return r.ms;
};
const fusedPeer = peer('fused', 32, 32, { warmup: 10, min: 50, budgetMs: 5000 });
const layersPeer = peer('layers', 32, 32, { warmup: 1, min: 3, max: 10, budgetMs: 3000 });
const torch32 = torch([{ hidden: 32, batch: 32 }]).get('32x32');

log('');
log(`H = 32, B = 32, T = ${T}, Adam 1e-3, ms per training step (median)`);
log(`  fig. 6, four loss terms, runtime step: fused GRU, fused loss   ${fmt(fused.ms)}   (${fused.n} steps)`);
log(`  fig. 6, four loss terms, fused GRU, loss as tfjs ops          ${fmt(opsLoss.ms)}   (${opsLoss.n} steps)`);
log(`  fig. 6, four loss terms, tf-ops GRU, loss as tfjs ops         ${fmt(reference.ms)}   (${reference.n} steps)`);
log(`  GRU + Linear + MSE, fused GRU                ${fmt(fusedPeer)}`);
log(`  GRU + Linear + MSE, tfjs-layers GRU          ${fmt(layersPeer)}`);
log(`  GRU + Linear + MSE, PyTorch (1 thread)       ${torchAvailable ? fmt(torch32) : 'not available'}`);
if (torch32 !== undefined) {
  log(
    `  PyTorch / fused: ${(torch32 / fusedPeer).toFixed(1)}x on the same model, ${(torch32 / fused.ms).toFixed(1)}x against the whole fig. 6 step`,
  );
}
log(`  tfjs-layers / fused: ${(layersPeer / fusedPeer).toFixed(0)}x`);

// ---- how the cost grows
if (!flag('--no-table')) {
  const shapes = [16, 32, 64, 128].flatMap((hidden) => [32, 256].map((batch) => ({ hidden, batch })));
  const torchTable = torch(shapes);
  log('');
  log(`GRU + Linear + MSE + Adam, T = ${T}, ms per step (median)`);
  log('  hidden  batch    fused    torch   torch/fused');
  for (const { hidden, batch } of shapes) {
    const f = peer('fused', hidden, batch, { warmup: 3, min: 5, budgetMs: 2000 });
    const p = torchTable.get(`${hidden}x${batch}`);
    log(
      `  ${String(hidden).padStart(6)}  ${String(batch).padStart(5)}  ${fmt(f).padStart(7)}  ${fmt(p).padStart(7)}  ${p === undefined ? '' : (p / f).toFixed(1).padStart(8)}`,
    );
  }
}

if (tf.memory().numTensors > 50) log(`warning: ${tf.memory().numTensors} tensors alive at the end`);
const result = {
  msPerStep: Number(fused.ms.toFixed(3)),
  hidden: 32,
  batch: 32,
  backend,
  loop: 'runtime',
  ...(torch32 === undefined ? {} : { torchMsPerStep: Number(torch32.toFixed(3)), torchOverStep: Number((torch32 / fused.ms).toFixed(2)) }),
};
if (json) console.log(JSON.stringify(result));
else log(`\n${JSON.stringify(result)}`);
