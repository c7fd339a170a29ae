// Training-step time of the paper's global net (fig. 6) as the runtime runs it (src/train/step.ts:
// fused GRU, fused loss network, the runtime's Adam), against the same step with the loss as tfjs
// ops, the tf-ops reference GRU, tfjs-layers' GRU and PyTorch (bench/torch_peer.py at one thread
// and at every core, the faster of the two is the peer; when /usr/bin/python3 has torch), all in
// one run, then the hidden × batch table.
// Run: npm run --silent bench:step -- [--json] [--backend wasm|cpu] [--threads N] [--no-table] [--no-torch] [--loaded]
// A ratio against PyTorch is printed only on an idle machine (bench/load.ts: one-minute load
// average ≤ 0.5 per core); --loaded prints them anyway, each labelled LOADED.
// The last line is one JSON object: {"msPerStep", "loop": "runtime", "threads", "torchMsPerStep",
// "sizes": [{"hidden", "batch", "msPerStep", "torchMsPerStep", "torchThreads", "kernelGflops",
// "kernelOfPeak", "kernelPath", "plainOverBlocked"}], "hidden", "batch", "backend", "torchThreads",
// "cpu", "cores", "simdPeakGflops", "l1GemmGflops", "loadAverage", "loaded", "torchOverStep" (idle only)}.
// Never run by npm test.
import * as tf from '@tensorflow/tfjs-core';
import { gemmPathFor } from '../src/kernels/gru/blocking';
import { setGruMode } from '../src/kernels/gru/index';
import { getGruKernel } from '../src/kernels/gru/kernel';
import { freeCores, setGruThreads } from '../src/kernels/gru/threads';
import { type BackendName, useBackend } from '../src/runs/backend';
import { gemmPathMs } from './gemmPaths';
import { gruLinear } from './gruLinear';
import { loadAtEnd, loadAtStart, loadLine } from './load';
import { stepParts } from './parts';
import { graphData, runtimeStep } from './runtimeStep';
import { gruFlops, l1GemmGflops, simdPeakGflops } from './simdPeak';
import { medianMs } from './timing';
import { type TorchTiming, torchInstalled, torchPeerMs } from './torchPeer';

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const backend = option('--backend', 'wasm') as BackendName;
const json = flag('--json');
const showLoaded = flag('--loaded');
const T = 100;
const load = loadAtStart();
// the runtime's GRU kernel on --threads threads, by default the cores free to this run
const threads = Number(option('--threads', String(freeCores())));

await useBackend(backend);
setGruThreads(threads);
const kernel = getGruKernel().kind;
const log = (s: string) => console.log(s);
const fmt = (ms: number | undefined) => (ms === undefined ? '—' : ms >= 100 ? ms.toFixed(0) : ms.toFixed(2));

log(`backend ${backend}, fused GRU kernel ${kernel} on ${threads} thread(s), ${load.cores} cores (${load.cpu}), node ${process.version}`);
log(loadLine(load));
/** a ratio against PyTorch, or why none is printed */
const ratio = (torchMs: number | undefined, ms: number) => {
  if (torchMs === undefined) return '';
  if (!load.idle && !showLoaded) return 'withheld (loaded)';
  return `${(torchMs / ms).toFixed(1)}x${load.idle ? '' : ' LOADED'}`;
};

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
const tableShapes = flag('--no-table') ? [] : [16, 32, 64, 128].flatMap((hidden) => [32, 256].map((batch) => ({ hidden, batch })));
// One PyTorch run per thread setting for every shape, fig. 6's own (32 × 32) first.
const torchTimes: Map<string, TorchTiming> = torchAvailable
  ? torchPeerMs([{ hidden: 32, batch: 32 }, ...tableShapes], T, load.cores, log)
  : new Map();
const peer = (impl: 'fused' | 'layers', H: number, B: number, timing: Parameters<typeof medianMs>[1]) => {
  const m = gruLinear(impl, H, B, T);
  const r = medianMs(m.step, timing);
  m.dispose();
  return r.ms;
};
const fusedPeer = peer('fused', 32, 32, { warmup: 10, min: 50, budgetMs: 5000 });
const layersPeer = peer('layers', 32, 32, { warmup: 1, min: 3, max: 10, budgetMs: 3000 });
const torch32 = torchTimes.get('32x32');
const torchFmt = (t: TorchTiming | undefined) =>
  t === undefined ? 'not available' : `${fmt(t.ms)}   (1 thread ${fmt(t.single)}, ${load.cores} threads ${fmt(t.all)})`;

log('');
log(`H = 32, B = 32, T = ${T}, Adam 1e-3, ms per training step (median)`);
log(`  fig. 6, the runtime's step: fused GRU, fused loss, host Adam     ${fmt(fused.ms)}   (${fused.n} steps)`);
log(`  fig. 6, before: fused GRU, loss and Adam as tfjs ops             ${fmt(before.ms)}   (${before.n} steps)`);
log(`  fig. 6, tf-ops GRU, loss and Adam as tfjs ops                    ${fmt(reference.ms)}   (${reference.n} steps)`);
log(`  GRU + Linear + MSE, fused GRU                ${fmt(fusedPeer)}`);
log(`  GRU + Linear + MSE, tfjs-layers GRU          ${fmt(layersPeer)}`);
log(`  GRU + Linear + MSE, PyTorch, the faster      ${torchFmt(torch32)}`);
if (torch32 !== undefined) {
  log(`  PyTorch / fused: ${ratio(torch32.ms, fusedPeer)} on the same model, ${ratio(torch32.ms, fused.ms)} against the whole fig. 6 step`);
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
}

