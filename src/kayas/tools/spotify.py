"""Spotify playback through the Spotify Web API."""
from __future__ import annotations

from kayas.errors import NotAvailableYet
from kayas.registry import tool


@tool
def play_query(query: str) -> dict:
    """Search Spotify and play the best match.

    Args:
        query: What to play: a song, artist, album, playlist or mood.
    """
    raise NotAvailableYet("spotify.play_query")


@tool
def pause_playback() -> dict:
    """Pause playback."""
    raise NotAvailableYet("spotify.pause_playback")


@tool
def get_current_playing() -> dict:
    """The track playing now."""
    raise NotAvailableYet("spotify.get_current_playing")
