"""Alarms at a time. (templates to come this session)."""
from kayas.data.spec import TemplateSet

SETS: list[TemplateSet] = []
