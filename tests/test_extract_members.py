"""Who a figure counts and what whole a rate is of: members named as workers ("số người lao
động tham gia BHTN"), rates of the workers as a whole ("tổng số người lao động"), people not
covered after a bracketed aside, and insurance outside the contract's schemes. Every sentence
here is written for the test, not taken from a fixture."""

from __future__ import annotations

import pytest

from helpers.extract.figures import read_figures
from helpers.extract.reading import fold_aligned


def figures(sentence: str) -> list[tuple]:
    return [(f.value, f.indicator, f.is_target, f.scheme)
            for f in read_figures(sentence, fold_aligned(sentence))]


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Số người lao động tham gia BHTN của tỉnh là 212.400 người.",
     [(212_400, "participants", False, "unemployment_insurance")]),
    ("Số lao động tham gia BHXH bắt buộc đạt 96.300 người.",
     [(96_300, "participants", False, "compulsory_si")]),
])
def test_members_named_as_workers_are_members(sentence, expected):
    assert figures(sentence) == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Số người tham gia BHTN là 310.000 người, chiếm 41% tổng số người lao động.",
     [(310_000, "participants", False, "unemployment_insurance"),
      (41, "coverage_pct", False, "unemployment_insurance")]),
    # a share of one sector's workers is not the coverage of the workers as a whole
    ("Ở các hợp tác xã mới có 900 người tham gia BHXH, chỉ chiếm 3,5% tổng số lao động các "
     "hợp tác xã này.", [(900, "participants", False, "social_insurance")]),
])
def test_a_rate_of_the_workers_as_a_whole_is_a_coverage(sentence, expected):
    assert figures(sentence) == expected
