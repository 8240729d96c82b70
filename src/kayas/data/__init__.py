"""The training-data generator: templates + slot pools -> validated chat examples."""
from kayas.data.spec import Fill, Style, TemplateError, TemplateSet, call

__all__ = ["Fill", "Style", "TemplateError", "TemplateSet", "call"]
