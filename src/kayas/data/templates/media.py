"""Whatever is playing: play, pause, next, previous (any player), vs Spotify named. (templates to come this session)."""
from kayas.data.spec import TemplateSet

SETS: list[TemplateSet] = []
