"""The Eyes: read and drive other applications through the platform's accessibility API."""
from kayas.eyes.base import Backend, Bounds, EyesConfig, EyesError, Node, Window
from kayas.eyes.factory import get_backend, make_backend, reset_backend
from kayas.eyes.matching import Ambiguous, NotFound, match, normalize

__all__ = [
    "Ambiguous", "Backend", "Bounds", "EyesConfig", "EyesError", "Node", "NotFound", "Window",
    "get_backend", "make_backend", "match", "normalize", "reset_backend",
]
