"""Spotify playback through the Spotify Web API (spotipy).

A real user sets SPOTIPY_CLIENT_ID, SPOTIPY_CLIENT_SECRET and SPOTIPY_REDIRECT_URI (an app at
developer.spotify.com), then runs a Spotify command once in a terminal: spotipy opens the browser
to log in and the token is cached in KAYAS_HOME/spotify-token.json, refreshed from then on.
KAYAS_SPOTIFY_TOKEN takes a ready access token instead; KAYAS_SPOTIFY_API_URL and
KAYAS_SPOTIFY_ACCOUNTS_URL point the client at another server (the tests' local one).
"""
from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kayas.errors import KayasError
from kayas.registry import TextOut, tool
from kayas.settings import MissingSettings, kayas_home, setting

SCOPES = "user-modify-playback-state user-read-playback-state user-read-currently-playing"
CREDENTIALS = ["SPOTIPY_CLIENT_ID", "SPOTIPY_CLIENT_SECRET", "SPOTIPY_REDIRECT_URI"]
# spotipy logs every HTTP error at ERROR level; Kayas reports them itself, once, in words.
logging.getLogger("spotipy").addHandler(logging.NullHandler())
logging.getLogger("spotipy").propagate = False


if TYPE_CHECKING:  # spotipy is imported on first use: the brain needs only the schema
    import spotipy


class SpotifyError(KayasError):
    """A Spotify request failed; the reason in plain words."""


def token_cache() -> Path:
    return kayas_home() / "spotify-token.json"


def _api_prefix() -> str | None:
    url = setting("KAYAS_SPOTIFY_API_URL")
    if not url:
        return None
    url = url.rstrip("/")
    return (url if url.endswith("/v1") else url + "/v1") + "/"


def client() -> spotipy.Spotify:
    """A spotipy client with a ready token: KAYAS_SPOTIFY_TOKEN, else the cached OAuth login."""
    import spotipy
    from spotipy.cache_handler import CacheFileHandler
    from spotipy.oauth2 import SpotifyOAuth

    token = setting("KAYAS_SPOTIFY_TOKEN")
    if token:
        sp = spotipy.Spotify(auth=token, requests_timeout=10)
    else:
        values = {name: setting(name) for name in CREDENTIALS}
        missing = [n for n, v in values.items() if not v]
        if missing:
            raise MissingSettings(
                "Spotify", missing,
                "(From your app at developer.spotify.com/dashboard; or KAYAS_SPOTIFY_TOKEN for a ready access token.)",
            )
        auth = SpotifyOAuth(
            client_id=values["SPOTIPY_CLIENT_ID"], client_secret=values["SPOTIPY_CLIENT_SECRET"],
            redirect_uri=values["SPOTIPY_REDIRECT_URI"], scope=SCOPES,
            cache_handler=CacheFileHandler(cache_path=str(token_cache())), open_browser=True,
        )
        accounts = setting("KAYAS_SPOTIFY_ACCOUNTS_URL")
        if accounts:
            auth.OAUTH_TOKEN_URL = accounts.rstrip("/") + "/api/token"
            auth.OAUTH_AUTHORIZE_URL = accounts.rstrip("/") + "/authorize"
        if auth.cache_handler.get_cached_token() is None and not sys.stdin.isatty():
            raise SpotifyError(
                f"not logged in to Spotify yet: run a Spotify command once in a terminal to log in "
                f"in the browser (the token is then kept in {token_cache()})"
            )
        sp = spotipy.Spotify(auth_manager=auth, requests_timeout=10)
    prefix = _api_prefix()
    if prefix:
        sp.prefix = prefix
    return sp


def _message(exc: spotipy.SpotifyException) -> str:
    text = str(exc.msg or "").split("\n", 1)[-1].strip()  # spotipy puts "<url>:\n " before it
    return text or f"HTTP {exc.http_status}"


