from factcheck.evaluation.calibration import brier_score, expected_calibration_error


def test_perfectly_calibrated_bins_have_no_error():
    # 0.8 confident and right 4 times in 5; 0.25 confident and right 1 time in 4
    conf = [0.8] * 5 + [0.25] * 4
    right = [1, 1, 1, 1, 0] + [1, 0, 0, 0]
    assert expected_calibration_error(conf, right) == 0.0


def test_overconfidence_is_weighted_by_bin_size():
    conf = [0.9] * 4 + [0.3] * 1  # 0.9 but always wrong; 0.3 and right
    right = [0, 0, 0, 0, 1]
    assert abs(expected_calibration_error(conf, right) - (0.8 * 0.9 + 0.2 * 0.7)) < 1e-9


def test_bin_edges_belong_to_the_lower_bin_and_zero_to_the_first():
    # 0.3 falls in (0.2, 0.3] with 0.25, not in (0.3, 0.4] with 0.35
    assert abs(expected_calibration_error([0.25, 0.3], [0, 1]) - 0.5 * abs(0.5 - 0.275) * 2) < 1e-9
    assert abs(expected_calibration_error([0.0, 0.05], [0, 0]) - 0.025) < 1e-9


def test_brier_score():
    assert abs(brier_score([1.0, 0.5, 0.0], [1, 1, 1]) - (0 + 0.25 + 1) / 3) < 1e-9
    assert expected_calibration_error([], []) == 0.0 and brier_score([], []) == 0.0
