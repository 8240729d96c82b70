"""A real browser driven through a list of steps."""
from __future__ import annotations

from typing import Annotated, Literal, Union

from pydantic import BaseModel, ConfigDict, Field

from kayas.errors import NotAvailableYet
from kayas.registry import tool


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class GotoArgs(_Strict):
    url: str


class ClickArgs(_Strict):
    selector: str


class FillArgs(_Strict):
    selector: str
    value: str


class PressArgs(_Strict):
    key: str


class WaitArgs(_Strict):
    seconds: float


class ScreenshotArgs(_Strict):
    filename: str


class GotoStep(_Strict):
    action: Literal["goto"]
    args: GotoArgs


class ClickStep(_Strict):
    action: Literal["click"]
    args: ClickArgs


class FillStep(_Strict):
    action: Literal["fill"]
    args: FillArgs


class PressStep(_Strict):
    action: Literal["press"]
    args: PressArgs


class WaitStep(_Strict):
    action: Literal["wait"]
    args: WaitArgs


class ScreenshotStep(_Strict):
    action: Literal["screenshot"]
    args: ScreenshotArgs


Step = Annotated[
    Union[GotoStep, ClickStep, FillStep, PressStep, WaitStep, ScreenshotStep],
    Field(discriminator="action"),
]


@tool
def run_steps(steps: list[Step]) -> dict:
    """Drive a real browser through the steps, in order, on one page.

    Args:
        steps: The steps: goto a url, click or fill a selector, press a key, wait seconds, screenshot to a file.
    """
    raise NotAvailableYet("browser.run_steps")
