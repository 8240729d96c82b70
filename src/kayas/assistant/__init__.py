"""The assistant core: `Assistant`, its `Turn`, and the `PlanOutcome` / `RunReport` it hands back."""
from kayas.assistant.core import Assistant
from kayas.assistant.report import PlanOutcome, RunReport
from kayas.assistant.router import CallResult
from kayas.assistant.turn import Question, Turn

__all__ = ["Assistant", "CallResult", "PlanOutcome", "Question", "RunReport", "Turn"]
