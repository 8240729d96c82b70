"""spotify.* through the real spotipy client, pointed at a local server speaking the Web API subset."""
from __future__ import annotations

import json
import time

import pytest

from kayas.registry import default_registry
from kayas.settings import MissingSettings
from kayas.tools.spotify import SpotifyError, get_current_playing, pause_playback, play_query, token_cache
from servers.base import serving
from servers.spotify_api import SpotifyHandler, default_state


@pytest.fixture
def api(monkeypatch):
    for name in ("SPOTIPY_CLIENT_ID", "SPOTIPY_CLIENT_SECRET", "SPOTIPY_REDIRECT_URI", "KAYAS_SPOTIFY_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    with serving(SpotifyHandler, default_state()) as server:
        monkeypatch.setenv("KAYAS_SPOTIFY_API_URL", server.url)
        yield server


@pytest.fixture
def token(api, monkeypatch):
    monkeypatch.setenv("KAYAS_SPOTIFY_TOKEN", "demo-token")
    return api


def test_play_a_track_then_ask_and_pause(token):
    assert get_current_playing() == {"playing": None, "is_playing": False}  # 204: nothing yet
    out = play_query("bohemian rhapsody")
    assert out["playing"] == {"track": "Bohemian Rhapsody", "artists": ["Queen"],
                              "album": "A Night at the Opera", "uri": "spotify:track:t1"}
    assert token.state["played"] == {"uris": ["spotify:track:t1"]}
    now = get_current_playing()
    assert now["playing"]["track"] == "Bohemian Rhapsody" and now["is_playing"] is True
    assert now["duration_s"] == 354 and now["progress_s"] == 42
    assert pause_playback() == {"paused": True}
    assert get_current_playing()["is_playing"] is False
    assert ("PUT", "/v1/me/player/pause") in token.state["requests"]


def test_a_mood_without_a_track_plays_a_playlist(token):
    out = play_query("deep focus")
    assert out["playing"] == {"playlist": "Deep Focus", "uri": "spotify:playlist:p1"}
    assert token.state["played"] == {"context_uri": "spotify:playlist:p1"}


def test_nothing_found(token):
    with pytest.raises(SpotifyError, match="Spotify found no track or playlist for 'polka remix'"):
        play_query("polka remix")


def test_no_active_device(token):
    token.state["device"] = False
    with pytest.raises(SpotifyError, match="playing failed: no active Spotify device: open Spotify"):
        play_query("clair de lune")
    with pytest.raises(SpotifyError, match="pausing failed: no active Spotify device"):
        pause_playback()


def test_expired_token(api, monkeypatch):
    monkeypatch.setenv("KAYAS_SPOTIFY_TOKEN", "old-token")
    with pytest.raises(SpotifyError, match=r"rejected the access token \(The access token expired\); set a fresh"):
        get_current_playing()


def test_missing_credentials_name_the_variables(api):
    with pytest.raises(MissingSettings, match="Spotify is not configured: set SPOTIPY_CLIENT_ID, "
                                              "SPOTIPY_CLIENT_SECRET, SPOTIPY_REDIRECT_URI in"):
        pause_playback()


def oauth_app(api, monkeypatch) -> None:
    monkeypatch.setenv("SPOTIPY_CLIENT_ID", "app-id")
    monkeypatch.setenv("SPOTIPY_CLIENT_SECRET", "app-secret")
    monkeypatch.setenv("SPOTIPY_REDIRECT_URI", "http://127.0.0.1:8888/callback")
    monkeypatch.setenv("KAYAS_SPOTIFY_ACCOUNTS_URL", api.url)


def cache_token(access: str, expires_in: int) -> None:
    token_cache().write_text(json.dumps({
        "access_token": access, "token_type": "Bearer", "refresh_token": "demo-refresh",
        "expires_in": 3600, "expires_at": int(time.time()) + expires_in,
        "scope": "user-modify-playback-state user-read-playback-state user-read-currently-playing",
    }))


def test_cached_oauth_token_is_used(api, monkeypatch):
    oauth_app(api, monkeypatch)
    cache_token("demo-token", 3600)
    assert play_query("lofi")["playing"]["track"] == "Lofi Study Beat"


def test_expired_cached_token_is_refreshed(api, monkeypatch):
    oauth_app(api, monkeypatch)
    cache_token("old-token", -10)
    assert get_current_playing()["playing"] is None
    cached = json.loads(token_cache().read_text())
    assert cached["access_token"] == "demo-token" and cached["expires_at"] > time.time() + 3000


def test_not_logged_in_without_a_terminal(api, monkeypatch):
    oauth_app(api, monkeypatch)
    with pytest.raises(SpotifyError, match="not logged in to Spotify yet: run a Spotify command once in a terminal"):
        get_current_playing()


def test_unreachable_api(monkeypatch):
    monkeypatch.setenv("KAYAS_SPOTIFY_TOKEN", "demo-token")
    monkeypatch.setenv("KAYAS_SPOTIFY_API_URL", "http://127.0.0.1:9/v1/")
    with pytest.raises(SpotifyError, match="pausing failed: cannot reach Spotify"):
        pause_playback()


def test_through_the_registry(token):
    assert default_registry().get("spotify.play_query")(query="debussy")["playing"]["track"] == "Clair de Lune"
