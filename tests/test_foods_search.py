"""Search finds what people type: synonyms, typos, word order, everyday foods first."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mgtui.foods import (
    Food,
    NoFoodWordError,
    Portion,
    food_for_query,
    food_words,
    get_food,
    search_foods,
    search_hits,
)
from mgtui.foods.search import EVERYDAY_FOODS, EVERYDAY_WHEN_NAMED, MAX_LIMIT, edit_distance

QUERIES = Path(__file__).resolve().parent / "data" / "search_queries.json"
TOP = 3
HIT_RATE_FLOOR = 0.95
PUMPKIN_SEEDS = {"12014", "12016", "12516", "12163", "12663"}


def ids(query: str, limit: int = TOP) -> list[str]:
    return [food.id for food in search_foods(query, limit)]


def test_pumpkin_seeds_as_people_type_it() -> None:
    # DOMAIN.md: found for "pumpkin seeds", "pumkin seeds" and "seeds pumpkin".
    for query in ("pumpkin seeds", "pumkin seeds", "seeds pumpkin", "Pumpkin Seeds", "pumpk"):
        assert ids(query)[0] in PUMPKIN_SEEDS | {"11422"}, query
    assert ids("pumpkin seeds")[0] == "12014"  # the dried kernels, 592 mg/100 g


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("almnds", "12061"),
        ("spinich", "11457"),
        ("avacado", "09037"),
        ("brocoli", "11090"),
        ("quinao", "20137"),  # two letters swapped
        ("bannana", "09040"),
    ],
)
def test_typos(query: str, expected: str) -> None:
    assert expected in ids(query)


@pytest.mark.parametrize(
    ("query", "accepted"),
    [
        ("garbanzo", {"16056", "16057", "16058", "16357"}),
        ("garbanzo beans", {"16056", "16057", "16058", "16357"}),
        ("black-eyed peas", {"16062", "16063", "11191", "11192"}),
        ("soy milk", {"16120", "16139", "16222"}),
        ("oatmeal", {"08120", "08121", "20038"}),
        ("yoghurt", {"01116", "01117", "01118"}),
        ("edamame", {"11211", "11212"}),
        ("flax seeds", {"12220"}),
        ("brazil nuts", {"12078"}),
        ("collard greens", {"11161", "11162"}),
        ("dark chocolate", {"19902", "19903", "19904"}),
        ("peanut butter", {"16098", "16097"}),
        ("brown rice", {"20037", "20036"}),
        ("quinoa", {"20137", "20035"}),
        ("tofu", {"16426", "16427", "16126"}),
        ("kidney beans", {"16027", "16028", "16029"}),
    ],
)
def test_common_names(query: str, accepted: set[str]) -> None:
    assert ids(query)[0] in accepted


def test_plural_and_singular_find_the_same() -> None:
    assert ids("almond") == ids("almonds")
    assert ids("bananas")[0] == ids("banana")[0] == "09040"
    assert ids("tomatoes")[0] == ids("tomato")[0]


def test_plain_milk_before_lookalikes() -> None:
    top = ids("milk")
    assert set(top) <= {"01077", "01079", "01082", "01085"}
    assert "18223" not in ids("milk", 20)  # "Crackers, milk"


def test_whole_egg_before_eggnog() -> None:
    assert ids("egg")[0] == "01123"  # Egg, whole, raw, fresh
    assert "01057" not in ids("egg", 10)  # Eggnog


def test_baby_food_branded_and_regional_come_last() -> None:
    for query in ("peas", "oatmeal", "blueberries", "carrots"):
        top = search_foods(query, TOP)
        assert all(food.group != "Baby Foods" for food in top), query
        assert all(food.group != "American Indian/Alaska Native Foods" for food in top), query
    assert all("KELLOGG" not in food.name for food in search_foods("cereal oats", TOP))


def test_unfinished_last_word_only() -> None:
    assert ids("dark choc")[0] in {"19902", "19903", "19904", "19905"}
    # A finished word does not match the words it begins: "bran" is not "brand".
    assert all("brand A" not in food.name for food in search_foods("bran cereal", 5))


def test_blank_and_unmatched_queries() -> None:
    assert search_foods("") == []
    assert search_foods("   ") == []
    assert search_foods("!!!") == []
    assert search_foods("xyzzy qwerty") == []


def test_limit() -> None:
    assert len(search_foods("cheese", 7)) == 7
    for limit in (0, -1, MAX_LIMIT + 1):
        with pytest.raises(ValueError, match="limit"):
            search_foods("cheese", limit)


def test_scores_descend() -> None:
    scores = [hit.score for hit in search_hits("beans", 20)]
    assert scores == sorted(scores, reverse=True)


def test_custom_foods_are_searched_with_the_table() -> None:
    water = Food(
        id="custom-gerolsteiner",
        name="Gerolsteiner mineral water",
        group="Custom",
        magnesium_mg_per_100g=10.8,
        calcium_mg_per_100g=34.8,
        portions=(Portion("l", 1000),),
        custom=True,
    )
    # SR28 has a Gerolsteiner too ("Beverages, GEROLSTEINER BRUNNEN ..."): the
    # person's own food comes first.
    for query in ("gerolsteiner", "gerolstiener", "gerol"):  # as typed, a typo, still typing
        found = search_foods(query, extra_foods=[water])
        assert found[0] == water, query
        assert "14082" in [food.id for food in found[1:]], query
    assert water in search_foods("mineral water", extra_foods=[water])
    # Without it, the table alone answers.
    assert all(not food.custom for food in search_foods("mineral water"))


def test_get_food() -> None:
    seeds = get_food("12014")
    assert seeds is not None and seeds.name.startswith("Seeds, pumpkin")
    assert get_food("00000") is None


def test_edit_distance() -> None:
    assert edit_distance("spinich", "spinach", 2) == 1
    assert edit_distance("quinao", "quinoa", 2) == 1  # a swap is one edit
    assert edit_distance("almnd", "almond", 1) == 1
    assert edit_distance("abc", "xyz", 1) == 2  # past the limit: limit + 1


def load_queries() -> list[dict[str, object]]:
    queries: list[dict[str, object]] = json.loads(QUERIES.read_text(encoding="utf-8"))["queries"]
    return queries


def test_query_set_is_well_formed() -> None:
    queries = load_queries()
    assert len(queries) >= 40
    for item in queries:
        accepted = item["accept"]
        assert isinstance(accepted, list) and accepted, item
        for ndb_id in accepted:
            assert get_food(ndb_id) is not None, (item["query"], ndb_id)


def test_top3_hit_rate_on_the_query_set() -> None:
    queries = load_queries()
    misses = [
        item["query"]
        for item in queries
        if not set(item["accept"]).intersection(ids(str(item["query"])))  # type: ignore[call-overload]
    ]
    rate = 1 - len(misses) / len(queries)
    assert rate >= HIT_RATE_FLOOR, f"top-3 hit rate {rate:.1%}; missed: {misses}"


PLAIN_GREEK_YOGURTS = {"01256", "01287", "01293"}  # nonfat, lowfat, whole milk (SR28)


def test_greek_yogurt_puts_a_plain_greek_yogurt_first() -> None:
    for query in ("greek yogurt", "Greek yoghurt", "yogurt greek", "plain greek yogurt"):
        assert ids(query)[0] in PLAIN_GREEK_YOGURTS, query
    assert ids("kefir")[0] == "01289"  # Kefir, lowfat, plain


def test_a_kind_is_lifted_only_when_the_query_names_it() -> None:
    # "yogurt" still means plain yogurt, "almonds" the nuts, not almond milk.
    assert ids("yogurt")[0] in {"01116", "01117"}
    assert "14091" not in ids("almonds")
    assert ids("almond milk")[0] == "14091"  # unsweetened, before chocolate and vanilla


def test_plain_chicken_breast_before_a_deli_slice() -> None:
    assert ids("chicken breast")[0] == "05064"  # not 07961, "Chicken breast, deli, ..."


def test_everyday_foods_are_in_the_table() -> None:
    # A new USDA release that drops one of them would silently stop lifting it.
    for ndb_id in EVERYDAY_FOODS | set(EVERYDAY_WHEN_NAMED):
        assert get_food(ndb_id) is not None, ndb_id


@pytest.mark.parametrize(
    "query",
    ["%s%s%n", "\x1b[2J\x1b[H", "\x1b[31m", "\x1b]2;title\x07", "12 oz", "1 cup", "a b c", "xyzzy"],
)
def test_a_query_with_no_food_word_is_refused_for_logging(query: str) -> None:
    assert food_words(query) == []
    with pytest.raises(NoFoodWordError, match="none of its words"):
        food_for_query(query)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("pumpkin seeds", "12014"),
        ("pumpk", "12014"),  # still typing
        ("almnds", "12061"),  # a typo
        ("pb", "16098"),  # a name people use (SYNONYMS)
        ("2% milk", "01079"),  # a number beside a food word
        ("pumpkin xyzzy", "12014"),  # one food word is enough
    ],
)
def test_a_query_with_a_food_word_logs_its_best_match(query: str, expected: str) -> None:
    assert food_words(query)
    assert food_for_query(query).id == expected == ids(query)[0]


def test_a_custom_food_word_counts() -> None:
    water = Food("custom-rogaska", "Rogaska mineral water", "Custom", 100.0, 20.0, custom=True)
    assert food_words("rogaska") == []
    assert food_words("rogaska", extra_foods=[water]) == ["rogaska"]
    assert food_for_query("rogaska", extra_foods=[water]) == water
