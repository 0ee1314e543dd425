"""Food search: ranked, instant, and forgiving of how people type.

A query becomes stemmed terms (``text.terms``), so word order and plurals do not
matter. Each term matches the index's terms exactly, as a prefix (the user is still
typing: "pumpk") or, if it matches nothing exactly, within one or two typing errors
("almnds", "spinich"). Common names USDA spells otherwise ("garbanzo", "soy milk",
"oatmeal") are tried as USDA's words too. Foods that hold every query term are ranked
by how well the terms match, where in the name they sit (USDA names go from the food
to its details), how much of the name the query leaves unexplained, and a prior that
puts the plain everyday food above baby food, brands, restaurant and regional foods.

All of it is arithmetic on the precomputed index: no name is tokenized at query time
except those of the caller's custom foods, which are cached.
"""

from __future__ import annotations

import heapq
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from functools import cache, lru_cache
from typing import Final, NamedTuple

from mgtui.foods.index import PLACE_BITS, PLACE_MASK, TermIndex, pack_shape, shape_count
from mgtui.foods.model import Food
from mgtui.foods.table import FoodTable, load_table
from mgtui.foods.text import (
    ASIDE,
    CATEGORY,
    CLASS_COUNT,
    HEAD,
    REST,
    SECOND,
    name_terms,
    stem,
    terms,
)

# ---- How well one query term matches one name term (1.0: the same word). ----
EXACT: Final = 1.0
# A prefix scores between PREFIX_BASE and PREFIX_BASE + PREFIX_SPAN, growing with how
# much of the word is typed, so "pumpk" -> "pumpkin" (0.8) beats "pu" -> "pumpkin" (0.65)
# and a complete word always beats a word it is the start of ("egg" over "eggnog").
PREFIX_BASE: Final = 0.55
PREFIX_SPAN: Final = 0.35
MIN_PREFIX: Final = 2  # one letter would match a tenth of all foods
# A typo costs more than an unfinished word: "almnds" is almonds only probably.
TYPO_QUALITY: Final = {1: 0.75, 2: 0.55}
MIN_TYPO_LENGTH: Final = 4  # below that, one edit turns any word into many others
LONG_WORD: Final = 7  # from this length on, two edits are still recognisable
TYPO_CANDIDATES: Final = 40  # index words checked for a typo, those sharing most letters

# ---- Where the term sits in the USDA name. ----
PLACE_WEIGHT: Final = {HEAD: 1.0, CATEGORY: 0.9, SECOND: 0.85, ASIDE: 0.8, REST: 0.7}
# What each name term the query does not mention costs: a different head ("Crackers,
# milk" for "milk") costs much, an extra detail ("3.25% milkfat") little.
# The head's share is split among its terms: "Seeds, pumpkin and squash seed kernels"
# is about pumpkin seeds as much as "Crackers, milk" is about crackers.
HEAD_COST: Final = 0.6
UNMATCHED_COST: Final = {SECOND: 0.12, REST: 0.04, ASIDE: 0.02}
MISSING_TERM_COST: Final = 1.0  # for a food that lacks one of the query's terms

# ---- Priors: what most people mean when they type a plain word. ----
GROUP_PRIOR: Final = {
    "03": -1.2,  # Baby Foods (and infant formula): never what an adult means by "peas"
    "35": -0.6,  # American Indian/Alaska Native Foods: "Seal, bearded, meat, dried"
    "36": -0.45,  # Restaurant Foods
    "21": -0.35,  # Fast Foods
    "22": -0.2,  # Meals, Entrees, and Side Dishes
    # Sausages and Luncheon Meats: SR28 names deli slices like the plain meat
    # ("Chicken breast, deli, rotisserie seasoned, sliced" for "chicken breast").
    "07": -0.1,
}
BRANDED_PRIOR: Final = -0.3  # a brand in capitals, "KELLOGG'S", "CAMPBELL'S"
# A stand-in for the food is not the food: "Bacon, meatless" for "bacon".
STAND_IN_PRIOR: Final = -0.3
STAND_IN_WORDS: Final = ("meatless", "imitation", "substitute")
EVERYDAY_PRIOR: Final = 0.5
# When the query asks for a detail ("potato skin", "skim milk"), how well that detail
# matches should decide, so the everyday lift shrinks to this share.
DETAIL_FACTOR: Final = 0.5
CUSTOM_PRIOR: Final = 0.3  # the user's own foods are likely what they mean

