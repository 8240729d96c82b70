"""How people ask for dice: the templates `kayas data generate` and `kayas learn` render.

Three sets: dice named by their sides ("two twenty-sided dice", "3d6"), ordinary dice (six
sides unsaid: "roll two dice"), and a no-tool set of near misses that stay `[]` (a coin, a
number in a range, games, and "roll" that means something else).
"""
from __future__ import annotations

import random

from kayas.data import TemplateSet
from kayas.data.spec import Fill, Style
from kayas_dice.dice import SIDES

_WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine", 10: "ten",
          12: "twelve", 20: "twenty", 100: "a hundred"}
_COMMON = (6, 20, 6, 20, 4, 8, 10, 12, 100, 2, 3)  # sides, the usual ones more often


def _count(rng: random.Random, style: Style) -> Fill:
    """Two or more dice, as typed or said: 3, three, a couple of (2), a pair of (2)."""
    n = rng.choice([2, 2, 3, 3, 4, 5, 6, 8, 10, rng.randint(2, 12)])
    r = rng.random()
    if n == 2 and r < 0.2:
        return Fill(rng.choice(["a couple of", "a pair of"]), 2)
    if style.voice or (r < 0.5 and n in _WORDS):
        return Fill(_WORDS.get(n, str(n)), n)
    return Fill(str(n), n)


def _digits(rng: random.Random, style: Style) -> Fill:
    """The count in dice notation: the 3 of 3d6."""
    n = rng.choice([1, 2, 2, 3, 4, 6, 8, 10, rng.randint(1, 20)])
    return Fill(str(n), n)


def _d(rng: random.Random, style: Style) -> Fill:
    """The sides in dice notation: the 20 of d20."""
    n = rng.choice(_COMMON)
    return Fill(str(n), n)


def _sided(rng: random.Random, style: Style) -> Fill:
    """The sides as words: twenty-sided, 12-sided, six sided."""
    n = rng.choice([s for s in _COMMON if s in SIDES])
    said = _WORDS[n] if style.voice or rng.random() < 0.5 else str(n)
    join = " " if style.voice else rng.choice(["-", "-", " "])
    return Fill(f"{said}{join}sided", n)


POOLS = {"dice_count": _count, "dice_digits": _digits, "dice_d": _d, "dice_sided": _sided}

named = TemplateSet("dice.roll", name="dice.named", pools=POOLS)
named.imp(
    "roll {count:dice_count} {sides:dice_sided} dice",
    "roll {count:dice_digits}d{sides:dice_d}",
    "roll {count:dice_count} d{sides:dice_d}s",
    "[throw|toss|chuck] {count:dice_count} {sides:dice_sided} dice",
    "[throw|toss] {count:dice_digits}d{sides:dice_d}",
    "give me a {count:dice_digits}d{sides:dice_d} roll",
    "do a {count:dice_digits}d{sides:dice_d} roll",
    "I need {count:dice_count} {sides:dice_sided} dice rolled",
)
named.ask(
    "can you roll {count:dice_count} {sides:dice_sided} dice[?|]",
    "could you roll {count:dice_digits}d{sides:dice_d} for me[?|]",
    "what do {count:dice_count} d{sides:dice_d}s come to[?|]",
    "what's {count:dice_digits}d{sides:dice_d} come out as[?|]",
)
named.imp(
    "roll [a|one] d{sides:dice_d}",
    "roll [a|one] {sides:dice_sided} [die|dice]",
    "[throw|toss] [a|one] {sides:dice_sided} die",
    "roll 1d{sides:dice_d}",
    "give me a d{sides:dice_d}",
    "d{sides:dice_d} roll [please|]",
    count=1,
)
named.ask(
    "can you roll a d{sides:dice_d} for me[?|]",
    "what does a d{sides:dice_d} give me[?|]",
    "what do I roll on a {sides:dice_sided} die[?|]",
    count=1,
)

ordinary = TemplateSet("dice.roll", name="dice.ordinary", pools=POOLS)
ordinary.imp(
    "roll {count:dice_count} dice",
    "[throw|toss|chuck] {count:dice_count} dice",
    "{count:dice_count} dice[,|] [roll them|please]",
    sides=6,
)
ordinary.ask("can you roll {count:dice_count} dice [for me|][?|]", "could you throw {count:dice_count} dice[?|]", sides=6)
ordinary.imp("roll [a|one] [die|dice]", "[throw|toss] a [die|dice]", "roll a dice for [me|us|the game]", "dice roll [please|]",
             count=1, sides=6)
ordinary.ask("can you roll a die [for me|][?|]", "what number does the die land on[?|]", count=1, sides=6)

near_misses = TemplateSet("", name="dice.near_misses",
                          why="No tool fits: the request is about chance or rolling, but asks for no dice to be rolled.").ask(
    "[flip|toss] a coin",
    "heads or tails[?|]",
    "pick a random number between [1|one] and [10|50|100]",
    "what are the odds of rolling [a six|double sixes|a natural 20][?|]",
    "how many sides does a [d20|dodecahedron|die] have[?|]",
    "let's play [yahtzee|monopoly|craps|backgammon]",
    "roll [down|up] the car windows",
    "roll back the [last|] [update|driver]",
    "where can I buy a set of [dice|d20s][?|]",
    "how do I make [spring|sushi|sausage] rolls[?|]",
)

EXAMPLES = [named, ordinary, near_misses]