/** The GRU kernel alone, forward and backward, as the op calls it (chunked, on `threads` threads). */
const kernelMs = (hidden: number, batch: number) => {
  const dims = { batch, time: T, input: 1, hidden };
  const rnd = (n: number) => Float32Array.from({ length: n }, (_, i) => Math.sin(i * 12.9898) * 0.5);
  const params = { kernel: rnd(3 * hidden), recurrentKernel: rnd(3 * hidden * hidden), bias: rnd(3 * hidden) };
  const x = rnd(batch * T);
  const dH = rnd(batch * T * hidden);
  const k = getGruKernel();
  return medianMs(() => k.backward(k.forward(dims, x, params).tape!, dH), { warmup: 3, min: 5, budgetMs: 1500 }).ms;
};
const peakGflops = tableShapes.length ? simdPeakGflops() : 0;
const l1Gflops = tableShapes.length ? l1GemmGflops() : 0;

const sizes: Array<{
  hidden: number;
  batch: number;
  msPerStep: number;
  torchMsPerStep?: number;
  torchThreads?: number;
  kernelGflops: number;
  kernelOfPeak: number;
  kernelPath: string;
  plainOverBlocked: number;
}> = [];
if (tableShapes.length) {
  log('');
  log(
    `T = ${T}, ms per step (median): fig. 6 as the runtime runs it; GRU + Linear + MSE + Adam fused and in PyTorch (the faster of 1 and ${load.cores} threads)`,
  );
  log(
    `  the GRU kernel alone (forward + backward): GFLOP/s of its GEMMs against the wasm SIMD peak of one core, ${peakGflops.toFixed(1)} GFLOP/s (bench/simdPeak.ts; its micro-kernel in L1: ${l1Gflops.toFixed(1)}), × ${threads} threads;`,
  );
  log(`  the path its products take (src/kernels/gru/blocking.ts), and plain / blocked: the two paths on one thread, in CPU time`);
  log('  hidden  batch    fig. 6   GRU+Lin+MSE    torch  threads   torch/fig. 6   kernel GFLOP/s   of peak   path      plain/blocked');
  for (const { hidden, batch } of tableShapes) {
    const g = graphData('graphs/fig6-global.json', Math.max(400, 2 * batch), 1, { hidden });
    const st = stepOf(g, batch, 'fused', false, { warmup: 3, min: 5, budgetMs: 2000 }).ms;
    const f = peer('fused', hidden, batch, { warmup: 3, min: 5, budgetMs: 2000 });
    const p = torchTimes.get(`${hidden}x${batch}`);
    const dims = { batch, time: T, input: 1, hidden };
    const gflops = gruFlops(dims) / (kernelMs(hidden, batch) * 1e6);
    const ofPeak = gflops / (peakGflops * threads);
    const path = gemmPathFor(dims);
    const paths = gemmPathMs(dims);
    sizes.push({
      hidden,
      batch,
      msPerStep: Number(st.toFixed(3)),
      kernelGflops: Number(gflops.toFixed(2)),
      kernelOfPeak: Number(ofPeak.toFixed(3)),
      kernelPath: path,
      plainOverBlocked: Number((paths.plain / paths.blocked).toFixed(3)),
      ...(p ? { torchMsPerStep: Number(p.ms.toFixed(3)), torchThreads: p.threads } : {}),
    });
    log(
      `  ${String(hidden).padStart(6)}  ${String(batch).padStart(5)}  ${fmt(st).padStart(8)}  ${fmt(f).padStart(12)}  ${fmt(p?.ms).padStart(7)}  ${String(p?.threads ?? '').padStart(7)}  ${ratio(p?.ms, st).padStart(13)}  ${gflops.toFixed(2).padStart(15)}  ${`${(100 * ofPeak).toFixed(0)} %`.padStart(8)}   ${path.padEnd(8)}  ${(paths.plain / paths.blocked).toFixed(2).padStart(13)}`,
    );
  }
}

if (tf.memory().numTensors > 50) log(`warning: ${tf.memory().numTensors} tensors alive at the end`);
// The last minute of the bench ran the runtime's threads; allow for them.
const ended = loadAtEnd(load, threads);
log('');
log(loadLine(ended));
const result = {
  msPerStep: Number(fused.ms.toFixed(3)),
  loop: 'runtime',
  threads,
  ...(torch32 === undefined ? {} : { torchMsPerStep: Number(torch32.ms.toFixed(3)) }),
  sizes,
  hidden: 32,
  batch: 32,
  backend,
  ...(torch32 === undefined ? {} : { torchThreads: torch32.threads }),
  cpu: load.cpu,
  cores: load.cores,
  ...(tableShapes.length ? { simdPeakGflops: Number(peakGflops.toFixed(2)), l1GemmGflops: Number(l1Gflops.toFixed(2)) } : {}),
  loadAverage: [Number(ended.start.toFixed(2)), Number((ended.end ?? ended.start).toFixed(2))],
  loaded: !ended.idle,
  ...(torch32 === undefined || !ended.idle ? {} : { torchOverStep: Number((torch32.ms / fused.ms).toFixed(2)) }),
};
if (json) console.log(JSON.stringify(result));
else log(`\n${JSON.stringify(result)}`);
