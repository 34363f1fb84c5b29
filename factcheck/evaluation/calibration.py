"""How well confidences match how often they are right: one definition for every report."""

from __future__ import annotations

import numpy as np


def expected_calibration_error(confidence, correct, bins: int = 10) -> float:
    """ECE over `bins` equal-width bins (lo, hi]; a confidence of exactly 0 falls in the first bin."""
    conf, right = np.asarray(confidence, dtype=float), np.asarray(correct, dtype=float)
    if not len(conf):
        return 0.0
    edges = np.linspace(0.0, 1.0, bins + 1)
    which = np.clip(np.searchsorted(edges, conf, side="left") - 1, 0, bins - 1)
    return float(sum(abs(right[m].mean() - conf[m].mean()) * m.mean()
                     for b in range(bins) if (m := which == b).any()))


def brier_score(confidence, correct) -> float:
    """Mean squared error of the confidence against right (1) / wrong (0)."""
    conf, right = np.asarray(confidence, dtype=float), np.asarray(correct, dtype=float)
    return float(((conf - right) ** 2).mean()) if len(conf) else 0.0