# The plain everyday form of common foods (NDB numbers), so "milk" gives cow's milk
# before goat's or human milk and "egg" a whole egg before a yolk. Only foods that
# already match every query term are lifted, so this orders, never adds, results.
EVERYDAY_FOODS: Final = frozenset(
    {
        # dairy and eggs: whole, 2%, 1% and skim milk, plain yogurt, cheddar, butter, egg,
        # plain kefir (new in SR28)
        *("01077", "01079", "01082", "01085", "01116", "01117", "01009", "01001"),
        *("01123", "01129", "01124", "01015", "01017", "01026", "01289"),
        # fruit: apple, banana, avocado, orange, strawberries, blueberries, grapes, raisins
        *("09003", "09040", "09037", "09200", "09316", "09050", "09132", "09298"),
        # vegetables: spinach, kale, collards, broccoli, carrots, tomatoes, potatoes,
        # sweet potato, onions, peas, corn, green beans, lettuce
        *("11457", "11458", "11233", "11161", "11162", "11090", "11124", "11529"),
        *("11674", "11352", "11508", "11282", "11304", "11167", "11052"),
        *("11251", "11212"),
        # nuts and seeds: almonds, cashews, walnuts, brazil nuts, pumpkin, sunflower,
        # chia, flax and sesame seeds, tahini
        *("12061", "12087", "12155", "12078", "12014", "12036", "12006", "12220"),
        *("12023", "12166"),
        # legumes: peanuts, peanut butter, black, kidney and pinto beans, lentils,
        # chickpeas, black-eyed peas, soybeans, tofu, soymilk
        *("16087", "16098", "16015", "16028", "16043", "16070", "16057", "16063"),
        *("16109", "16108", "16426", "16120", "16139"),
        # grains: oats, quinoa, brown and white rice, whole-wheat and white bread, pasta
        *("08120", "08121", "20137", "20037", "20045", "18075", "18069", "20121"),
        # drinks and sweets: tap water, coffee, tea, dark chocolate, cocoa, molasses
        *("14411", "14209", "14355", "19904", "19165", "19304"),
        # meat and fish: chicken breast, ground beef, salmon, tuna, sardines
        *("05064", "23557", "15236", "15121", "15088"),
    }
)

# Everyday forms of a kind of food that has a plainer form, lifted only when the query
# names the kind (all its words): "greek yogurt" gets a plain Greek yogurt first, while
# "yogurt" still gets plain yogurt and "almonds" the nuts, not almond milk.
EVERYDAY_WHEN_NAMED: Final[dict[str, str]] = {
    "01256": "greek yogurt",  # Yogurt, Greek, plain, nonfat (new in SR28, as below)
    "01287": "greek yogurt",  # Yogurt, Greek, plain, lowfat
    "01293": "greek yogurt",  # Yogurt, Greek, plain, whole milk
    "14091": "almond milk",  # Beverages, almond milk, unsweetened, shelf stable
}

# Names people use that USDA spells otherwise: (what people type, USDA's words).
# Both sides go through the same normalizer as names, so plurals need no entry.
SYNONYMS: Final[tuple[tuple[str, str], ...]] = (
    ("garbanzo", "chickpeas"),
    ("garbanzo beans", "chickpeas"),
    ("chick peas", "chickpeas"),
    ("black eyed peas", "cowpeas blackeyes"),
    ("blackeyed peas", "cowpeas blackeyes"),
    ("black eye peas", "cowpeas blackeyes"),
    ("soy milk", "soymilk"),
    ("soya milk", "soymilk"),
    ("soya", "soy"),
    ("almond milk", "almond beverage"),
    ("oatmeal", "oats"),
    ("porridge", "oats"),
    ("rolled oats", "oats"),
    ("yoghurt", "yogurt"),
    ("flax", "flaxseed"),
    ("flax seeds", "flaxseed"),
    ("linseed", "flaxseed"),
    ("brazil nuts", "brazilnuts"),
    ("collard greens", "collards"),
    ("edamame", "soybeans green"),
    ("green beans", "beans snap green"),
    ("string beans", "beans snap green"),
    ("french fries", "potatoes french fried"),
    ("fries", "potatoes french fried"),
    ("bok choy", "cabbage chinese pak choi"),
    ("pak choi", "cabbage chinese pak choi"),
    ("courgette", "zucchini"),
    ("aubergine", "eggplant"),
    ("rocket", "arugula"),
    ("prawns", "shrimp"),
    ("maize", "corn"),
    ("low fat", "lowfat"),
    ("skim", "nonfat"),
    ("pb", "peanut butter"),
    ("oj", "orange juice"),
    ("mineral water", "water bottled"),
    ("sparkling water", "water bottled perrier"),
    ("ground beef", "beef ground"),
    ("hamburger meat", "beef ground"),
    ("soda", "carbonated beverage"),
    ("cola", "carbonated beverage cola"),
    ("hummous", "hummus"),
    ("tahina", "tahini"),
    ("sunflower seeds", "sunflower seed kernels"),
    ("pumpkin seeds", "pumpkin seed kernels"),
    ("pepitas", "pumpkin seed kernels"),
    ("dark chocolate", "chocolate dark"),
    ("cacao", "cocoa"),
    ("wholemeal", "whole wheat"),
    ("wholegrain", "whole grain"),
    ("potato skins", "potatoes skin"),
    ("swiss chard", "chard swiss"),
    ("scallions", "onions spring scallions"),
    ("green onions", "onions spring scallions"),
)

