"""`units.convert`: length, mass, volume, temperature, time, speed and data sizes, offline.

The brain writes the canonical unit symbols below (the grammar allows nothing else); the
arithmetic is pint's, so offsets (degrees) and exact factors (an inch is 2.54 cm) are right.
Its phrasings are in `kayas_units.examples` (a `kayas.data` entry point, so the planner never
imports them); `kayas learn` teaches them to the brain.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Literal

from kayas.errors import KayasError
from kayas.registry import tool

Unit = Literal[
    "mm", "cm", "m", "km", "in", "ft", "yd", "mi",
    "g", "kg", "oz", "lb", "st", "t",
    "ml", "l", "tsp", "tbsp", "cup", "floz", "pint", "gal",
    "C", "F", "K",
    "s", "min", "h", "day", "week",
    "km/h", "mph", "m/s",
    "KB", "MB", "GB", "TB",
]

# Each symbol in pint's words (US customary volumes; a tonne is metric; KB is 1000 bytes).
PINT_NAMES: dict[str, str] = {
    "mm": "millimeter", "cm": "centimeter", "m": "meter", "km": "kilometer",
    "in": "inch", "ft": "foot", "yd": "yard", "mi": "mile",
    "g": "gram", "kg": "kilogram", "oz": "avoirdupois_ounce", "lb": "avoirdupois_pound", "st": "stone", "t": "metric_ton",
    "ml": "milliliter", "l": "liter", "tsp": "teaspoon", "tbsp": "tablespoon", "cup": "cup", "floz": "US_fluid_ounce",
    "pint": "US_liquid_pint", "gal": "US_liquid_gallon",
    "C": "degree_Celsius", "F": "degree_Fahrenheit", "K": "kelvin",
    "s": "second", "min": "minute", "h": "hour", "day": "day", "week": "week",
    "km/h": "kilometer / hour", "mph": "mile / hour", "m/s": "meter / second",
    "KB": "kilobyte", "MB": "megabyte", "GB": "gigabyte", "TB": "terabyte",
}


class ConversionError(KayasError):
    """Two units that measure different things (miles to kilograms)."""


@lru_cache(maxsize=1)
def _registry():
    import pint  # imported on first use: `kayas tools` and the planner never pay for it

    return pint.UnitRegistry()


@tool(read_only=True)
def convert(value: float, from_unit: Unit, to_unit: Unit) -> dict:
    """Convert a quantity from one unit of measurement to another: length, weight, capacity, temperature, duration, speed or data size.

    Args:
        value: The number to convert, as said (five -> 5.0).
        from_unit: The unit the number is in.
        to_unit: The unit wanted.
    """
    import pint

    ureg = _registry()
    try:
        result = ureg.Quantity(value, PINT_NAMES[from_unit]).to(PINT_NAMES[to_unit]).magnitude
    except pint.DimensionalityError:
        raise ConversionError(f"cannot convert {from_unit} to {to_unit}: they measure different things") from None
    rounded = float(f"{result:.6g}")
    return {"value": value, "from_unit": from_unit, "to_unit": to_unit, "result": rounded,
            "text": f"{value:g} {from_unit} = {rounded:g} {to_unit}"}
