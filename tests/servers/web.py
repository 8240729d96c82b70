"""Test pages: a search results page, a labelled form whose submissions are recorded, slow pages.

Standalone: `.venv/bin/python -m tests.servers.web --port 8700`.
"""
from __future__ import annotations

import html
import time
from urllib.parse import parse_qs, quote_plus

from .base import Handler, main

CATALOG = [
    "Python tutorials for beginners",
    "Advanced Python tutorials",
    "AI tutorials: neural networks",
    "Cooking pasta at home",
    "Learn Rust in a weekend",
]


def page(title: str, body: str) -> str:
    return f"<!doctype html><html><head><title>{html.escape(title)}</title></head><body>{body}</body></html>"


class WebHandler(Handler):
    def do_GET(self) -> None:
        q = self.query()
        route = self.path_only
        if route == "/":
            self.html(page("Home", '<a href="/search">Search</a> <a href="/form">Sign up</a>'))
        elif route == "/search":
            self.search(q.get("q", ""))
        elif route.startswith("/item/"):
            n = int(route.rsplit("/", 1)[1])
            self.html(page(CATALOG[n], f"<h1>{html.escape(CATALOG[n])}</h1>"))
        elif route == "/form":
            self.html(page("Sign up", FORM))
        elif route == "/slow":
            time.sleep(float(q.get("seconds", "1.5")))
            self.html(page("Slow page", "<h1>Finally loaded</h1>"))
        elif route == "/late":
            self.html(page("Late button", LATE))
        else:
            self.send(404, page("Not found", "<h1>Not found</h1>"), "text/html")

    def do_POST(self) -> None:
        if self.path_only != "/submit":
            self.send(404, "")
            return
        fields = {k: v[-1] for k, v in parse_qs(self.body().decode()).items()}
        self.server.state.setdefault("submissions", []).append(fields)
        name = html.escape(fields.get("fullname", ""))
        self.html(page("Welcome", f'<h1 id="welcome">Welcome, {name}</h1>'))

    def search(self, query: str) -> None:
        words = query.lower().split()
        hits = [(i, t) for i, t in enumerate(CATALOG) if words and all(w in t.lower() for w in words)]
        items = "".join(f'<li><a href="/item/{i}">{html.escape(t)}</a></li>' for i, t in hits)
        self.html(page(
            f"{query} - Search" if query else "Search",
            f'<form action="/search"><input name="q" placeholder="Search the catalog" value="{html.escape(query)}">'
            f'<button type="submit">Search</button></form>'
            f'<p id="count">{len(hits)} results for {html.escape(quote_plus(query))}</p><ul>{items}</ul>',
        ))

    def html(self, text: str) -> None:
        self.send(200, text, "text/html; charset=utf-8")


FORM = """
<h1>Join the list</h1>
<form method="post" action="/submit">
  <label for="n">Full name</label> <input id="n" name="fullname">
  <label>Email address <input type="email" name="email"></label>
  <textarea name="message" placeholder="Anything to add?"></textarea>
  <label><input type="checkbox" name="weekly" value="yes"> Weekly digest</label>
  <button type="submit">Join</button>
</form>
"""

LATE = """
<h1>Wait for it</h1>
<div id="slot"></div>
<script>
setTimeout(() => {
  const b = document.createElement('button');
  b.textContent = 'Continue';
  b.onclick = () => { document.getElementById('slot').textContent = 'continued'; };
  document.getElementById('slot').appendChild(b);
}, 800);
</script>
"""

if __name__ == "__main__":
    main(WebHandler, "test pages")