MAX_QUERY_TERMS: Final = 8  # longer queries are sentences; their first words decide
MAX_LIMIT: Final = 1000

# What a word needs to name a food when a query is logged (``food_for_query``): two
# letters at least, so the "s" and "n" of "%s%s%n" or the "31m" of an escape sequence
# ("ESC[31m") name nothing, though USDA has a "S'MORES" and a "Ham 'N Cheese".
MIN_FOOD_WORD_LETTERS: Final = 2
# Measures name no food either: "12 oz" alone would log a yogurt "12 grams protein".
MEASURE_WORDS: Final = frozenset(
    {"g", "kg", "mg", "oz", "ounce", "lb", "pound", "gram", "ml", "fl", "cup", "tsp", "tbsp"}
    | {"teaspoon", "tablespoon", "pint", "quart", "serving", "piece", "slice", "portion"}
)


class SearchHit(NamedTuple):
    """One search result: the food and how well it matched (higher is better)."""

    food: Food
    score: float


def search_foods(query: str, limit: int = 10, *, extra_foods: Iterable[Food] = ()) -> list[Food]:
    """The foods that best match ``query``, best first; ``[]`` for a blank query.

    ``extra_foods`` (the user's custom foods, passed on every call) are searched with
    the same rules as the USDA table; their tokenized names are cached by name.
    """
    return [hit.food for hit in search_hits(query, limit, extra_foods=extra_foods)]


def search_hits(
    query: str, limit: int = 10, *, extra_foods: Iterable[Food] = ()
) -> list[SearchHit]:
    """Like ``search_foods``, with each food's score."""
    if not 1 <= limit <= MAX_LIMIT:
        raise ValueError(f"limit must be 1 to {MAX_LIMIT}, not {limit}")
    query_terms = terms(query)[:MAX_QUERY_TERMS]
    if not query_terms:
        return []
    table = load_table()
    # A query that ends in a space has its last word finished; otherwise it may be
    # half typed ("pumpk") and may match the words it begins.
    typing = not query[-1:].isspace()
    custom = list(extra_foods)
    scored: dict[str, tuple[float, Food]] = {}
    for variant in _variants(tuple(query_terms)):
        _score_table(table, variant, typing, limit, scored)
        _score_custom(custom, variant, typing, scored)
    best = heapq.nsmallest(
        limit, scored.values(), key=lambda item: (-item[0], len(item[1].name), item[1].id)
    )
    return [SearchHit(food=food, score=round(score, 4)) for score, food in best]


class NoFoodWordError(ValueError):
    """A query to log from that holds no word of any food's name."""


def food_words(query: str, *, extra_foods: Iterable[Food] = ()) -> list[str]:
    """The query's terms that name a food: a word of a USDA or custom food's name (as
    typed, its start while typing, or within a typo), or a name people use (SYNONYMS).
    Terms of fewer than two letters and measures ("oz", "cup") never count.
    """
    query_terms = terms(query)[:MAX_QUERY_TERMS]
    index = load_table().index
    custom_terms = [_custom_terms(food.name)[0] for food in extra_foods]
    synonym_terms = {term for typed, _ in _synonym_rules() for term in typed}
    typing = not query[-1:].isspace()
    last = len(query_terms) - 1
    found = []
    for position, term in enumerate(query_terms):
        letters = sum(char.isalpha() for char in term)
        if letters < MIN_FOOD_WORD_LETTERS or term in _measure_terms():
            continue
        unfinished = typing and position == last
        if (
            term in synonym_terms
            or _expand(index, term, unfinished)
            or any(
                _custom_match(term, name_term, unfinished) > 0.0
                for names in custom_terms
                for name_term in names
            )
        ):
            found.append(term)
    return found


