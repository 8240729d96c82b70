"""How people ask for conversions: the templates `kayas data generate` and `kayas learn` render.

One TemplateSet per kind of quantity, so both units of a command measure the same thing; a
said form maps to its canonical symbol (`kilos` -> kg). Two no-tool sets keep what this tool
cannot do at `[]`: money (rates change; no network here) and questions that only mention a unit.
"""
from __future__ import annotations

import random

from kayas.data import TemplateSet
from kayas.data.pools import as_said
from kayas.data.spec import Fill, Style

FORMS: dict[str, dict[str, list[str]]] = {
    "length": {
        "mm": ["millimetres", "millimeters", "millimetre", "mm"],
        "cm": ["centimetres", "centimeters", "centimetre", "cm"],
        "m": ["metres", "meters", "metre", "meter", "m"],
        "km": ["kilometres", "kilometers", "kilometre", "km", "kms", "k"],
        "in": ["inches", "inch"],
        "ft": ["feet", "foot", "ft"],
        "yd": ["yards", "yard", "yds"],
        "mi": ["miles", "mile", "mi"],
    },
    "mass": {
        "g": ["grams", "gram", "g", "grammes"],
        "kg": ["kilograms", "kilos", "kg", "kilogram", "kilo", "kgs"],
        "oz": ["ounces", "ounce", "oz"],
        "lb": ["pounds", "pound", "lbs", "lb"],
        "st": ["stone", "st"],
        "t": ["tonnes", "tonne", "metric tons"],
    },
    "volume": {
        "ml": ["millilitres", "milliliters", "ml", "mls"],
        "l": ["litres", "liters", "litre", "liter", "l"],
        "tsp": ["teaspoons", "teaspoon", "tsp"],
        "tbsp": ["tablespoons", "tablespoon", "tbsp"],
        "cup": ["cups", "cup"],
        "floz": ["fluid ounces", "fl oz", "fluid ounce"],
        "pint": ["pints", "pint"],
        "gal": ["gallons", "gallon", "gal"],
    },
    "temperature": {
        "C": ["celsius", "degrees celsius", "°C", "C", "centigrade", "degrees C"],
        "F": ["fahrenheit", "degrees fahrenheit", "°F", "F", "degrees F"],
        "K": ["kelvin", "K"],
    },
    "time": {
        "s": ["seconds", "second", "secs"],
        "min": ["minutes", "minute", "mins"],
        "h": ["hours", "hour", "hrs"],
        "day": ["days", "day"],
        "week": ["weeks", "week"],
    },
    "speed": {
        "km/h": ["km/h", "kph", "kilometres per hour", "kilometers per hour", "kmh"],
        "mph": ["mph", "miles per hour", "miles an hour"],
        "m/s": ["m/s", "metres per second", "meters per second"],
    },
    "data": {
        "KB": ["KB", "kilobytes", "kb"],
        "MB": ["MB", "megabytes", "megs", "mb"],
        "GB": ["GB", "gigabytes", "gigs", "gb"],
        "TB": ["TB", "terabytes", "tb"],
    },
}

_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
          "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
          "a hundred": 100, "two hundred": 200, "a thousand": 1000, "twenty five": 25, "forty five": 45, "ninety": 90}


def _value(rng: random.Random, style: Style) -> Fill:
    """A number as typed or said: 5, 12, 1500, 2.5, 0.75, twenty five; the plan carries a float."""
    r = rng.random()
    if r < 0.6:
        n = rng.choice([rng.randint(1, 12), rng.randint(1, 100), rng.randint(100, 2000), rng.randint(0, 40)])
        return Fill(str(n), float(n))
    if r < 0.82:
        x = round(rng.uniform(0.1, 120), rng.choice([1, 1, 2]))
        return Fill(f"{x:g}", float(f"{x:g}"))
    word, n = rng.choice(list(_WORDS.items()))
    return Fill(word, float(n))


def _units(kind: str):
    """A unit of this kind as said; never the one said just before, so "from" and "to" differ."""
    symbols = list(FORMS[kind])
    last: list[str] = []

    def sample(rng: random.Random, style: Style) -> Fill:
        symbol = rng.choice([s for s in symbols if s not in last[-1:]])
        last[:] = [symbol]
        form = rng.choice(FORMS[kind][symbol])
        return Fill(form.lower() if style.voice else form.upper() if style.caps else form, symbol)

    return sample


