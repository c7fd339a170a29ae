import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { test } from 'node:test';
import { cli, smallRun } from '../support/cli';
import { writeSweep } from '../support/sweep';

/**
 * python/slidegraph_runs.py, run by the system's Python 3 (stdlib and numpy only) on files the
 * real CLI wrote: a dataset, a run folder, its predictions and a two-point sweep. Python prints
 * what it read as JSON; every number is compared here with the JSON files themselves.
 */
const PYTHON = process.env.PYTHON ?? '/usr/bin/python3';
const probe = spawnSync(PYTHON, ['-c', 'import numpy'], { encoding: 'utf8' });
const skip = probe.status === 0 ? false : `${PYTHON} with numpy is not available (${(probe.stderr || String(probe.error)).trim()})`;

const tmp = mkdtempSync(join(tmpdir(), 'sg-python-'));
const json = (path: string) => JSON.parse(readFileSync(path, 'utf8'));

/** Runs a Python snippet with the reader importable; what it prints is parsed as JSON. */
function python(code: string): unknown {
  const r = spawnSync(
    PYTHON,
    [
      '-c',
      `import json, sys, numpy as np\nsys.path.insert(0, ${JSON.stringify(resolve('python'))})\nimport slidegraph_runs as sg\n${code}`,
    ],
    {
      encoding: 'utf8',
    },
  );
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

test('read_dataset: every field as an array [count, n], [count] or a ragged list, with the values of the file', { skip }, () => {
  const file = join(tmp, 'data.json');
  assert.equal(cli('data', '--count', '5', '--seed', '3', '--out', file).code, 0);
  const got = python(`d = sg.read_dataset(${JSON.stringify(file)})
f = d["fields"]
print(json.dumps({"count": d["count"], "samples": d["config"]["samples"], "targets": f["Targets"].tolist(), "shape": list(f["Targets"].shape),
  "nh": f["Nh"].tolist(), "split": f["split"].tolist(), "ragged": isinstance(f["PosBeforeJ"], list) or f["PosBeforeJ"].ndim == 2,
  "deltaF": [np.asarray(x).tolist() for x in f["DeltaF"]]}))`) as Record<string, unknown>;
  const ds = json(file);
  assert.equal(got.count, 5);
  assert.deepEqual(got.shape, [5, ds.config.samples]);
  assert.deepEqual(
    got.targets,
    ds.sequences.map((s: { Targets: number[] }) => s.Targets),
  );
  assert.deepEqual(
    got.nh,
    ds.sequences.map((s: { Nh: number }) => s.Nh),
  );
  assert.deepEqual(
    got.split,
    ds.sequences.map((s: { split: string }) => s.split),
  );
  assert.deepEqual(
    got.deltaF,
    ds.sequences.map((s: { DeltaF: number[] }) => s.DeltaF),
  );
  assert.equal(got.ragged, true);
});

test('read_run, read_predictions: metrics per epoch and term, weights in their shapes, predictions as [count, samples]', { skip }, () => {
  const run = join(tmp, 'run');
  const trained = cli('train', 'graphs/fig6-global.json', ...smallRun(), '--backend', 'cpu', '--out', run);
  assert.equal(trained.code, 0, trained.stderr);
  const predictions = join(tmp, 'predictions.json');
  const predicted = cli('predict', run, '--backend', 'cpu', '--out', predictions);
  assert.equal(predicted.code, 0, predicted.stderr);
  const got = python(`r = sg.read_run(${JSON.stringify(run)})
p = sg.read_predictions(${JSON.stringify(predictions)})
m = r["metrics"]
print(json.dumps({"status": m["status"], "epoch": m["epoch"].tolist(), "trainME": m["train"]["ME"].tolist(), "testTotal": m["test"]["total"].tolist(),
  "error": m["test_error_percent"].tolist(), "seed": r["run"]["dataset"]["seed"], "graph": r["graph"]["name"],
  "weights": {k: [list(v.shape), str(v.dtype), v.ravel().tolist()] for k, v in r["weights"].items()},
  "errors": r["evaluation"]["errors_percent"].tolist(),
  "pshape": list(p["normalized"].shape), "mu": p["mu"].tolist(), "perr": [None if np.isnan(x) else x for x in p["test_error_percent"].tolist()]}))`) as Record<
    string,
    unknown
  >;
  const metrics = json(join(run, 'metrics.json'));
  type Epoch = { epoch: number; train: Record<string, number>; test: Record<string, number>; testErrorPercent: number };
  assert.equal(got.status, 'done');
  assert.deepEqual(got.epoch, [1, 2]);
  assert.deepEqual(
    got.trainME,
    metrics.epochs.map((e: Epoch) => e.train.ME),
  );
  assert.deepEqual(
    got.testTotal,
    metrics.epochs.map((e: Epoch) => e.test.total),
  );
  assert.deepEqual(
    got.error,
    metrics.epochs.map((e: Epoch) => e.testErrorPercent),
  );
  assert.equal(got.graph, json(join(run, 'graph.json')).name);
  assert.deepEqual(got.errors, json(join(run, 'evaluation.json')).errorsPercent);
  const weights = json(join(run, 'weights.json')).weights as Record<string, { shape: number[]; values: number[] }>;
  assert.deepEqual(Object.keys(got.weights as object).sort(), Object.keys(weights).sort());
  for (const [name, w] of Object.entries(weights)) {
    const [shape, dtype, values] = (got.weights as Record<string, [number[], string, number[]]>)[name];
    assert.deepEqual(shape, w.shape, name);
    assert.equal(dtype, 'float32');
    // float32 in Python, the file's decimal in JSON: equal after rounding both to float32
    assert.deepEqual(values, Array.from(Float32Array.from(w.values)), name);
  }
  const p = json(predictions);
  assert.deepEqual(got.pshape, [40, p.samples]);
  assert.deepEqual(
    got.mu,
    p.sequences.map((s: { mu: number[] }) => s.mu),
  );
  assert.deepEqual(
    got.perr,
    p.sequences.map((s: { testErrorPercent: number | null }) => s.testErrorPercent),
  );
});

test('a sweep folder: metrics-long.csv has one row per run × epoch × split × term; read_sweep gives one row per point', { skip }, () => {
  const sweepFile = join(tmp, 'sweep.json');
  writeSweep(sweepFile, {
    graph: relative(tmp, resolve('graphs/fig6-global.json')),
    set: { 'beta.factor': [0.2] },
    seeds: [0, 1],
    run: { data: { count: 40 }, training: { epochs: 2, batchSize: 16 } },
  });
  const out = join(tmp, 'sweep');
  const swept = cli('sweep', sweepFile, '--out', out, '--backend', 'cpu');
  assert.equal(swept.code, 0, swept.stderr);
  const names = ['beta.factor=0.2_seed=0', 'beta.factor=0.2_seed=1'];
  const runs = names.map((n) => json(join(out, 'runs', n, 'metrics.json')));

  // The long table, rebuilt here from each point's metrics.json.
  type Epoch = { epoch: number; step: number; train: Record<string, number>; test: Record<string, number>; testErrorPercent: number };
  const want: string[][] = [];
  for (const [k, m] of runs.entries())
    for (const e of m.epochs as Epoch[]) {
      for (const split of ['train', 'test'] as const)
        for (const [term, v] of Object.entries(e[split]))
          want.push([names[k], '0.2', String(k), String(e.epoch), String(e.step), split, term, String(v)]);
      want.push([names[k], '0.2', String(k), String(e.epoch), String(e.step), 'test', 'testErrorPercent', String(e.testErrorPercent)]);
    }
  const lines = readFileSync(join(out, 'metrics-long.csv'), 'utf8').trimEnd().split('\r\n');
  assert.equal(lines[0], 'run,beta.factor,seed,epoch,step,split,term,value');
  assert.deepEqual(
    lines.slice(1).map((l) => l.split(',')),
    want,
  );
  assert.equal(want.length, 2 * 2 * (5 + 5 + 1), 'two runs × two epochs × (five train terms, five test terms, the error)');

  const got = python(`t = sg.read_sweep(${JSON.stringify(out)})
l = sg.read_metrics_long(${JSON.stringify(join(out, 'metrics-long.csv'))})
print(json.dumps({"run": t["run"].tolist(), "beta": t["beta.factor"].tolist(), "seed": t["seed"].tolist(), "status": t["status"].tolist(),
  "error": t["test_error_percent"].tolist(), "DE": t["test_DE"].tolist(), "rows": len(l["value"]), "sum": float(l["value"].sum())}))`) as Record<
    string,
    unknown
  >;
  assert.deepEqual(got.run, names);
  assert.deepEqual(got.beta, [0.2, 0.2]);
  assert.deepEqual(got.seed, [0, 1]);
  assert.deepEqual(got.status, ['done', 'done']);
  const last = runs.map((m) => m.epochs[m.epochs.length - 1] as Epoch);
  assert.deepEqual(
    got.error,
    last.map((e) => e.testErrorPercent),
  );
  assert.deepEqual(
    got.DE,
    last.map((e) => e.test.DE),
  );
  assert.equal(got.rows, want.length);
  let sum = 0;
  for (const r of want) sum += Number(r[7]);
  assert.ok(Math.abs((got.sum as number) - sum) <= 1e-9 * Math.abs(sum));
});

test('the reader refuses a file of another format, naming it', { skip }, () => {
  const file = join(tmp, 'not-metrics.json');
  writeFileSync(file, JSON.stringify({ format: 'slidegraph/graph', version: 1 }));
  const r = spawnSync(
    PYTHON,
    [
      '-c',
      `import sys; sys.path.insert(0, ${JSON.stringify(resolve('python'))}); import slidegraph_runs as sg; sg.read_metrics(${JSON.stringify(file)})`,
    ],
    {
      encoding: 'utf8',
    },
  );
  assert.notEqual(r.status, 0);
  assert.match(
    r.stderr,
    new RegExp(
      `ValueError: ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: format: expected 'slidegraph/metrics', found 'slidegraph/graph'`,
    ),
  );
});