def food_for_query(query: str, *, extra_foods: Iterable[Food] = ()) -> Food:
    """The food to log for a query: the best match, and only for a query that names a food.

    Search ranks whatever it can for a half-typed word; logging must not: a query none
    of whose words is a food word ("%s%s%n", an escape sequence, "12 oz") raises
    ``NoFoodWordError`` instead of logging whichever food happens to come first.
    """
    custom = list(extra_foods)
    if not food_words(query, extra_foods=custom):
        raise NoFoodWordError("none of its words is a word of a food's name")
    hits = search_foods(query, 1, extra_foods=custom)
    if not hits:
        raise NoFoodWordError("no food holds its words")
    return hits[0]


def get_food(ndb_id: str) -> Food | None:
    """The USDA food with this 5-digit NDB number ("01077"), or None."""
    return load_table().get(ndb_id)


def all_foods() -> Sequence[Food]:
    """Every USDA food, in NDB number order (made on first call: about 50 ms)."""
    return list(load_table())


def food_count() -> int:
    return len(load_table())


# ---- Query variants: the query as typed, and with each synonym applied. ----


@lru_cache(maxsize=1)
def _measure_terms() -> frozenset[str]:
    return frozenset(stem(word) for word in MEASURE_WORDS)


@lru_cache(maxsize=1)
def _synonym_rules() -> tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]:
    return tuple((tuple(terms(typed)), tuple(terms(usda))) for typed, usda in SYNONYMS)


def _variants(query_terms: tuple[str, ...]) -> list[tuple[str, ...]]:
    variants = [query_terms]
    for typed, usda in _synonym_rules():
        for variant in list(variants):
            replaced = _replace(variant, typed, usda)
            if replaced is not None and replaced not in variants:
                variants.append(replaced)
    return variants


def _replace(
    sequence: tuple[str, ...], old: tuple[str, ...], new: tuple[str, ...]
) -> tuple[str, ...] | None:
    width = len(old)
    for start in range(len(sequence) - width + 1):
        if sequence[start : start + width] == old:
            return sequence[:start] + new + sequence[start + width :]
    return None


# ---- Matching one query term against the index's terms. ----


def _expand(index: TermIndex, term: str, typing: bool) -> dict[int, float]:
    """The index terms that ``term`` may mean, each with its match quality.

    ``typing``: the term is the last of the query and may be unfinished, so words it
    begins count too. Only the last: "bran cereal" must not find "brand".
    """
    matches: dict[int, float] = {}
    exact = index.term_ids.get(term)
    if exact is not None:
        matches[exact] = EXACT
    if typing and len(term) >= MIN_PREFIX:
        start = bisect_left(index.terms, term)
        for term_id in range(start, len(index.terms)):
            candidate = index.terms[term_id]
            if not candidate.startswith(term):
                break
            if term_id != exact:
                matches[term_id] = PREFIX_BASE + PREFIX_SPAN * len(term) / len(candidate)
    if exact is None and len(term) >= MIN_TYPO_LENGTH:
        for term_id, distance in _typo_matches(index, term):
            quality = TYPO_QUALITY[distance]
            if quality > matches.get(term_id, 0.0):
                matches[term_id] = quality
    return matches


def _max_edits(term: str) -> int:
    return 2 if len(term) >= LONG_WORD else 1


def _bigrams(word: str) -> list[str]:
    padded = f"^{word}$"  # the ends count, so a word's first letters weigh too
    return [padded[i : i + 2] for i in range(len(padded) - 1)]


@lru_cache(maxsize=4)
def _bigram_index(index: TermIndex) -> dict[str, list[int]]:
    """Which terms hold each letter pair; built on the first typo (about 10 ms)."""
    by_bigram: dict[str, list[int]] = {}
    for term_id, term in enumerate(index.terms):
        for bigram in set(_bigrams(term)):
            by_bigram.setdefault(bigram, []).append(term_id)
    return by_bigram