COMMANDS = (
    "convert {value} {from_unit} to {to_unit}",
    "convert {value} {from_unit} into {to_unit}",
    "[change|turn|switch] {value} {from_unit} [to|into] {to_unit}",
    "{value} {from_unit} [to|in|into] {to_unit}",
    "give me {value} {from_unit} in {to_unit}",
    "[work out|figure out] {value} {from_unit} in {to_unit}",
    "express {value} {from_unit} [in|as] {to_unit}",
    "[tell me|show me] what {value} {from_unit} is in {to_unit}",
    "[put|do] {value} {from_unit} in {to_unit}",
    "convert {from_unit} to {to_unit}: {value}",
)
QUESTIONS = (
    "what's {value} {from_unit} in {to_unit}[?|]",
    "what is {value} {from_unit} [in|as] {to_unit}[?|]",
    "how many {to_unit} [is|are] {value} {from_unit}[?|]",
    "how many {to_unit} [are |]in {value} {from_unit}[?|]",
    "{value} {from_unit} is how many {to_unit}[?|]",
    "how much is {value} {from_unit} in {to_unit}[?|]",
    "what does {value} {from_unit} come to in {to_unit}[?|]",
    "{value} {from_unit} equals how many {to_unit}[?|]",
    "i've got {value} {from_unit}, what's that in {to_unit}[?|]",
    "{value} {from_unit}, how much is that in {to_unit}[?|]",
    "roughly how many {to_unit} is {value} {from_unit}[?|]",
    "what would {value} {from_unit} be in {to_unit}[?|]",
)


def _set(kind: str) -> TemplateSet:
    pool = f"units_{kind}"
    slots = {"{value}": "{value:units_value}", "{from_unit}": "{from_unit:" + pool + "}", "{to_unit}": "{to_unit:" + pool + "}"}

    def fill(pattern: str) -> str:
        for slot, named in slots.items():
            pattern = pattern.replace(slot, named)
        return pattern

    s = TemplateSet("units.convert", name=f"units.{kind}", pools={"units_value": _value, pool: _units(kind)})
    s.imp(*(fill(p) for p in COMMANDS))
    s.ask(*(fill(p) for p in QUESTIONS))
    s.ask(fill("how many {to_unit} [are |is |]in [a|one] {from_unit}[?|]"), value=1.0)
    s.ask(fill("how many {to_unit} [are |is |]in half [a|an] {from_unit}[?|]"), value=0.5)
    return s


_MONEY = as_said(["100 dollars", "50 euros", "20 pounds", "£40", "$75", "1000 yen", "300 usd", "80 gbp", "5 bucks", "250 euros"])
_CURRENCY = as_said(["euros", "dollars", "yen", "pounds", "usd", "gbp", "eur", "rupees", "pesos", "swiss francs"])

money = TemplateSet("", name="units.money", pools={"units_money": _MONEY, "units_currency": _CURRENCY},
                    why="No tool fits: currency rates change daily and Kayas has no tool that fetches them.").ask(
    "convert {_m:units_money} to {_c:units_currency}",
    "what's {_m:units_money} in {_c:units_currency}[?|]",
    "how much is {_m:units_money} in {_c:units_currency}[?|]",
    "what's the exchange rate for {_c:units_currency}[?|]",
    "how many {_c:units_currency} [do I get|would I get] for {_m:units_money}[?|]",
)

mentions = TemplateSet("", name="units.mentions", why="No tool fits: the question names a unit but asks for no conversion.").ask(
    "how far is it to the [airport|station|office] in [miles|km][?|]",
    "how many [miles|kilometres|steps] did I [walk|run] today[?|]",
    "how many calories [are |]in a cup of [rice|milk|oats][?|]",
    "how much does a [litre|gallon] of [petrol|milk|gas] cost[?|]",
    "what's the speed limit on the motorway in mph[?|]",
    "what's the temperature outside in [celsius|fahrenheit][?|]",
    "set the thermostat to [20|21|68] degrees",
    "how long is the drive to work in minutes[?|]",
    "how many kilos should I lose[?|]",
    "how many ounces of water should I drink a day[?|]",
)

EXAMPLES = [_set(kind) for kind in FORMS] + [money, mentions]
