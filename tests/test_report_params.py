"""helpers.report.params: parameters in any spelling, one clear sentence when one is wrong."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from helpers.errors import ParameterError
from helpers.report import (
    input_files,
    provinces_with_data,
    report_slug,
    validate_parameters,
)

FIXTURE = Path(__file__).parent / "fixtures" / "report"


@pytest.mark.parametrize("name", ["bac giang", "TỈNH BẮC GIANG", "Bắc Giang", "  Bac Giang "])
def test_any_spelling_gives_the_canonical_name(name):
    params = validate_parameters(name, data_dir=FIXTURE)
    assert params.province == "Bắc Giang"
    assert report_slug(params) == "bac-giang"


def test_2025_level_takes_a_former_or_new_name():
    by_old = validate_parameters("Bac Giang", level="2025", data_dir=FIXTURE)
    by_new = validate_parameters("bắc ninh", level="2025", data_dir=FIXTURE)
    assert by_old.province == by_new.province == "Bắc Ninh"
    # The prefix keeps the merged province apart from the former province of the same name.
    assert report_slug(by_new) == "2025-bac-ninh"
    assert report_slug(validate_parameters("Bắc Ninh", data_dir=FIXTURE)) == "bac-ninh"


def test_misspelled_province_names_closest_matches_in_one_sentence():
    with pytest.raises(ParameterError) as info:
        validate_parameters("Bac Giangg", data_dir=FIXTURE)
    message = str(info.value)
    assert "'Bac Giangg' is not a province we know" in message
    assert "Bắc Giang" in message
    assert "\n" not in message


@pytest.mark.parametrize(
    ("kwargs", "fragment"),
    [
        ({"province": 42}, "must be a non-empty text"),
        ({"province": "Bắc Giang", "lang": "fr"}, "Unknown lang 'fr'"),
        ({"province": "Bắc Giang", "level": "1990"}, "Unknown level '1990'"),
        ({"province": "Bắc Giang", "as_of": "30/6/2024"}, "YYYY-MM-DD"),
        ({"province": "Bắc Giang", "data_dir": "/no/such/folder"}, "does not exist"),
    ],
)
def test_bad_parameters_raise_one_clear_sentence(kwargs, fragment):
    kwargs.setdefault("data_dir", FIXTURE)
    with pytest.raises(ParameterError, match=fragment):
        validate_parameters(**kwargs)


def test_as_of_and_output_dir_are_typed(tmp_path):
    params = validate_parameters(
        "Nghệ An", lang="EN", data_dir=FIXTURE, as_of="2024-06-30", output_dir=tmp_path
    )
    assert params.as_of == date(2024, 6, 30)
    assert params.lang == "en"
    assert params.output_dir == tmp_path.resolve()


def test_injection_attempts_are_unknown_provinces():
    for name in ("../../etc/passwd", "<script>alert(1)</script>"):
        with pytest.raises(ParameterError):
            validate_parameters(name, data_dir=FIXTURE)


def test_input_files_lists_existing_data_files():
    params = validate_parameters("Bắc Giang", data_dir=FIXTURE)
    assert [p.name for p in input_files(params)] == ["facts.csv", "campaigns.csv"]


def test_provinces_with_data_at_both_levels():
    assert provinces_with_data(FIXTURE, "legacy") == ["Bắc Giang", "Phú Yên"]
    assert provinces_with_data(FIXTURE, "2025") == ["Bắc Ninh", "Đắk Lắk"]


def test_a_province_with_only_campaigns_still_gets_a_report(tmp_path):
    import shutil

    shutil.copy(FIXTURE / "facts.csv", tmp_path / "facts.csv")
    campaigns = (FIXTURE / "campaigns.csv").read_text(encoding="utf-8")
    campaigns += (
        "004-c001,004,Nghệ An,,,campaign_month,Tháng vận động 2022,2022-05-01,2022-05-31,"
        "Tháng 5 hằng năm\n"
    )
    (tmp_path / "campaigns.csv").write_text(campaigns, encoding="utf-8")
    assert provinces_with_data(tmp_path, "legacy") == ["Bắc Giang", "Nghệ An", "Phú Yên"]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [(True, True), (False, False), (1, True), (0, False), ("yes", True), ("No", False),
     (" TRUE ", True), ("false", False), ("1", True), ("0", False)],
)
def test_flags_take_the_spellings_people_type(typed, expected):
    from helpers.report.params import coerce_flag

    assert coerce_flag(typed, "demo") is expected


@pytest.mark.parametrize("typed", ["maybe", "n", "", None, 2, 0.5, "có"])
def test_any_other_flag_is_refused_in_one_sentence_naming_it(typed):
    from helpers.report.params import coerce_flag

    with pytest.raises(ParameterError) as info:
        coerce_flag(typed, "demo")
    message = str(info.value)
    assert message.startswith("Parameter 'demo' must be yes or no (also true/false, 1/0)")
    assert "\n" not in message


@pytest.mark.parametrize("typed", [2025, 2025.0, "2025", " 2025 "])
def test_level_typed_as_a_number_means_the_2025_map(typed):
    """`papermill -p level 2025` and `level = 2025` in JupyterLab give the int 2025."""
    from helpers.report.params import coerce_choice, validate_choices

    assert validate_parameters("Bắc Giang", level=typed, data_dir=FIXTURE).level == "2025"
    assert validate_choices(typed, "EN") == ("2025", "en")
    assert coerce_choice(typed, "level", ("legacy", "2025")) == "2025"


@pytest.mark.parametrize("typed", [2024, True, 2025.5])
def test_other_numbers_are_refused_naming_the_accepted_values(typed):
    with pytest.raises(ParameterError, match="level.*'legacy', '2025'"):
        validate_parameters("Bắc Giang", level=typed, data_dir=FIXTURE)


def test_the_cli_shares_the_rule_and_refuses_in_one_sentence(capsys):
    from helpers.cli import main

    assert main(["reports", "--level", "2024", "--data-dir", str(FIXTURE)]) == 2
    error = capsys.readouterr().err.strip()
    assert error.endswith("Unknown level '2024': use one of 'legacy', '2025'.")
    assert "\n" not in error
    assert main(["report", "--province", "Bắc Giang", "--lang", "fr",
                 "--data-dir", str(FIXTURE)]) == 2
    assert "Unknown lang 'fr': use one of 'vi', 'en'." in capsys.readouterr().err