def _typo_matches(index: TermIndex, term: str) -> list[tuple[int, int]]:
    max_edits = _max_edits(term)
    bigrams = set(_bigrams(term))
    # One edit changes at most three letter pairs (a swap of two letters), so a word
    # within max_edits shares at least this many pairs with the term.
    needed = len(bigrams) - 3 * max_edits
    shared: dict[int, int] = {}
    by_bigram = _bigram_index(index)
    for bigram in bigrams:
        for term_id in by_bigram.get(bigram, ()):
            shared[term_id] = shared.get(term_id, 0) + 1
    plausible = [
        (count, term_id)
        for term_id, count in shared.items()
        if count >= needed and abs(len(index.terms[term_id]) - len(term)) <= max_edits
    ]
    # The words sharing most letter pairs are the likely ones; checking only those keeps
    # a typo query within budget (the edit distance is the costly part).
    found = []
    for _, term_id in heapq.nlargest(TYPO_CANDIDATES, plausible):
        distance = edit_distance(term, index.terms[term_id], max_edits)
        if distance <= max_edits:
            found.append((term_id, distance))
    return found


def edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance (a swap of neighbours is one edit), or limit + 1."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous_previous: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        row_min = i
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                value = min(value, previous_previous[j - 2] + 1)
            current[j] = value
            row_min = min(row_min, value)
        if row_min > limit:
            return limit + 1
        previous_previous, previous = previous, current
    return min(previous[len(b)], limit + 1)


# ---- Scoring. ----


def _unexplained_cost(shape: int, head_matched: int, explained: float) -> float:
    """What the name holds that the query did not mention.

    ``head_matched``: how many query terms matched head terms; ``explained``: the
    summed UNMATCHED_COST of the other places the query's terms matched.
    """
    head, rest = _shape_costs(shape)
    head_cost = HEAD_COST * max(0, head - head_matched) / head if head else 0.0
    return head_cost + max(0.0, rest - explained)


@cache
def _shape_costs(shape: int) -> tuple[int, float]:
    """A name shape's head-term count and the summed cost of its other terms.

    Per shape, not per row: the ~8,800 rows have a few hundred shapes, and a short
    prefix ("co") scores thousands of rows, which spent half its time here.
    """
    head = shape_count(shape, HEAD)
    rest = sum(cost * shape_count(shape, place) for place, cost in UNMATCHED_COST.items())
    return head, rest


# Where the words that name the food itself sit.
_FOOD_PLACES: Final = frozenset({HEAD, CATEGORY})

# UNMATCHED_COST by place number, for the inner loop (CATEGORY words cost nothing).
_COST_BY_PLACE: Final = [UNMATCHED_COST.get(place, 0.0) for place in range(CLASS_COUNT)]


def _score_table(
    table: FoodTable,
    variant: tuple[str, ...],
    typing: bool,
    limit: int,
    scored: dict[str, tuple[float, Food]],
) -> None:
    index = table.index
    # Per query term: row -> (best weight, place of that match).
    per_term: list[dict[int, tuple[float, int]]] = []
    last = len(variant) - 1
    for position, term in enumerate(variant):
        best: dict[int, tuple[float, int]] = {}
        for term_id, quality in _expand(index, term, typing and position == last).items():
            for code in index.postings(term_id):
                row = code >> PLACE_BITS
                place = code & PLACE_MASK
                weight = quality * PLACE_WEIGHT[place]
                if row not in best or weight > best[row][0]:
                    best[row] = (weight, place)
        per_term.append(best)

    rows = _candidate_rows(per_term)
    shapes = index.shapes
    branded = index.branded
    everyday = _everyday_rows(table) | _named_everyday_rows(table, frozenset(variant))
    stand_ins = _stand_in_rows(table)
    term_count = len(per_term)
    candidates: list[tuple[float, int]] = []
    for row in rows:
        base = 0.0
        explained = 0.0
        head_matched = 0
        missing = 0
        names_the_food = True  # every term matched the head: no form or detail was asked
        for best in per_term:
            match = best.get(row)
            if match is None:
                missing += 1
            else:
                base += match[0]
                explained += _COST_BY_PLACE[match[1]]
                head_matched += match[1] == HEAD
                names_the_food = names_the_food and match[1] in _FOOD_PLACES
        prior = GROUP_PRIOR.get(index.group_code(row), 0.0)
        if row in branded:
            prior += BRANDED_PRIOR
        if row in stand_ins:
            prior += STAND_IN_PRIOR
        if row in everyday:
            prior += EVERYDAY_PRIOR if names_the_food else EVERYDAY_PRIOR * DETAIL_FACTOR
        score = (
            base / term_count  # an average, so a variant with more words is not favoured
            - _unexplained_cost(shapes[row], head_matched, explained)
            - MISSING_TERM_COST * missing
            + prior
        )
        candidates.append((score, row))

    # Only the best few need their row parsed and a Food made. (Ties at the cut go to
    # the lower NDB number; search_hits orders the survivors' ties by name length.)
    for score, row in heapq.nlargest(limit, candidates, key=lambda item: (item[0], -item[1])):
        food = table.food(row)
        if food.id not in scored or score > scored[food.id][0]:
            scored[food.id] = (score, food)


