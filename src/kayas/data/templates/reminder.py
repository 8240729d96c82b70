"""Reminders: add, list, cancel. (templates to come this session)."""
from kayas.data.spec import TemplateSet

SETS: list[TemplateSet] = []
