"""The lecture model trained with PyTorch, with the same Keras semantics as our trainer, for
bench/train-speed.ts's side-by-side row.

    OPENBLAS_NUM_THREADS=1 python3 bench/torch_mnist.py <mnist idx dir> [--epochs 4] [--seed 1]

Dense(32, relu, 784 inputs) -> Dense(10, softmax) from logits; glorot-uniform kernels, zero biases;
x / 255 in float32; validation_split 0.2 = the LAST 12,000 rows (Keras takes them before shuffling);
the 48,000 training rows reshuffled every epoch; batches of 64 with the last partial one; Adam with
lr 1e-3, beta 0.9 / 0.999 and Keras's epsilon 1e-7 added to sqrt(v) (torch adds its eps to
sqrt(v_hat), so eps is set to 1e-7 / sqrt(1 - beta2^t) before each step: the same update); loss and
accuracy as the sample-weighted mean over the epoch's batches; val_* on the held-out rows after each
epoch; test accuracy on the 10,000 test images. One thread (torch.set_num_threads(1) and
OPENBLAS_NUM_THREADS=1, set here when the caller has not).

Prints one JSON object per line: {"epoch": ...} per epoch, then {"final": ...}.
"""
import argparse
import json
import math
import os
import sys
import time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

import numpy as np  # noqa: E402
import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402


def read_idx(path, rank, shape):
    """An idx file of unsigned bytes with `rank` dimensions in its header, reshaped to `shape`."""
    with open(path, "rb") as f:
        data = f.read()
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * rank).reshape(shape)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("data_dir")
    ap.add_argument("--epochs", type=int, default=4)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--batch-size", type=int, default=64)
    args = ap.parse_args()

    torch.set_num_threads(1)
    torch.manual_seed(args.seed)
    d = args.data_dir
    x_all = torch.from_numpy(read_idx(os.path.join(d, "train-images-idx3-ubyte"), 3, (60000, 784)).copy()).float() / 255
    y_all = torch.from_numpy(read_idx(os.path.join(d, "train-labels-idx1-ubyte"), 1, (60000,)).astype(np.int64))
    x_test = torch.from_numpy(read_idx(os.path.join(d, "t10k-images-idx3-ubyte"), 3, (10000, 784)).copy()).float() / 255
    y_test = torch.from_numpy(read_idx(os.path.join(d, "t10k-labels-idx1-ubyte"), 1, (10000,)).astype(np.int64))
    split = math.floor(60000 * (1 - 0.2))
    x_train, y_train = x_all[:split], y_all[:split]
    x_val, y_val = x_all[split:], y_all[split:]

    model = torch.nn.Sequential(torch.nn.Linear(784, 32), torch.nn.ReLU(), torch.nn.Linear(32, 10))
    for layer in (model[0], model[2]):
        torch.nn.init.xavier_uniform_(layer.weight)
        torch.nn.init.zeros_(layer.bias)
    beta1, beta2, keras_eps = 0.9, 0.999, 1e-7
    opt = torch.optim.Adam(model.parameters(), lr=1e-3, betas=(beta1, beta2), eps=keras_eps)
    gen = torch.Generator().manual_seed(args.seed)

    def evaluate(x, y):
        with torch.no_grad():
            logits = model(x)
            return F.cross_entropy(logits, y).item(), (logits.argmax(1) == y).float().mean().item()

    step = 0
    bs = args.batch_size
    for epoch in range(1, args.epochs + 1):
        wall0, cpu0 = time.perf_counter(), time.process_time()
        perm = torch.randperm(split, generator=gen)
        loss_sum = torch.zeros(())
        correct = torch.zeros((), dtype=torch.int64)
        for s in range(0, split, bs):
            idx = perm[s:s + bs]
            xb, yb = x_train[idx], y_train[idx]
            logits = model(xb)
            loss = F.cross_entropy(logits, yb)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            step += 1
            opt.param_groups[0]["eps"] = keras_eps / math.sqrt(1 - beta2 ** step)
            opt.step()
            with torch.no_grad():
                loss_sum += loss.detach() * len(idx)
                correct += (logits.argmax(1) == yb).sum()
        val_loss, val_acc = evaluate(x_val, y_val)
        print(json.dumps({
            "epoch": epoch,
            "seconds": time.perf_counter() - wall0,
            "cpu": time.process_time() - cpu0,
            "loss": loss_sum.item() / split,
            "accuracy": correct.item() / split,
            "val_loss": val_loss,
            "val_accuracy": val_acc,
        }), flush=True)
    test_loss, test_acc = evaluate(x_test, y_test)
    print(json.dumps({"final": {"test_loss": test_loss, "test_accuracy": test_acc, "torch": torch.__version__,
                                "threads": torch.get_num_threads()}}), flush=True)


if __name__ == "__main__":
    sys.exit(main())