@lru_cache(maxsize=4)
def _everyday_rows(table: FoodTable) -> frozenset[int]:
    rows = (table.row_of(ndb_id) for ndb_id in EVERYDAY_FOODS)
    return frozenset(row for row in rows if row is not None)


def _named_everyday_rows(table: FoodTable, query_terms: frozenset[str]) -> frozenset[int]:
    """The rows of EVERYDAY_WHEN_NAMED whose kind the query names."""
    return frozenset(
        row
        for ndb_id, kind_terms in _named_everyday(table)
        if kind_terms <= query_terms and (row := table.row_of(ndb_id)) is not None
    )


@lru_cache(maxsize=4)
def _named_everyday(table: FoodTable) -> tuple[tuple[str, frozenset[str]], ...]:
    return tuple((ndb_id, frozenset(terms(kind))) for ndb_id, kind in EVERYDAY_WHEN_NAMED.items())


@lru_cache(maxsize=4)
def _stand_in_rows(table: FoodTable) -> frozenset[int]:
    index = table.index
    rows: set[int] = set()
    for word in STAND_IN_WORDS:
        term_id = index.term_ids.get(stem(word))
        if term_id is not None:
            rows.update(code >> PLACE_BITS for code in index.postings(term_id))
    return frozenset(rows)


def _candidate_rows(per_term: list[dict[int, tuple[float, int]]]) -> Iterable[int]:
    """Rows that hold every query term; failing that, those that hold the most of them."""
    by_size = sorted(per_term, key=len)
    common = set(by_size[0])
    for best in by_size[1:]:
        common.intersection_update(best)
        if not common:
            break
    if common or len(per_term) == 1:
        return common
    counts: dict[int, int] = {}
    for best in per_term:
        for row in best:
            counts[row] = counts.get(row, 0) + 1
    most = max(counts.values(), default=0)
    return [row for row, count in counts.items() if count == most]


@lru_cache(maxsize=4096)
def _custom_terms(name: str) -> tuple[dict[str, int], int]:
    placed = name_terms(name)
    return dict(placed), pack_shape([place for _, place in placed])


def _custom_match(term: str, name_term: str, typing: bool) -> float:
    if term == name_term:
        return EXACT
    if typing and len(term) >= MIN_PREFIX and name_term.startswith(term):
        return PREFIX_BASE + PREFIX_SPAN * len(term) / len(name_term)
    if len(term) >= MIN_TYPO_LENGTH:
        max_edits = _max_edits(term)
        distance = edit_distance(term, name_term, max_edits)
        if distance <= max_edits:
            return TYPO_QUALITY[distance]
    return 0.0


def _score_custom(
    foods: list[Food],
    variant: tuple[str, ...],
    typing: bool,
    scored: dict[str, tuple[float, Food]],
) -> None:
    last = len(variant) - 1
    for food in foods:
        name_places, shape = _custom_terms(food.name)
        base = 0.0
        explained = 0.0
        head_matched = 0
        missing = 0
        for position, term in enumerate(variant):
            best_weight, best_place = 0.0, HEAD
            for name_term, place in name_places.items():
                match = _custom_match(term, name_term, typing and position == last)
                weight = match * PLACE_WEIGHT[place]
                if weight > best_weight:
                    best_weight, best_place = weight, place
            if best_weight == 0.0:
                missing += 1
            else:
                base += best_weight
                explained += _COST_BY_PLACE[best_place]
                head_matched += best_place == HEAD
        if missing == len(variant):
            continue
        score = (
            base / len(variant)
            - _unexplained_cost(shape, head_matched, explained)
            - MISSING_TERM_COST * missing
            + CUSTOM_PRIOR
        )
        if food.id not in scored or score > scored[food.id][0]:
            scored[food.id] = (score, food)
