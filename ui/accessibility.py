"""What Streamlit has no option for: the document's language, and a keyboard focus that can be seen.
The colours are in .streamlit/config.toml's theme and ui/charts.py."""

from pathlib import Path

import streamlit as st

FOCUS_CSS = Path(__file__).with_name("accessibility.css")
# Screen readers choose their voice from <html lang>, which Streamlit's page fixes at "en".
LANG_SCRIPT = "<script>document.documentElement.lang = 'vi'</script>"


def apply() -> None:
    st.html(FOCUS_CSS)  # only a <style>: Streamlit puts it in its event container, where it takes no room
    st.html(LANG_SCRIPT, unsafe_allow_javascript=True)
