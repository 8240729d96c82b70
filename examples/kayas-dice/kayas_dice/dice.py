"""`dice.roll`: roll COUNT dice of SIDES sides each (3d6, a d20), with the operating system's randomness.

The second worked example of `kayas learn` (the first is kayas-units): a tool taught after another
one, so that learning two tools in a row can be measured. Its phrasings are in `kayas_dice.examples`.
"""
from __future__ import annotations

import random

from kayas.errors import KayasError
from kayas.registry import tool

MAX_COUNT = 100
SIDES = (2, 3, 4, 6, 8, 10, 12, 20, 100)  # the dice people name; other counts of sides are refused in one line


class DiceError(KayasError):
    """A roll no table has: no dice, too many, or a die of a shape not made."""


_random = random.SystemRandom()


@tool(read_only=True)
def roll(count: int, sides: int) -> dict:
    """Roll dice and add them up: a die, a pair of dice, 3d6, a d20.

    Args:
        count: How many dice (a die: 1, a pair: 2).
        sides: The sides of each die (an ordinary die: 6, a d20: 20).
    """
    if not 1 <= count <= MAX_COUNT:
        raise DiceError(f"cannot roll {count} dice: from 1 to {MAX_COUNT}")
    if sides not in SIDES:
        raise DiceError(f"no {sides}-sided die: the sides are one of {', '.join(map(str, SIDES))}")
    rolls = [_random.randint(1, sides) for _ in range(count)]
    total = sum(rolls)
    shown = f"{count}d{sides}: " + (f"{' + '.join(map(str, rolls))} = {total}" if count > 1 else str(total))
    return {"count": count, "sides": sides, "rolls": rolls, "total": total, "text": shown}
