"""The output volume: set, up/down, mute. (templates to come this session)."""
from kayas.data.spec import TemplateSet

SETS: list[TemplateSet] = []
