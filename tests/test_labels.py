"""Calcium and vitamin D from a label: forms, the compound-weight question, vitamin D
units, entries that keep their vitamin D, old files, and what status shows."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import orjson
import pytest

from cli_support import Cli
from mgtui.domain import reference as ref
from mgtui.domain.entries import Entry
from mgtui.domain.history import day_totals
from mgtui.domain.supplements import (
    SupplementError,
    calcium_form,
    elemental_calcium_mg,
    looks_like_calcium_compound_weight,
    vitamin_d_iu,
)
from mgtui.domain.targets import DEFAULT_PROFILE, resolve_targets
from mgtui.domain.verdict import day_verdict
from mgtui.logbook.drafts import (
    AmountError,
    calcium_compound_weight_warning,
    make_product,
    supplement_entry,
)
from mgtui.present.day import vitamin_d_line
from mgtui.store import Repository, layout

DAY = dt.date(2026, 11, 22)


# -- domain ----------------------------------------------------------------------------


def test_calcium_forms_by_weight() -> None:
    assert elemental_calcium_mg(500, "citrate") == pytest.approx(105.5)
    assert elemental_calcium_mg(1250, "calcium carbonate") == pytest.approx(500)
    fractions = {name: fraction for name, (fraction, _) in ref.CALCIUM_FORMS.items()}
    assert fractions == {
        "carbonate": 0.400,
        "citrate": 0.211,
        "phosphate": 0.388,
        "lactate": 0.130,
        "gluconate": 0.093,
    }
    assert calcium_form("Tricalcium phosphate").name == "phosphate"
    with pytest.raises(SupplementError, match=r"unknown calcium form 'oxide'.*citrate"):
        calcium_form("oxide")


@pytest.mark.parametrize(
    ("calcium_mg", "form", "asked"),
    [
        (500, "citrate", True),  # the citrate tablet's front weight (105.5 mg elemental)
        (315, "citrate", False),  # a real label: 315 mg per 2 caplets
        (600, "carbonate", False),  # "Calcium 600"
        (1250, "carbonate", True),  # the carbonate tablet's weight
        (1250, None, True),
        (500, None, False),
        (500, "gluconate", True),
        (400, "citrate", False),  # "Petites": 400 mg per 2 caplets
    ],
)
def test_the_calcium_compound_weight_question(
    calcium_mg: float, form: str | None, asked: bool
) -> None:
    assert looks_like_calcium_compound_weight(calcium_mg, form) is asked


def test_vitamin_d_in_iu_or_mcg() -> None:
    assert vitamin_d_iu(mcg=25) == 1000.0
    assert vitamin_d_iu(iu=1000) == 1000.0
    assert 1000 / ref.VITAMIN_D_IU_PER_MCG == 25
    assert vitamin_d_iu() is None
    with pytest.raises(SupplementError, match="not both"):
        vitamin_d_iu(iu=1000, mcg=25)
    with pytest.raises(SupplementError, match="not plausible"):
        vitamin_d_iu(mcg=1e9)


def test_a_product_from_a_calcium_compound_weight_and_vitamin_d_in_mcg() -> None:
    product = make_product(
        "Citracal + D",
        None,
        "",
        "500",
        "1 tablet",
        compound=False,
        calcium_form="Calcium Citrate",
        calcium_compound=True,
        vitamin_d_text="25",
        vitamin_d_unit="mcg",
    )
    assert product.calcium_mg == pytest.approx(105.5)
    assert (product.calcium_form, product.calcium_compound_mg) == ("citrate", 500.0)
    assert product.vitamin_d_iu == 1000.0
    assert product.calcium_conversion == (
        "500 mg calcium citrate × 21.1% elemental = 105.5 mg calcium"
    )
    entry = supplement_entry(product, 2, DAY, dt.time(8))
    assert entry.calcium_mg == pytest.approx(211.0)
    assert entry.vitamin_d_iu == 2000.0


def test_calcium_typed_as_elemental_gets_the_question() -> None:
    product = make_product(
        "Cal citrate", None, "", "500", "1 tablet", compound=False, calcium_form="citrate"
    )
    warning = calcium_compound_weight_warning(product, compound=False)
    assert warning is not None
    assert "unusual for calcium citrate (21.1% calcium)" in warning
    assert "about 106 mg" in warning
    with pytest.raises(AmountError, match="calcium compound weight needs its form"):
        make_product("X", None, "", "500", "1", compound=False, calcium_compound=True)


def test_vitamin_d_figures_keep_their_side_of_the_rda_and_the_ul() -> None:
    targets = resolve_targets(DEFAULT_PROFILE)
    assert (targets.vitamin_d_rda_iu, targets.vitamin_d_ul_iu) == (600.0, 4000.0)

    def entries(food_iu: float, supplement_iu: float) -> list[Entry]:
        return [
            Entry("a", DAY, dt.time(8), "food", "milk", "1 cup", 24.0, 276.0, vitamin_d_iu=food_iu),
            Entry(
                "b", DAY, dt.time(9), "supplement", "D3", "1 serving", 0.0, 0.0,
                vitamin_d_iu=supplement_iu, servings=1.0,
            ),
        ]  # fmt: skip

    below = day_verdict(day_totals(DAY, entries(99.6, 500)), targets).vitamin_d
    assert not below.reached
    assert below.total.text == "599.6"
    assert below.to_go is not None and below.to_go.text == "0.4"
    over = day_verdict(day_totals(DAY, entries(0.3, 4000)), targets)
    assert over.vitamin_d_over_ul
    assert over.vitamin_d.total.text == "4000.3"
    assert over.vitamin_d_over_ul_by is not None and over.vitamin_d_over_ul_by.text == "0.3"


# -- the store -------------------------------------------------------------------------


def test_a_file_written_before_vitamin_d_opens_with_every_entry_intact(tmp_path: Path) -> None:
    rows = [
        ["e1", "08:00", "f", "Milk, whole", "1 cup", 24.4, 276.0, "01077", 244.0],
        ["e2", "09:00", "s", "Mag Glycinate", "2 servings", 240.0, 0.0, None, None,
         "glycinate", "Mag Glycinate", 2],
        ["e3", "12:00", "f", "Spinach", "30 g", 26.1, 40.8],
    ]  # fmt: skip
    tables = layout.new_tables("2025-01-31T08:00:00Z")
    tables[layout.DAYS][str(DAY.toordinal())] = layout.day_document(DAY, rows)
    tables[layout.SUPPLEMENTS]["1"] = {
        "name": "Mag Glycinate",
        "form": "glycinate",
        "magnesium_mg": 120.0,
        "calcium_mg": 0.0,
        "serving": "2 capsules",
        "compound_mg": None,
    }
    (tmp_path / "mgtui.json").write_bytes(orjson.dumps(tables))
    with Repository.open(tmp_path) as repo:
        entries = repo.entries_on(DAY)
        assert [e.id for e in entries] == ["e1", "e2", "e3"]
        assert [e.vitamin_d_iu for e in entries] == [None, None, None]
        assert entries[1].servings == 2 and entries[1].product == "Mag Glycinate"
        assert repo.set_aside_records() == []
        product = repo.supplement_product("mag glycinate")
        assert product is not None and product.vitamin_d_iu == 0.0
        assert product.calcium_form is None
        # A new entry with vitamin D is stored at the end of its row.
        repo.log(
            Entry("", DAY, dt.time(20), "supplement", "D3", "1 serving", 0.0, 0.0,
                  servings=1.0, vitamin_d_iu=1000.0)
        )  # fmt: skip
        totals = repo.day_totals()[0]
        assert (totals.food_vitamin_d_iu, totals.supplement_vitamin_d_iu) == (0.0, 1000.0)
        exported = repo.export_data()
    stored_rows = layout.decode_rows(
        orjson.loads((tmp_path / "mgtui.json").read_bytes())["days"][str(DAY.toordinal())]["e"]
    )
    assert stored_rows[:3] == rows
    assert stored_rows[3][layout.VITAMIN_D_INDEX] == 1000.0
    assert [e.get("vitamin_d_iu") for e in exported["entries"]] == [None, None, None, 1000.0]

    other = tmp_path / "other"
    with Repository.open(other) as repo:
        repo.import_data(exported)
        assert [e.vitamin_d_iu for e in repo.entries_on(DAY)] == [None, None, None, 1000.0]


def test_an_export_from_before_vitamin_d_imports(tmp_path: Path) -> None:
    document = {
        "format": "mgtui-export",
        "version": 1,
        "exported_at": "2025-01-31T08:00:00Z",
        "profile": None,
        "entries": [
            {"id": "e1", "date": "2026-11-22", "time": "08:00", "kind": "food",
             "name": "Milk", "amount": "1 cup", "magnesium_mg": 24.4, "calcium_mg": 276.0,
             "food_id": "01077", "grams": 244.0, "form": None, "product": None,
             "servings": None},
        ],
        "supplement_products": [
            {"name": "Cal", "form": None, "magnesium_mg": 0, "calcium_mg": 500,
             "serving": "1", "compound_mg": None},
        ],
        "custom_foods": [],
        "favourite_food_ids": [],
    }  # fmt: skip
    with Repository.open(tmp_path) as repo:
        result = repo.import_data(document)
        assert result.entries_added == 1
        assert repo.entries_on(DAY)[0].vitamin_d_iu is None
        assert repo.supplement_products()[0].vitamin_d_iu == 0.0


# -- the command line ------------------------------------------------------------------


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Cli:
    return Cli(tmp_path / "data", monkeypatch, capsys)


def test_take_with_a_calcium_compound_weight_and_vitamin_d(cli: Cli) -> None:
    shown = cli.json(
        "take", "Citracal", "--ca-compound-mg", "500", "--ca-form", "citrate",
        "--vitamin-d-mcg", "25",
    )  # fmt: skip
    assert shown["calcium_mg"] == 105.5
    assert shown["vitamin_d_iu"] == 1000.0
    assert shown["calcium_conversion"] == (
        "500 mg calcium citrate × 21.1% elemental = 105.5 mg calcium"
    )
    status = cli.json("status")
    assert status["vitamin_d"] == status["vitamin_d"] | {
        "food_iu": 0.0,
        "supplement_iu": 1000.0,
        "total_iu": 1000.0,
        "rda_iu": 600.0,
        "ul_iu": 4000.0,
        "target_kind": "RDA",
    }
    assert status["calcium"]["supplement_mg"] == 106.0  # whole mg, as the bar shows it
    text = cli.ok("status").out
    assert "Vitamin D" in text and "1000 / 600 IU RDA" in text
    assert cli.json("history")[0]["vitamin_d_iu"] == 1000.0


def test_a_food_logs_its_vitamin_d_from_the_table(cli: Cli) -> None:
    shown = cli.json("add", "01077", "100g")  # whole milk
    assert shown["vitamin_d_iu"] is not None and shown["vitamin_d_iu"] > 0
    status = cli.json("status")
    assert status["vitamin_d"]["food_iu"] == round(shown["vitamin_d_iu"])
    assert status["vitamin_d"]["supplement_iu"] == 0.0


def test_a_saved_product_keeps_its_calcium_form_and_vitamin_d(cli: Cli) -> None:
    saved = cli.json(
        "supplement", "add", "Cal+D", "--ca-compound-mg", "1250", "--ca-form", "carbonate",
        "--vitamin-d-iu", "400",
    )  # fmt: skip
    assert saved | {} == saved | {
        "calcium_mg": 500.0,
        "calcium_form": "carbonate",
        "calcium_compound_mg": 1250.0,
        "vitamin_d_iu": 400.0,
    }
    taken = cli.json("take", "Cal+D", "--servings", "2")
    assert (taken["calcium_mg"], taken["vitamin_d_iu"]) == (1000.0, 800.0)
    assert taken["product"] == "Cal+D"


def test_calcium_typed_as_elemental_that_looks_like_a_compound_weight_is_asked_about(
    cli: Cli,
) -> None:
    result = cli("supplement", "add", "Cal citrate", "--ca", "500", "--ca-form", "citrate")
    assert result.code == 0
    assert "unusual for calcium citrate" in result.err
    assert "--ca-compound-mg 500 --ca-form citrate" in result.err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("X", "--ca-compound-mg", "500"), "--ca-compound-mg needs --ca-form"),
        (("X", "--ca", "100", "--ca-compound-mg", "5"), "not allowed with argument"),
        (("X", "--ca-compound-mg", "500", "--ca-form", "kryptonite"), "unknown calcium form"),
        (("X", "--vitamin-d-iu", "1000", "--vitamin-d-mcg", "25"), "not allowed with argument"),
        (("X", "--vitamin-d-iu", "-5"), "vitamin D (IU) cannot be below 0"),
        (("X", "--vitamin-d-mcg", "abc"), "vitamin D (mcg)"),
        (("X", "--vitamin-d-mcg", "1e9"), "not plausible"),
    ],
)
def test_bad_label_options_are_refused(cli: Cli, args: tuple[str, ...], message: str) -> None:
    for command in (("take",), ("supplement", "add")):
        result = cli(*command, *args)
        assert result.code == 2, result.err
        assert message in result.err
        assert len(result.err_lines) == 1
    assert not cli.data_file.exists() or cli.json("log") == []


def test_the_vitamin_d_line_fits_beside_the_bars() -> None:
    targets = resolve_targets(DEFAULT_PROFILE)
    from mgtui.domain.summary import summarize_day

    entries = [
        Entry("b", DAY, dt.time(9), "supplement", "D3", "1", 0.0, 0.0, vitamin_d_iu=5000.0),
        Entry("a", DAY, dt.time(8), "food", "milk", "1 cup", 24.0, 276.0, vitamin_d_iu=98.0),
    ]
    view = vitamin_d_line(summarize_day(DAY, entries, targets))
    assert view.value == "5098 / 600 IU RDA 850%"
    assert view.note == "OVER the 4000 IU upper limit by 1098 · food 98, supplements 5000"
    assert "-over-limit" in view.states
    # At 80 columns the figure and its state are whole; only the parts may be cut.
    assert len(f"{view.label:<13}{view.value} · {view.note.split(' · ')[0]}") <= 80


def test_insights_and_the_report_show_the_vitamin_d_average() -> None:
    from mgtui.domain.insights import compute_insights
    from mgtui.present.insights import summary_lines
    from mgtui.present.report import build_report

    entries = [
        Entry("a", DAY, dt.time(8), "food", "milk", "1 cup", 24.0, 276.0, vitamin_d_iu=100.0),
        Entry("b", DAY, dt.time(9), "supplement", "D3", "1", 0.0, 0.0, vitamin_d_iu=5000.0),
        Entry("c", DAY - dt.timedelta(days=1), dt.time(8), "food", "egg", "1", 6.0, 28.0,
              vitamin_d_iu=None),
    ]  # fmt: skip
    targets = resolve_targets(DEFAULT_PROFILE)
    lines = summary_lines(compute_insights(entries, targets, end=DAY, days=7))
    [line] = [line for line in lines if line.startswith("Average vitamin D")]
    assert line == (
        "Average vitamin D 2550 IU/day = 425% of the RDA 600 (food 50, supplements 2500)"
        " · days over its upper limit 1/2 (50%)"
    )
    report = build_report(profile=DEFAULT_PROFILE, entries=entries, products=[], end=DAY, days=7)
    assert "| average vitamin D, total | 2550 IU/day = 425% of the RDA 600" in report
    assert "| days over the vitamin D upper limit (4000 IU) | 1 of 2 (50%) |" in report
