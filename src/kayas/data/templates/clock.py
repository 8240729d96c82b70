"""The date and the time. (templates to come this session)."""
from kayas.data.spec import TemplateSet

SETS: list[TemplateSet] = []
