"""Train the attention stance model (factcheck/stance/attention.py) on the NLI set.

    python models/stance/nli/build.py --out ~/.cache/factcheck/nli/pairs.tsv
    python models/stance/nli/train_attention.py --pairs ~/.cache/factcheck/nli/pairs.tsv

Token vectors come from the frozen encoder (cached by content in ~/.cache/factcheck/nli), so
training touches only the small model: minutes on 2 CPU cores, fixed seed. Train documents are
split again by document into fit (90 %) and validation (10 %, written pairs only: early stopping
and the temperature); the held-out test documents are scored once at the end. Writes
models/stance/nli_attention.npz/.json and models/stance/nli/REPORT_attention.json.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from train_head import macro_f1, read_pairs, report_block  # noqa: E402

from factcheck.stance.attention import softmax as row_softmax  # noqa: E402
from factcheck.stance.nli import LABELS, TokenCache, pair_scalars  # noqa: E402


def tensors(rows, cache):
    out = []
    for r in rows:
        cv, ct = cache.get("query", r["hypothesis"])
        pv, pt = cache.get("passage", r["premise"])
        out.append((ct, pt, pair_scalars(ct, pt, cv, pv, r["hypothesis"], r["premise"])))
    return out


def build_model(dim_in: int, n_scalars: int, d: int, dropout: float):
    import torch
    from torch import nn

    class Net(nn.Module):
        def __init__(self):
            super().__init__()
            self.proj = nn.Linear(dim_in, d)
            self.cmp = nn.Linear(4 * d, d)
            self.hid = nn.Linear(4 * d + n_scalars, d)
            self.out = nn.Linear(d, 3)
            self.drop = nn.Dropout(dropout)
            self.register_buffer("s_mean", torch.zeros(n_scalars))
            self.register_buffer("s_scale", torch.ones(n_scalars))

        def side(self, a, a_hat, mask):
            m = torch.relu(self.cmp(self.drop(torch.cat([a, a_hat, a - a_hat, a * a_hat], dim=-1)))) * mask[..., None]
            mean = m.sum(1) / mask.sum(1, keepdim=True).clamp(min=1)
            return torch.cat([mean, m.max(1).values], dim=-1)

        def forward(self, H, hm, P, pm, S):
            a = torch.relu(self.proj(self.drop(H)))
            b = torch.relu(self.proj(self.drop(P)))
            e = a @ b.transpose(1, 2) / d ** 0.5
            a_hat = torch.softmax(e.masked_fill(pm[:, None, :] == 0, -1e9), dim=2) @ b
            b_hat = torch.softmax(e.masked_fill(hm[:, :, None] == 0, -1e9), dim=1).transpose(1, 2) @ a
            z = torch.cat([self.side(a, a_hat, hm), self.side(b, b_hat, pm), (S - self.s_mean) / self.s_scale], dim=-1)
            return self.out(self.drop(torch.relu(self.hid(z))))

    return Net()


def batch(items, idx):
    import torch

    n = max(len(items[i][0]) for i in idx) or 1
    m = max(len(items[i][1]) for i in idx) or 1
    dim = items[idx[0]][0].shape[1] if len(items[idx[0]][0]) else items[idx[0]][1].shape[1]
    H = np.zeros((len(idx), n, dim), "float32"); hm = np.zeros((len(idx), n), "float32")
    P = np.zeros((len(idx), m, dim), "float32"); pm = np.zeros((len(idx), m), "float32")
    for j, i in enumerate(idx):
        ct, pt, _ = items[i]
        H[j, :len(ct)] = ct; hm[j, :len(ct)] = 1
        P[j, :len(pt)] = pt; pm[j, :len(pt)] = 1
    S = np.stack([items[i][2] for i in idx]).astype("float32")
    return [torch.from_numpy(x) for x in (H, hm, P, pm, S)]


def predict(net, items, size=128):
    import torch

    net.eval()
    out = []
    with torch.no_grad():
        for s in range(0, len(items), size):
            idx = list(range(s, min(len(items), s + size)))
            out.append(net(*batch(items, idx)).numpy())
    return np.concatenate(out) if out else np.zeros((0, 3))


def softmax(z, t=1.0):
    """Row-wise probabilities of logits at temperature `t`, as the run-time readers compute them."""
    return row_softmax(np.asarray(z) / t, axis=1)


def fit_temperature(logits: np.ndarray, y: np.ndarray) -> float:
    """The temperature (0.5-3.0) that minimises the validation log loss of `logits`."""
    return float(min(np.linspace(0.5, 3.0, 26),
                     key=lambda t: -np.log(softmax(logits, t)[np.arange(len(y)), y] + 1e-9).mean()))


def train(items, y, fit_idx, val_idx, dim=128, epochs=8, lr=1e-3, dropout=0.2, seed=13, log=print):
    """Fit on fit_idx, keep the epoch with the best validation macro-F1, fit the temperature on validation.
    Returns (net, temperature, history)."""
    import torch

    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    S = np.stack([items[i][2] for i in fit_idx])
    net = build_model(next(len(x[0]) and x[0].shape[1] for x in items if len(x[0])), S.shape[1], dim, dropout)
    net.s_mean.copy_(torch.from_numpy(S.mean(0).astype("float32")))
    net.s_scale.copy_(torch.from_numpy((S.std(0) + 1e-6).astype("float32")))
    opt = torch.optim.AdamW(net.parameters(), lr=lr, weight_decay=1e-2)
    counts = np.bincount(y[fit_idx], minlength=3)
    loss_fn = torch.nn.CrossEntropyLoss(weight=torch.tensor(len(fit_idx) / (3 * counts), dtype=torch.float32))
    val_items = [items[i] for i in val_idx]
    best, best_state, history = -1.0, None, []
    fit_sorted = sorted(fit_idx, key=lambda i: len(items[i][1]))
    for epoch in range(epochs):
        net.train()
        chunks = [fit_sorted[s:s + 64] for s in range(0, len(fit_sorted), 64)]
        rng.shuffle(chunks)
        total = 0.0
        for idx in chunks:
            opt.zero_grad()
            loss = loss_fn(net(*batch(items, idx)), torch.from_numpy(y[idx]))
            loss.backward()
            opt.step()
            total += float(loss.detach()) * len(idx)
        f1 = macro_f1(y[val_idx], predict(net, val_items).argmax(1))
        history.append({"epoch": epoch + 1, "loss": round(total / len(fit_idx), 4), "val_macro_f1": round(f1, 4)})
        log(history[-1])
        if f1 > best:
            best, best_state = f1, {k: v.clone() for k, v in net.state_dict().items()}
    net.load_state_dict(best_state)
    return net, fit_temperature(predict(net, val_items), y[val_idx]), history


def export(net, base: Path, meta: dict) -> None:
    """Weights in the layout factcheck.stance.attention.AttentionStance reads, plus a JSON of metadata."""
    sd = {k: v.numpy() for k, v in net.state_dict().items()}
    weights = {"proj_w": sd["proj.weight"].T, "proj_b": sd["proj.bias"], "cmp_w": sd["cmp.weight"].T, "cmp_b": sd["cmp.bias"],
               "hid_w": sd["hid.weight"].T, "hid_b": sd["hid.bias"], "out_w": sd["out.weight"].T, "out_b": sd["out.bias"],
               "scalar_mean": sd["s_mean"], "scalar_scale": sd["s_scale"]}
    np.savez_compressed(str(base) + ".npz", **{k: v.astype("float32") for k, v in weights.items()})
    Path(str(base) + ".json").write_text(json.dumps({"kind": "attention", "labels": list(LABELS), **meta}, indent=2) + "\n",
                                         encoding="utf-8")


def validation_doc(doc: str) -> bool:
    return int(hashlib.sha1(("val" + doc).encode()).hexdigest(), 16) % 10 == 0


def split_indices(rows: list[dict]) -> tuple[list[int], list[int], list[int]]:
    """Row numbers to fit on (train documents outside validation), to validate on (the validation documents'
    pairs as written: no generated or padded copies) and to test on (the held-out documents)."""
    fit = [i for i, r in enumerate(rows) if r["split"] == "train" and not validation_doc(r["doc"])]
    val = [i for i, r in enumerate(rows) if r["split"] == "train" and validation_doc(r["doc"])
           and r["origin"] not in ("generated", "padded")]
    test = [i for i, r in enumerate(rows) if r["split"] == "test"]
    return fit, val, test


def load_items(pairs: Path, cache_path: Path, no_generated: bool = False):
    """(rows, items, labels, encoder): the pairs with their token vectors and scalars (encoded once, cached)."""
    rows = [r for r in read_pairs(pairs) if not (no_generated and r["origin"] == "generated")]
    from factcheck.embedding.encoder import Encoder

    encoder = Encoder()
    cache = TokenCache(cache_path, encoder)
    cache.fill([r["hypothesis"] for r in rows], "query", progress=True)
    cache.fill([r["premise"] for r in rows], "passage", progress=True)
    cache.save()
    return rows, tensors(rows, cache), np.array([LABELS.index(r["label"]) for r in rows]), encoder


def main(argv=None) -> int:
    import torch

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pairs", type=Path, required=True)
    ap.add_argument("--cache", type=Path, default=Path.home() / ".cache/factcheck/nli/tokens.pkl")
    ap.add_argument("--out", type=Path, default=ROOT / "models/stance/nli_attention")
    ap.add_argument("--report", type=Path, default=ROOT / "models/stance/nli/REPORT_attention.json")
    ap.add_argument("--dim", type=int, default=128)
    ap.add_argument("--epochs", type=int, default=8)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--dropout", type=float, default=0.2)
    ap.add_argument("--with-generated", action="store_true",
                    help="also fit on the generated pairs (measured: no gain on validation or test, and they carry the "
                         "generator's artefacts, e.g. an inserted 'ikke' in most contradictions)")
    ap.add_argument("--seed", type=int, default=13)
    a = ap.parse_args(argv)
    t0 = time.time()
    torch.set_num_threads(1)  # tiny matrices: one thread has no spin-wait overhead on a busy box
    rows, items, y, encoder = load_items(a.pairs, a.cache, not a.with_generated)
    fit_idx, val_idx, test_idx = split_indices(rows)
    print(f"fit {len(fit_idx)}, validation {len(val_idx)}, test {len(test_idx)}; features in {time.time() - t0:.0f} s", flush=True)
    net, temperature, history = train(items, y, fit_idx, val_idx, a.dim, a.epochs, a.lr, a.dropout, a.seed,
                                      log=lambda h: print(h, f"{time.time() - t0:.0f} s", flush=True))
    test_probs = softmax(predict(net, [items[i] for i in test_idx]), temperature)
    report = {"epochs": history, "best_val_macro_f1": max(h["val_macro_f1"] for h in history), "temperature": temperature,
              "fit_pairs": len(fit_idx), "validation_pairs": len(val_idx), "seconds": round(time.time() - t0),
              "test": report_block([rows[i] for i in test_idx], test_probs)}
    export(net, a.out, {"model_id": encoder.model_id, "temperature": temperature, "seed": a.seed, "dim": a.dim,
                        "test_macro_f1": report["test"]["macro_f1"], "trained_on": a.pairs.name})
    a.report.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print("test", {k: report["test"][k] for k in ("pairs", "accuracy", "macro_f1", "ece")}, f"{time.time() - t0:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
