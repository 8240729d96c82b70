"""The plan confidence: features from the decoder's choices, a logistic calibration, thresholds."""
from __future__ import annotations

import math
import random

import pytest

from kayas.brain.confidence import FEATURES, Calibration, choose_threshold, confidence, coverage_table, features, fit
from kayas.brain.decode import Choice, DecodeResult, position_kind
from kayas.errors import KayasError


@pytest.mark.parametrize(
    "out, kind",
    [
        (b"[", "start"),
        (b'[{"tool":"file', "tool"),
        (b'[{"tool":"browser.run_steps","args":{"steps":[{"action":"go', "action"),
        (b'[{"tool":"local.search","args":{"query":"lease', "value"),
        (b'[{"tool":"local.search","args":{"query":"lease"}}', "more"),
        (b'[{"tool":"process.start_program","args":{"program":"x","background":', "other"),
    ],
)
def test_position_kinds(out, kind):
    assert position_kind(out) == kind


def _result(choices, truncated=False, capped=False):
    return DecodeResult([], "[]", 0, 1, len(choices), 0, truncated, 0.0, choices=choices, capped=capped)


def test_features_sum_log_probabilities_per_kind():
    f = features([Choice("start", 0.5, 2), Choice("tool", 0.25, 20), Choice("action", 0.5, 3), Choice("value", 0.1, 99), Choice("value", 0.9, 99)])
    assert len(f) == len(FEATURES)
    start, tool, more, other, value_min, value_sum = f
    assert start == pytest.approx(math.log(0.5))
    assert tool == pytest.approx(math.log(0.25) + math.log(0.5))
    assert more == other == 0.0
    assert value_min == pytest.approx(math.log(0.1))
    assert value_sum == pytest.approx(math.log(0.1) + math.log(0.9))


def test_uncalibrated_confidence_is_the_product_of_decisions():
    r = _result([Choice("start", 0.8, 2), Choice("tool", 0.5, 20), Choice("value", 0.9, 9), Choice("value", 0.5, 9)])
    assert confidence(r) == pytest.approx(0.8 * 0.5 * 0.5)
    assert confidence(_result([Choice("start", 0.99, 2)], truncated=True)) == 0.0
    assert confidence(_result([Choice("start", 0.99, 2)], capped=True)) == 0.0


def test_calibration_fits_separates_and_survives_a_round_trip(tmp_path):
    rng = random.Random(0)
    rows, right = [], []
    for _ in range(400):
        ok = rng.random() < 0.7
        start = math.log(rng.uniform(0.8, 1.0) if ok else rng.uniform(0.2, 0.9))
        rows.append([start, 0.0, 0.0, 0.0, math.log(rng.uniform(0.3, 1.0)), 0.0])
        right.append(ok)
    cal = fit(rows, right)
    scores = [cal(r) for r in rows]
    mean_right = sum(s for s, ok in zip(scores, right) if ok) / sum(right)
    mean_wrong = sum(s for s, ok in zip(scores, right) if not ok) / (len(right) - sum(right))
    assert mean_right > mean_wrong + 0.2
    cal.threshold = choose_threshold(scores, right, max_error=0.05)
    kept = coverage_table(scores, right, [cal.threshold])[0]
    assert kept["error"] <= 0.05 and kept["kept"] > 0
    cal.save(tmp_path)
    again = Calibration.load(tmp_path)
    assert again.weights == pytest.approx(cal.weights) and again.threshold == pytest.approx(cal.threshold)
    assert again(rows[0]) == pytest.approx(cal(rows[0]))


def test_calibration_problems_are_clear(tmp_path):
    assert Calibration.load(tmp_path) is None
    (tmp_path / "calibration.json").write_text('{"features": ["x"], "weights": [], "bias": 0}')
    with pytest.raises(KayasError, match="not a valid calibration"):
        Calibration.load(tmp_path)
    with pytest.raises(KayasError, match="both right and wrong"):
        fit([[0.0] * 6, [1.0] * 6], [True, True])


def test_coverage_table_counts_what_each_threshold_keeps():
    rows = coverage_table([0.1, 0.5, 0.9, 0.95], [False, True, False, True], [0.0, 0.5, 0.92])
    assert [r["kept"] for r in rows] == [4, 3, 1]
    assert [r["error"] for r in rows] == [0.5, round(1 / 3, 4), 0.0]
    assert rows[0]["coverage"] == 1.0


def test_the_threshold_is_set_from_the_surest_plans_down():
    # a wrong plan at 0.6 breaks a 0 % bound below 0.7 even though the plans under it are right
    conf = [0.99, 0.95, 0.9, 0.7, 0.6, 0.5, 0.4]
    right = [True, True, True, True, False, True, True]
    assert choose_threshold(conf, right, max_error=0.0) == 0.7
    assert choose_threshold([0.9, 0.8], [False, True], max_error=0.0) == 1.0
    assert choose_threshold([0.9, 0.8], [True, True], max_error=0.0) == 0.8


def test_a_tied_calibration_keeps_the_ranking_of_the_product():
    rows = [[math.log(p), 0.0, 0.0, 0.0, math.log(q), -3.0] for p, q in [(0.9, 0.9), (0.5, 0.99), (0.99, 0.99), (0.3, 0.2)]]
    cal = fit(rows, [True, False, True, False])
    assert cal.weights[:5] == [cal.weights[0]] * 5 and cal.weights[5] == 0.0
    product = [math.exp(r[0] + r[4]) for r in rows]
    assert sorted(range(4), key=lambda i: cal(rows[i])) == sorted(range(4), key=lambda i: product[i])
