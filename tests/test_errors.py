"""One error hierarchy (mgtui.errors): the CLI maps failures to exit codes by type."""

from __future__ import annotations

import pytest

from mgtui.cli.errors import CliError, UsageError, translate
from mgtui.domain.supplements import SupplementError
from mgtui.domain.targets import ProfileError
from mgtui.errors import BadInputError, RefusedError
from mgtui.foods.portions import PortionError
from mgtui.foods.table import FoodTableError
from mgtui.logbook.drafts import AmountError
from mgtui.store import (
    DuplicateNameError,
    ImportFileError,
    InvalidRecordError,
    NotFoundError,
    StoreError,
    StoreLockedError,
)
from mgtui.store.errors import UntrustedPathError


@pytest.mark.parametrize(
    "error",
    [
        AmountError("x"),
        ProfileError("x"),
        SupplementError("x"),
        PortionError("x"),
        NotFoundError("x"),
        DuplicateNameError("x"),
        InvalidRecordError("x"),
        ImportFileError(["x"]),
    ],
)
def test_bad_input_of_every_layer_is_exit_2(error: Exception) -> None:
    assert isinstance(error, BadInputError) and isinstance(error, ValueError)
    translated = translate(error)
    assert isinstance(translated, UsageError) and translated.exit_code == 2


@pytest.mark.parametrize(
    "error",
    [StoreError("x"), StoreLockedError("x"), UntrustedPathError("x"), FoodTableError("x")],
)
def test_other_failures_are_exit_1(error: Exception) -> None:
    translated = translate(error)
    assert isinstance(translated, CliError) and translated.exit_code == 1
    assert str(translated) == str(error)


def test_the_mapping_is_by_type_not_by_module() -> None:
    # A class defined anywhere (here, in a test module) maps by what it derives from.
    class SomeNewBadInput(BadInputError):
        pass

    class SomeRefusal(RefusedError):
        pass

    bad, refused = translate(SomeNewBadInput("no")), translate(SomeRefusal("no"))
    assert bad is not None and bad.exit_code == 2
    assert refused is not None and refused.exit_code == 1
    assert translate(KeyError("a bug")) is None
