"""Read Slidegraph's files from Python: run folders, datasets, predictions and sweep folders.

Only the standard library and numpy. Every reader checks the file's ``format`` and ``version``
and raises ``ValueError`` naming the file when it is not one it knows.

    import slidegraph_runs as sg
    run = sg.read_run("runs/fig6")            # dict: run, graph, metrics, evaluation, weights
    run["metrics"]["test"]["total"]            # numpy array, one value per epoch
    ds = sg.read_dataset("data.json")          # fields as arrays [count, samples] or ragged lists
    table = sg.read_sweep("runs/beta")         # one row per point: dict of equal-length columns
    import pandas as pd; pd.DataFrame(table)   # if pandas is installed

The file formats are described by the JSON Schemas in the package's ``schema/`` folder and in
docs/python.md.
"""

import csv
import json
import math
import os

import numpy as np

__all__ = [
    "read_run",
    "read_metrics",
    "read_evaluation",
    "read_weights",
    "read_predictions",
    "read_dataset",
    "read_sweep",
    "read_metrics_long",
]

# The versions each reader understands; newer files are refused rather than misread.
_VERSIONS = {
    "slidegraph/run": (1,),
    "slidegraph/metrics": (1,),
    "slidegraph/evaluation": (1,),
    "slidegraph/weights": (1,),
    "slidegraph/predictions": (1,),
    "slidegraph/dataset": (1, 2),
    "slidegraph/sweep-points": (1,),
    "slidegraph/graph": (1,),
}


def _read_json(path, fmt):
    with open(path, encoding="utf-8") as f:
        try:
            doc = json.load(f)
        except json.JSONDecodeError as e:
            raise ValueError(f"{path}: not JSON ({e})") from None
    if not isinstance(doc, dict) or doc.get("format") != fmt:
        found = doc.get("format") if isinstance(doc, dict) else type(doc).__name__
        raise ValueError(f"{path}: format: expected {fmt!r}, found {found!r}")
    if doc.get("version") not in _VERSIONS[fmt]:
        raise ValueError(f"{path}: version: {doc.get('version')!r} is not one this reader knows ({_VERSIONS[fmt]})")
    return doc


def _column(values):
    """A list of numbers (None where absent) as a float array with NaN for the gaps."""
    return np.array([math.nan if v is None else v for v in values], dtype=np.float64)


def read_metrics(path):
    """metrics.json as arrays over epochs: epoch, step, train/test losses per term, test error."""
    doc = _read_json(path, "slidegraph/metrics")
    epochs = doc["epochs"]
    terms = {split: list(dict.fromkeys(t for e in epochs for t in e[split])) for split in ("train", "test")}
    return {
        "graph": doc["graph"],
        "status": doc["status"],
        "epoch": np.array([e["epoch"] for e in epochs], dtype=np.int64),
        "step": np.array([e["step"] for e in epochs], dtype=np.int64),
        "train": {t: _column([e["train"].get(t) for e in epochs]) for t in terms["train"]},
        "test": {t: _column([e["test"].get(t) for e in epochs]) for t in terms["test"]},
        "test_error_percent": _column([e["testErrorPercent"] for e in epochs]),
        "learning_rate": _column([e.get("learningRate") for e in epochs]),
        "swaps": doc.get("swaps", []),
        "error": doc.get("error"),
    }


def read_evaluation(path):
    """evaluation.json: the per-sequence eq. (15) errors of the test split as an array, and the rest as is."""
    doc = _read_json(path, "slidegraph/evaluation")
    out = {k: v for k, v in doc.items() if k not in ("format", "version")}
    out["errors_percent"] = np.array(doc["errorsPercent"], dtype=np.float64)
    del out["errorsPercent"]
    return out


def read_weights(path):
    """weights.json (or a checkpoint's weights): name -> float32 array of its shape."""
    doc = _read_json(path, "slidegraph/weights")
    return {
        name: np.array(w["values"], dtype=np.float32).reshape(w["shape"])
        for name, w in doc["weights"].items()
    }


def read_run(folder):
    """A run folder: run.json and graph.json as dicts, metrics, evaluation and weights when present."""
    path = lambda name: os.path.join(folder, name)  # noqa: E731
    if not os.path.isfile(path("run.json")):
        raise ValueError(f"{folder}: no run.json: not a run folder written by `slidegraph train`")
    run = {
        "folder": folder,
        "run": _read_json(path("run.json"), "slidegraph/run"),
        "graph": _read_json(path("graph.json"), "slidegraph/graph") if os.path.isfile(path("graph.json")) else None,
    }
    readers = {"metrics.json": read_metrics, "evaluation.json": read_evaluation, "weights.json": read_weights}
    for name, reader in readers.items():
        run[name[: -len(".json")]] = reader(path(name)) if os.path.isfile(path(name)) else None
    return run


