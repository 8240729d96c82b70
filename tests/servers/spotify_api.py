"""The subset of the Spotify Web API Kayas uses, with its real status codes and error bodies.

/v1/search, /v1/me/player/play, /v1/me/player/pause, /v1/me/player/currently-playing (204 when
nothing plays, 404 NO_ACTIVE_DEVICE, 401 for an expired or unknown token), and the accounts
service's /api/token refresh grant. Standalone (token "demo-token", an active device):
`.venv/bin/python -m tests.servers.spotify_api --port 8701`.
"""
from __future__ import annotations

import json
from typing import Any
from urllib.parse import parse_qs

from .base import Handler, main


def track(tid: str, name: str, artist: str, album: str, seconds: int) -> dict[str, Any]:
    return {"id": tid, "name": name, "uri": f"spotify:track:{tid}", "type": "track",
            "artists": [{"name": artist}], "album": {"name": album}, "duration_ms": seconds * 1000}


CATALOG = [
    track("t1", "Bohemian Rhapsody", "Queen", "A Night at the Opera", 354),
    track("t2", "Clair de Lune", "Claude Debussy", "Suite bergamasque", 300),
    track("t3", "Lofi Study Beat", "Chillhop", "Study Sessions", 150),
]
PLAYLISTS = [{"id": "p1", "name": "Deep Focus", "uri": "spotify:playlist:p1", "type": "playlist"}]


def default_state() -> dict[str, Any]:
    return {
        "tokens": {"demo-token": "valid", "old-token": "expired"},
        "refresh_tokens": {"demo-refresh": "demo-token"},
        "device": True,
        "current": None,
        "is_playing": False,
        "requests": [],
    }


class SpotifyHandler(Handler):
    def do_GET(self) -> None:
        self.route("GET")

    def do_PUT(self) -> None:
        self.route("PUT")

    def do_POST(self) -> None:
        if self.path_only == "/api/token":
            self.token()
        else:
            self.error(404, "Service not found")

    def route(self, method: str) -> None:
        state = self.server.state
        state["requests"].append((method, self.path_only))
        if not self.authorized():
            return
        match method, self.path_only:
            case "GET", "/v1/search":
                self.search()
            case "PUT", "/v1/me/player/play":
                self.play()
            case "PUT", "/v1/me/player/pause":
                if self.needs_device():
                    state["is_playing"] = False
                    self.send(204)
            case "GET", "/v1/me/player/currently-playing":
                if state["current"] is None:
                    self.send(204)
                else:
                    self.send(200, {"is_playing": state["is_playing"], "progress_ms": 42000,
                                    "currently_playing_type": "track", "item": state["current"]})
            case _:
                self.error(404, "Service not found")

    def error(self, status: int, message: str, reason: str | None = None) -> None:
        body: dict[str, Any] = {"status": status, "message": message}
        if reason:
            body["reason"] = reason
        self.send(status, {"error": body})

    def authorized(self) -> bool:
        header = self.headers.get("Authorization", "")
        kind = self.server.state["tokens"].get(header.removeprefix("Bearer "))
        if kind == "valid":
            return True
        self.error(401, "The access token expired" if kind == "expired" else "Invalid access token")
        return False

    def needs_device(self) -> bool:
        if not self.server.state["device"]:
            self.error(404, "Player command failed: No active device found", "NO_ACTIVE_DEVICE")
            return False
        return True

    def search(self) -> None:
        q = self.query()
        words = q.get("q", "").lower().split()
        types = q.get("type", "track").split(",")
        limit = int(q.get("limit", "10"))
        if not words:
            self.error(400, "No search query")
            return

        def hits(items: list[dict[str, Any]]) -> dict[str, Any]:
            found = [i for i in items if all(w in json.dumps(i).lower() for w in words)][:limit]
            return {"items": found, "total": len(found), "limit": limit, "offset": 0}

        out = {}
        if "track" in types:
            out["tracks"] = hits(CATALOG)
        if "playlist" in types:
            out["playlists"] = hits(PLAYLISTS)
        self.send(200, out)

    def play(self) -> None:
        state = self.server.state
        if not self.needs_device():
            return
        body = json.loads(self.body() or b"{}")
        state["played"] = body
        if "uris" in body:
            state["current"] = next(t for t in CATALOG if t["uri"] == body["uris"][0])
        elif "context_uri" in body:
            state["current"] = CATALOG[2]  # a playlist starts at its first track
        state["is_playing"] = True
        self.send(204)

    def token(self) -> None:
        """The accounts service: the refresh_token grant spotipy uses when a cached token expires."""
        form = {k: v[-1] for k, v in parse_qs(self.body().decode()).items()}
        access = self.server.state["refresh_tokens"].get(form.get("refresh_token", ""))
        if form.get("grant_type") != "refresh_token" or access is None:
            self.send(400, {"error": "invalid_grant", "error_description": "Invalid refresh token"})
            return
        self.send(200, {"access_token": access, "token_type": "Bearer", "expires_in": 3600,
                        "scope": "user-modify-playback-state user-read-playback-state user-read-currently-playing"})


if __name__ == "__main__":
    main(SpotifyHandler, "Spotify API", default_state())
