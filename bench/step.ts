// Training-step time of the paper's global net (fig. 6) as the runtime runs it (src/train/step.ts:
// fused GRU, fused loss network, the runtime's Adam), against the same step with the loss as tfjs
// ops, the tf-ops reference GRU, tfjs-layers' GRU and PyTorch (bench/torch_peer.py, when
// /usr/bin/python3 has torch), all in one run.
// Run: npm run --silent bench:step -- [--json] [--backend wasm|cpu] [--no-table] [--no-torch]
// The last line is one JSON object: {"msPerStep", "hidden", "batch", "backend", "loop": "runtime",
// "torchMsPerStep", "torchOverStep"} (fig. 6, the runtime's step). Never run by npm test.
import { cpus } from 'node:os';
import * as tf from '@tensorflow/tfjs-core';
import { setGruMode } from '../src/kernels/gru/index';
import { getGruKernel } from '../src/kernels/gru/kernel';
import { type BackendName, useBackend } from '../src/runs/backend';
import { gruLinear } from './gruLinear';
import { stepParts } from './parts';
import { graphData, runtimeStep } from './runtimeStep';
import { medianMs } from './timing';
import { torchInstalled, torchPeerMs } from './torchPeer';

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const backend = option('--backend', 'wasm') as BackendName;
const json = flag('--json');
const T = 100;

await useBackend(backend);
const kernel = getGruKernel().kind;
const log = (s: string) => console.log(s);
const fmt = (ms: number | undefined) => (ms === undefined ? '—' : ms >= 100 ? ms.toFixed(0) : ms.toFixed(2));

log(`backend ${backend}, fused GRU kernel ${kernel}, ${cpus().length} cpus (${cpus()[0]?.model ?? '?'}), node ${process.version}`);

// ---- fig. 6, H = 32, B = 32: the whole training step, as the runtime runs it
const fig6 = graphData('graphs/fig6-global.json', 200, 1);
type Timing = Parameters<typeof medianMs>[1];
const stepOf = (g: ReturnType<typeof graphData>, B: number, gru: 'fused' | 'reference', before: boolean, timing: Timing) => {
  const previous = setGruMode({ implementation: gru });
  const t = runtimeStep(g.plan, g.data, before ? 'reference' : 'fused', before ? 'tfjs' : 'host');
  const batchRows = Array.from({ length: B }, (_, i) => i);
  const r = medianMs(() => t.step(batchRows), timing);
  t.dispose();
  setGruMode(previous);
  return r;
};
const fused = stepOf(fig6, 32, 'fused', false, { warmup: 20, min: 100, budgetMs: 5000 });
const before = stepOf(fig6, 32, 'fused', true, { warmup: 10, min: 50, budgetMs: 4000 });
const reference = stepOf(fig6, 32, 'reference', true, { warmup: 1, min: 3, max: 10, budgetMs: 3000 });

// ---- the same GRU 32 + Linear + MSE + Adam model in every framework
const torchAvailable = !flag('--no-torch') && torchInstalled();
const torch = (shapes: Array<{ hidden: number; batch: number }>): Map<string, number> =>
  torchAvailable ? torchPeerMs(shapes, T, log) : new Map();
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
log(`  fig. 6, the runtime's step: fused GRU, fused loss, host Adam     ${fmt(fused.ms)}   (${fused.n} steps)`);
log(`  fig. 6, before: fused GRU, loss and Adam as tfjs ops             ${fmt(before.ms)}   (${before.n} steps)`);
log(`  fig. 6, tf-ops GRU, loss and Adam as tfjs ops                    ${fmt(reference.ms)}   (${reference.n} steps)`);
log(`  GRU + Linear + MSE, fused GRU                ${fmt(fusedPeer)}`);
log(`  GRU + Linear + MSE, tfjs-layers GRU          ${fmt(layersPeer)}`);
log(`  GRU + Linear + MSE, PyTorch (1 thread)       ${torchAvailable ? fmt(torch32) : 'not available'}`);
if (torch32 !== undefined) {
  log(
    `  PyTorch / fused: ${(torch32 / fusedPeer).toFixed(1)}x on the same model, ${(torch32 / fused.ms).toFixed(1)}x against the whole fig. 6 step`,
  );
}
log(`  tfjs-layers / fused: ${(layersPeer / fusedPeer).toFixed(0)}x`);

// ---- where the fig. 6 step's time goes
{
  const scoring = graphData('graphs/fig6-global.json', 200, 1, { predictionsFromData: true }).plan;
  const p = stepParts(fig6.plan, scoring, fig6.data, 32, { warmup: 10, min: 30, budgetMs: 2000 });
  log('');
  log('fig. 6, H = 32, B = 32: the parts of one step (median ms)');
  log(`  batch as host arrays                    ${fmt(p.batch)}`);
  log(`  main net (fused GRU + Linear), fwd+bwd  ${fmt(p.mainNet)}`);
  log(`  loss part, fused, fwd+bwd               ${fmt(p.lossFused)}   (before: as tfjs ops ${fmt(p.lossOps)})`);
  log(`  Adam, host loops                        ${fmt(p.adam)}   (before: as tfjs ops ${fmt(p.adamOps)})`);
}

// ---- how the cost grows
if (!flag('--no-table')) {
  log('');
  log('fig. 6 runtime step by number of jump slots J (H = 32, B = 32), ms per step (median)');
  log('      J     step   loss fused   loss as ops');
  for (const jumps of [5, 10, 20]) {
    const g = graphData('graphs/fig6-global.json', 200, 1, { jumps });
    const scoring = graphData('graphs/fig6-global.json', 200, 1, { jumps, predictionsFromData: true }).plan;
    const st = stepOf(g, 32, 'fused', false, { warmup: 5, min: 20, budgetMs: 2000 });
    const p = stepParts(g.plan, scoring, g.data, 32, { warmup: 5, min: 20, budgetMs: 1000 });
    log(`  ${String(jumps).padStart(5)}  ${fmt(st.ms).padStart(7)}  ${fmt(p.lossFused).padStart(11)}  ${fmt(p.lossOps).padStart(12)}`);
  }

  const shapes = [16, 32, 64, 128].flatMap((hidden) => [32, 256].map((batch) => ({ hidden, batch })));
  const torchTable = torch(shapes);
  log('');
  log('');
  log(`T = ${T}, ms per step (median): fig. 6 as the runtime runs it; GRU + Linear + MSE + Adam fused and in PyTorch`);
  log('  hidden  batch    fig. 6   GRU+Lin+MSE    torch   torch/fig. 6');
  for (const { hidden, batch } of shapes) {
    const g = graphData('graphs/fig6-global.json', Math.max(400, 2 * batch), 1, { hidden });
    const st = stepOf(g, batch, 'fused', false, { warmup: 3, min: 5, budgetMs: 2000 }).ms;
    const f = peer('fused', hidden, batch, { warmup: 3, min: 5, budgetMs: 2000 });
    const p = torchTable.get(`${hidden}x${batch}`);
    log(
      `  ${String(hidden).padStart(6)}  ${String(batch).padStart(5)}  ${fmt(st).padStart(8)}  ${fmt(f).padStart(12)}  ${fmt(p).padStart(7)}  ${p === undefined ? '' : (p / st).toFixed(1).padStart(12)}`,
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
