"""What Streamlit has no option for: the document's language, a keyboard focus that can be seen, the
phone layout and the file uploader's words (accessibility.css). The colours are in .streamlit/config.toml's
theme and ui/charts.py."""

from pathlib import Path

import streamlit as st

FOCUS_CSS = Path(__file__).with_name("accessibility.css")
# Screen readers choose their voice from <html lang>, which Streamlit's page fixes at "en".
LANG_SCRIPT = "<script>document.documentElement.lang = 'vi'</script>"
# The uploader's button shows "Chọn tệp" (accessibility.css replaces Streamlit's "Upload"); its accessible
# name must say the same, and generated content does not name a button for every assistive technology.
# One observer per page, whatever the reruns: buttons appear as the uploader is drawn.
UPLOAD_NAME_SCRIPT = """<script>
if (!window.tthcUploadNames) {
  window.tthcUploadNames = true;
  const name = () => document
    .querySelectorAll('[data-testid="stFileUploaderDropzone"] button:not([aria-label])')
    .forEach((button) => button.setAttribute("aria-label", "Chọn tệp"));
  new MutationObserver(name).observe(document.body, { childList: true, subtree: true });
  name();
}
</script>"""


def apply() -> None:
    st.html(FOCUS_CSS)  # only a <style>: Streamlit puts it in its event container, where it takes no room
    st.html(LANG_SCRIPT, unsafe_allow_javascript=True)
    st.html(UPLOAD_NAME_SCRIPT, unsafe_allow_javascript=True)