def read_predictions(path):
    """A predictions file (`slidegraph predict`): per-sequence arrays, [count, samples] for the curves."""
    doc = _read_json(path, "slidegraph/predictions")
    seqs = doc["sequences"]
    out = {k: v for k, v in doc.items() if k not in ("format", "version", "sequences")}
    out.update(
        index=np.array([s["index"] for s in seqs], dtype=np.int64),
        split=np.array([s["split"] for s in seqs]),
        mu_start=_column([s["muStart"] for s in seqs]),
        normalized=np.array([s["normalized"] for s in seqs], dtype=np.float64).reshape(len(seqs), doc["samples"]),
        mu=np.array([s["mu"] for s in seqs], dtype=np.float64).reshape(len(seqs), doc["samples"]),
        test_error_percent=_column([s["testErrorPercent"] for s in seqs]),
    )
    return out


def read_dataset(path):
    """A dataset file (`slidegraph data --out` or `import`): config as a dict, and each field either a
    [count, n] array (same length in every sequence), a [count] array (one number each), or a
    list of 1-D arrays (a length that varies, such as one value per jump)."""
    doc = _read_json(path, "slidegraph/dataset")
    seqs = doc["sequences"]
    fields = {}
    for name in dict.fromkeys(k for s in seqs for k in s):
        values = [s.get(name) for s in seqs]
        if name == "protocol":
            fields[name] = values
        elif all(isinstance(v, str) for v in values):
            fields[name] = np.array(values)
        elif all(isinstance(v, (int, float)) for v in values):
            fields[name] = np.array(values, dtype=np.float64)
        elif all(isinstance(v, list) for v in values) and len({len(v) for v in values}) == 1:
            fields[name] = np.array(values, dtype=np.float64)
        else:
            fields[name] = [np.array(v, dtype=np.float64) for v in values]
    return {"config": doc["config"], "count": len(seqs), "fields": fields}


def read_metrics_long(path):
    """collect's metrics-long.csv as columns (run × epoch × split × term rows)."""
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    if not rows:
        return {}
    numeric = {"seed", "epoch", "step", "value"}
    table = {}
    for key in rows[0]:
        col = [r[key] for r in rows]
        if key in numeric:
            table[key] = np.array([math.nan if v == "" else float(v) for v in col])
        else:
            table[key] = np.array(col)
    return table


def read_sweep(folder):
    """A sweep folder as one table: a dict of equal-length columns, one row per point.

    Columns: run (the point's name), one per swept parameter, seed, status ('done' or what the
    point's metrics say, 'missing' when it never started), epochs, test_error_percent and the
    final train_/test_ loss of every term (NaN where a point has none)."""
    points = _read_json(os.path.join(folder, "sweep.json"), "slidegraph/sweep-points")
    params = points["parameters"]
    rows = []
    root = os.path.realpath(folder)
    for p in points["points"]:
        point_dir = os.path.realpath(os.path.join(folder, p["dir"]))
        if os.path.commonpath([root, point_dir]) != root:
            raise ValueError(f"{folder}/sweep.json: points: {p['name']}: dir {p['dir']!r} leaves the sweep folder")
        metrics_file = os.path.join(point_dir, "metrics.json")
        row = {"run": p["name"], **{k: p["values"].get(k) for k in params}, "seed": p.get("seed")}
        if os.path.isfile(metrics_file):
            m = read_metrics(metrics_file)
            row.update(status=m["status"], epochs=len(m["epoch"]))
            row["test_error_percent"] = m["test_error_percent"][-1] if len(m["epoch"]) else math.nan
            for split in ("train", "test"):
                for term, values in m[split].items():
                    row[f"{split}_{term}"] = values[-1] if len(values) else math.nan
        else:
            row.update(status="missing", epochs=0, test_error_percent=math.nan)
        rows.append(row)
    keys = list(dict.fromkeys(k for r in rows for k in r))
    table = {}
    for k in keys:
        col = [r.get(k) for r in rows]
        if all(isinstance(v, (int, float)) or v is None for v in col) and k not in ("run", "status"):
            table[k] = _column(col)
        else:
            table[k] = np.array(["" if v is None else str(v) if not isinstance(v, str) else v for v in col])
    return table
