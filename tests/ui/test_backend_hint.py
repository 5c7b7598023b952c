"""ui/backend_hint.py: Streamlit's page, opened at a page's address, names where the server is."""

import asyncio

from ui.backend_hint import HINT, BackendHint

PAGE = b"<!DOCTYPE html><html><head><title>Streamlit</title></head><body></body></html>"


def _served(path: str, content_type: bytes = b"text/html; charset=utf-8", body: bytes = PAGE):
    """What the browser receives through the middleware, and the request headers the inner app saw."""
    seen_request: dict = {}
    sent: list[dict] = []

    async def inner(scope, receive, send):
        seen_request.update(dict(scope["headers"]))
        headers = [
            (b"content-type", content_type),
            (b"content-length", str(len(body)).encode()),
            (b"etag", b'"1"'),
        ]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": body[:10], "more_body": True})
        await send({"type": "http.response.body", "body": body[10:]})

    async def send(message):
        sent.append(message)

    scope = {
        "type": "http",
        "method": "GET",
        "path": path,
        "headers": [(b"accept-encoding", b"gzip"), (b"if-none-match", b'"1"'), (b"accept", b"text/html")],
    }
    asyncio.run(BackendHint(inner)(scope, None, send))
    start = sent[0]
    received = b"".join(message.get("body", b"") for message in sent[1:])
    return dict(start["headers"]), received, seen_request


def test_a_page_address_gets_the_hint_in_its_head_uncompressed_and_unvalidated():
    headers, page, request = _served("/linh_vuc")
    assert page == PAGE.replace(b"<head>", b"<head>" + HINT)
    assert headers[b"content-length"] == str(len(page)).encode()
    assert b"etag" not in headers  # a browser's copy from before is never taken as this page
    assert request == {b"accept": b"text/html"}


def test_a_page_address_under_a_proxy_prefix_gets_it_too():
    assert HINT in _served("/tthc/don_vi")[1]


def test_the_root_and_every_other_path_pass_untouched():
    for path in ("/", "/_stcore/health", "/static/js/index.js", "/linh_vuc/x"):
        headers, page, request = _served(path)
        assert page == PAGE and headers[b"etag"] == b'"1"' and b"accept-encoding" in request


def test_a_page_address_answered_with_something_else_keeps_its_body():
    headers, body, _ = _served("/ho_so", content_type=b"application/json", body=b'{"ok": true}')
    assert body == b'{"ok": true}' and headers[b"content-length"] == b"12"
