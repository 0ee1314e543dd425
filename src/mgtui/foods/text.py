"""Turning food names and queries into comparable terms.

The build script (``scripts/build_foods.py``) indexes USDA's names with these
functions and search normalizes queries with the same ones, so a change here needs a
rebuilt index: bump ``NORMALIZER_VERSION`` and run the script (a test checks that the
committed index is current).
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

# Bump whenever a change here would index a name differently.
NORMALIZER_VERSION: Final = 1

# Where a term sits in a USDA name, which says how much it defines the food. USDA names
# go from the food to its details: "Milk, whole, 3.25% milkfat, with added vitamin D".
HEAD: Final = 0  # the first comma part: "Milk"
SECOND: Final = 1  # the second part: "whole"
REST: Final = 2  # preparation and detail: "3.25% milkfat, with added vitamin D"
ASIDE: Final = 3  # inside parentheses: "Chickpeas (garbanzo beans, bengal gram)"
CATEGORY: Final = 4  # a category word that heads the name: the "Nuts" of "Nuts, almonds"
CLASS_COUNT: Final = 5
# Which place tells most about the food, for a term found in two places.
_PLACE_RANK: Final = {HEAD: 0, CATEGORY: 1, SECOND: 2, ASIDE: 3, REST: 4}

# First parts that name a category rather than the food, so the part after them is the
# food's real head: "Nuts, almonds", "Seeds, pumpkin and squash seed kernels, dried",
# "Fish, salmon, Atlantic, wild, raw", "Cereals ready-to-eat, ...".
CATEGORY_HEADS: Final = frozenset(
    {
        "alcoholic beverage",
        "beverages",
        "candies",
        "cereals",
        "cereals ready-to-eat",
        "crustaceans",
        "fish",
        "mollusks",
        "nuts",
        "seeds",
        "snacks",
        "spices",
        "sweeteners",
    }
)


# Words that never tell one food from another; dropped from names and queries alike.
STOP_WORDS: Final = frozenset(
    {"a", "an", "and", "as", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to"}
    | {"with", "without"}  # "without salt": "salt" alone carries the meaning
)

# Plurals the suffix rules in ``stem`` get wrong.
IRREGULAR: Final = {
    "leaves": "leaf",
    "halves": "half",
    "loaves": "loaf",
    "knives": "knife",
    "calves": "calf",
    "geese": "goose",
    "feet": "foot",
    "teeth": "tooth",
    "mice": "mouse",
}

# Shorter words are left alone: "pie", "soy", "tea", "egg" have no suffix to strip.
_MIN_STEM_LENGTH: Final = 3
_WORD = re.compile(r"[a-z0-9]+")
_APOSTROPHES = re.compile(r"['\u2019`]")


def fold(text: str) -> str:
    """Lowercase ASCII without accents or apostrophes: "Kellogg's Café" -> "kelloggs cafe"."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(char for char in text if not unicodedata.combining(char))
    return _APOSTROPHES.sub("", text.lower())


def words(text: str) -> list[str]:
    """The folded words of a text, stop words included."""
    return _WORD.findall(fold(text))


# CATEGORY_HEADS as ``words`` spells them ("cereals ready to eat").
_CATEGORY_KEYS: Final = frozenset(" ".join(_WORD.findall(head)) for head in CATEGORY_HEADS)


def stem(word: str) -> str:
    """A plural-insensitive form of one folded word, the same for singular and plural.

    Not English morphology, only a mapping under which "seed"/"seeds", "berry"/"berries",
    "tomato"/"tomatoes", "cookie"/"cookies" and "peach"/"peaches" meet: drop a plural
    "s", then a final "e", and spell a final "y" as "i".
    """
    if word in IRREGULAR:
        return IRREGULAR[word]
    if len(word) <= _MIN_STEM_LENGTH or word.isdigit():
        return word
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    if len(word) > _MIN_STEM_LENGTH:
        if word.endswith("e"):
            word = word[:-1]
        elif word.endswith("y"):
            word = word[:-1] + "i"
    return word


def terms(text: str) -> list[str]:
    """The stemmed words of a query, stop words dropped (unless nothing else is left)."""
    all_words = words(text)
    kept = [word for word in all_words if word not in STOP_WORDS] or all_words
    return [stem(word) for word in kept]


def _split_parts(name: str) -> tuple[list[str], list[str]]:
    """A name's top-level comma parts, and what stood inside parentheses.

    "Chickpeas (garbanzo beans, bengal gram), mature seeds" gives
    (["Chickpeas ", " mature seeds"], ["garbanzo beans, bengal gram"]).
    """
    parts: list[str] = []
    asides: list[str] = []
    current: list[str] = []
    aside: list[str] = []
    depth = 0
    for char in name:
        if char == "(":
            depth += 1
            if depth == 1:
                continue
        elif char == ")" and depth > 0:
            depth -= 1
            if depth == 0:
                asides.append("".join(aside))
                aside = []
                continue
        if depth > 0:
            aside.append(char)
        elif char == ",":
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    if aside:  # an unclosed parenthesis: keep its words anyway
        asides.append("".join(aside))
    return parts, asides


def name_terms(name: str) -> list[tuple[str, int]]:
    """Each distinct term of a food name with its place (HEAD, SECOND, ...).

    A term that occurs twice keeps its more telling place: in "Seeds, pumpkin and squash
    seed kernels" the "seed" of the head counts, not the category word.
    """
    parts, asides = _split_parts(name)
    placed: list[tuple[str, int]] = []
    if len(parts) > 1 and " ".join(words(parts[0])) in _CATEGORY_KEYS:
        placed.extend((word, CATEGORY) for word in words(parts[0]))
        parts = parts[1:]
    for index, part in enumerate(parts):
        place = min(index, REST)
        placed.extend((word, place) for word in words(part))
    for part in asides:
        placed.extend((word, ASIDE) for word in words(part))

    best: dict[str, int] = {}  # insertion order keeps the name's word order
    for word, place in placed:
        if word in STOP_WORDS:
            continue
        term = stem(word)
        if term not in best or _PLACE_RANK[place] < _PLACE_RANK[best[term]]:
            best[term] = place
    return list(best.items())
