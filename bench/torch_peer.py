"""PyTorch peer of bench/gruLinear.ts: GRU(H) + Linear(1) + MSE + Adam(1e-3) on x [B, T, 1].

Reads a JSON list of {"hidden", "batch", "time"} from argv[1]; prints one JSON list of
{"hidden", "batch", "msPerStep", "torch"} (median ms). One thread, like the single-threaded
tfjs backends it is compared with. Needs torch on /usr/bin/python3; prints {"error": ...} if not.
"""
import json
import os
import sys
import time

# torch.set_num_threads(1) alone leaves OpenBLAS its own thread pool; pin every pool to one
# thread before torch loads, so the peer is truly single-threaded like the tfjs backends.
for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[var] = "1"

try:
    import torch
except ImportError as e:
    print(json.dumps({"error": f"no torch: {e}"}))
    sys.exit(0)

torch.set_num_threads(1)
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
    {"hidden": s["hidden"], "batch": s["batch"], "msPerStep": measure(s["hidden"], s["batch"], s["time"]), "torch": torch.__version__}
    for s in shapes
]))