def _plain(exc: Exception) -> str:
    """The reason for each way a Spotify request fails, and what to do about it."""
    import requests
    import spotipy

    if isinstance(exc, spotipy.SpotifyOauthError):
        return f"the Spotify login failed ({exc}); delete {token_cache()} and log in again"
    if isinstance(exc, requests.RequestException):
        return f"cannot reach Spotify: {type(exc).__name__}"
    assert isinstance(exc, spotipy.SpotifyException)
    status, reason, msg = exc.http_status, exc.reason or "", _message(exc)
    if status == 401:
        again = "set a fresh KAYAS_SPOTIFY_TOKEN" if setting("KAYAS_SPOTIFY_TOKEN") else (
            f"delete {token_cache()} and log in again")
        return f"Spotify rejected the access token ({msg}); {again}"
    if status == 404 and (reason == "NO_ACTIVE_DEVICE" or "device" in msg.lower()):
        return "no active Spotify device: open Spotify on a phone or computer and play anything once, then retry"
    if status == 403 and reason == "PREMIUM_REQUIRED":
        return "controlling playback needs a Spotify Premium account"
    if status == 429:
        wait = (exc.headers or {}).get("Retry-After")
        return "Spotify is limiting requests" + (f"; retry in {wait}s" if wait else "; retry later")
    return f"Spotify refused ({status}): {msg}"


def _call(what: str, fn: Any, *args: Any, **kwargs: Any) -> Any:
    import requests
    import spotipy

    try:
        return fn(*args, **kwargs)
    except (spotipy.SpotifyException, spotipy.SpotifyOauthError, requests.RequestException) as exc:
        raise SpotifyError(f"{what}: {_plain(exc)}") from None


def _track(item: dict[str, Any]) -> dict[str, Any]:
    return {
        "track": item.get("name"),
        "artists": [a.get("name") for a in item.get("artists") or []],
        "album": (item.get("album") or {}).get("name"),
        "uri": item.get("uri"),
    }


def _what(playing: dict[str, Any]) -> str:
    if "track" in playing:
        by = ", ".join(a for a in playing.get("artists") or [] if a)
        return f"{playing['track']}" + (f" by {by}" if by else "")
    if "playlist" in playing:
        return f"the playlist {playing['playlist']}"
    return str(playing.get("type") or "something")


def _song(r: dict) -> str:
    """The song playing, for a later call ("Hey Jude by The Beatles"); nothing playing is no text."""
    if not r.get("playing"):
        raise SpotifyError("nothing is playing")
    return _what(r["playing"])


def _now(args: dict, r: dict) -> str:
    if not r.get("playing"):
        return "nothing is playing"
    state = "playing" if r.get("is_playing") else "paused on"
    at = f" ({r['progress_s'] // 60}:{r['progress_s'] % 60:02d} of {r['duration_s'] // 60}:{r['duration_s'] % 60:02d})" if r.get("duration_s") else ""
    return f"{state} {_what(r['playing'])}{at}"


@tool(summary=lambda args, r: f"playing {_what(r['playing'])}", phrase="play {query} on Spotify")
def play_query(query: str) -> dict:
    """Search Spotify and play the best match.

    Args:
        query: What to play: a song, artist, album, playlist or mood.
    """
    if not query.strip():
        raise SpotifyError("say what to play")
    sp = client()
    found = _call("searching Spotify failed", sp.search, q=query, limit=1, type="track,playlist") or {}
    tracks = [t for t in (found.get("tracks") or {}).get("items") or [] if t]
    playlists = [p for p in (found.get("playlists") or {}).get("items") or [] if p]
    if tracks:
        _call("playing failed", sp.start_playback, uris=[tracks[0]["uri"]])
        return {"playing": _track(tracks[0]), "query": query}
    if playlists:
        _call("playing failed", sp.start_playback, context_uri=playlists[0]["uri"])
        return {"playing": {"playlist": playlists[0].get("name"), "uri": playlists[0]["uri"]}, "query": query}
    raise SpotifyError(f"Spotify found no track or playlist for '{query}'")


@tool(summary="paused Spotify", phrase="pause Spotify")
def pause_playback() -> dict:
    """Pause playback."""
    _call("pausing failed", client().pause_playback)
    return {"paused": True}


@tool(read_only=True, summary=_now, phrase="tell what Spotify is playing", text=TextOut(_song, "the song playing"))
def get_current_playing() -> dict:
    """The track playing now."""
    now = _call("asking Spotify what is playing failed", client().currently_playing)
    if not now:  # 204: nothing playing
        return {"playing": None, "is_playing": False}
    item = now.get("item")
    playing = _track(item) if item else {"type": now.get("currently_playing_type")}
    return {
        "playing": playing,
        "is_playing": bool(now.get("is_playing")),
        "progress_s": round((now.get("progress_ms") or 0) / 1000),
        "duration_s": round(((item or {}).get("duration_ms") or 0) / 1000),
    }
