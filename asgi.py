"""The dashboard as `tthc serve` runs it: app.py in Streamlit's ASGI server, with the page-address hint
(ui/backend_hint.py). `streamlit run asgi.py` starts it; ui/server.py does so after rendering the pages."""

from pathlib import Path

import streamlit as st
from starlette.middleware import Middleware

from ui.backend_hint import BackendHint

app = st.App(Path(__file__).with_name("app.py"), middleware=[Middleware(BackendHint)])
