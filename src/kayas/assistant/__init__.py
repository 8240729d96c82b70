"""The assistant core: `Assistant`, and the `PlanOutcome` / `RunReport` it hands back."""
from kayas.assistant.core import Assistant
from kayas.assistant.report import PlanOutcome, RunReport
from kayas.assistant.router import CallResult

__all__ = ["Assistant", "CallResult", "PlanOutcome", "RunReport"]
