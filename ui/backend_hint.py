"""Where Streamlit's server is, written into the page a browser opens at a page's own address.

Opened at /linh_vuc, Streamlit's front end cannot tell a page's name from a base URL path: it first asks
/linh_vuc/_stcore/health, gets a 404, waits 100 ms and then asks /_stcore/health (Streamlit issue #7074;
measured: the session opens 0.1 s later on every page but the overview). The front end reads
window.__streamlit.BACKEND_BASE_URL before it connects; this middleware sets it to the page's address
without the page's name, in the browser, so a reverse proxy's path prefix stays in it.
"""

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ui.page_list import PAGES

PAGE_ADDRESSES = frozenset(entry.address for entry in PAGES if entry.address)
HINT = (
    b"<script>window.__streamlit = {...window.__streamlit, BACKEND_BASE_URL: "
    b"location.origin + location.pathname.replace(/\\/[^/]*$/, '')}</script>"
)
# The page is rewritten, so neither compressed nor answered "not modified" from the file's validators.
_DROPPED_REQUEST_HEADERS = {b"accept-encoding", b"if-none-match", b"if-modified-since"}
_DROPPED_RESPONSE_HEADERS = {b"content-length", b"etag", b"last-modified"}


def _is_page(scope: Scope) -> bool:
    return (
        scope["type"] == "http"
        and scope["method"] == "GET"
        and scope["path"].rsplit("/", 1)[-1] in PAGE_ADDRESSES
    )


class BackendHint:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not _is_page(scope):
            await self.app(scope, receive, send)
            return
        headers = [(name, value) for name, value in scope["headers"] if name not in _DROPPED_REQUEST_HEADERS]
        start: Message | None = None
        body: list[bytes] = []

        async def send_with_hint(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
                return
            body.append(message.get("body", b""))
            if message.get("more_body", False):
                return
            page = b"".join(body)
            if dict(start["headers"]).get(b"content-type", b"").startswith(b"text/html"):
                page = page.replace(b"<head>", b"<head>" + HINT, 1)
            kept = [
                (name, value) for name, value in start["headers"] if name not in _DROPPED_RESPONSE_HEADERS
            ]
            await send({**start, "headers": [*kept, (b"content-length", str(len(page)).encode())]})
            await send({"type": "http.response.body", "body": page})

        await self.app({**scope, "headers": headers}, receive, send_with_hint)
