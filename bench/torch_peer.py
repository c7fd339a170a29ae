"""PyTorch peer of bench/gruLinear.ts: GRU(H) + Linear(1) + MSE + Adam(1e-3) on x [B, T, 1].

Reads a JSON list of {"hidden", "batch", "time"} from argv[1] and a thread count from argv[2]
(default 1); prints one JSON list of {"hidden", "batch", "threads", "msPerStep", "torch"} (median
ms). bench:step runs it at one thread and at every core and compares with the faster. Needs torch
on /usr/bin/python3; prints {"error": ...} if not.
"""
import json
import os
import sys
import time

THREADS = int(sys.argv[2]) if len(sys.argv) > 2 else 1

# torch.set_num_threads alone leaves OpenBLAS its own thread pool; size every pool before torch
# loads, so one thread means one thread and N threads means N.
for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[var] = str(THREADS)

try:
    import torch
except ImportError as e:
    print(json.dumps({"error": f"no torch: {e}"}))
    sys.exit(0)

torch.set_num_threads(THREADS)
torch.manual_seed(0)


def median_ms(step, warmup=5, least=10, most=200, budget=3.0):
    for _ in range(warmup):
        step()
    times = []
    start = time.perf_counter()
    while len(times) < least or (len(times) < most and time.perf_counter() - start < budget):
        t0 = time.perf_counter()
        step()
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    return times[len(times) // 2]


def measure(hidden, batch, steps):
    gru = torch.nn.GRU(1, hidden, batch_first=True)
    lin = torch.nn.Linear(hidden, 1)
    opt = torch.optim.Adam(list(gru.parameters()) + list(lin.parameters()), lr=1e-3)
    x = torch.randn(batch, steps, 1)
    y = torch.randn(batch, steps, 1)

    def step():
        opt.zero_grad()
        out, _ = gru(x)
        loss = torch.nn.functional.mse_loss(lin(out), y)
        loss.backward()
        opt.step()

    return median_ms(step)


shapes = json.loads(sys.argv[1])
print(json.dumps([
    {"hidden": s["hidden"], "batch": s["batch"], "threads": THREADS, "msPerStep": measure(s["hidden"], s["batch"], s["time"]), "torch": torch.__version__}
    for s in shapes
]))
