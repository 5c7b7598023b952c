"""What Streamlit has no option for: the document's language, a keyboard focus that can be seen, the
phone layout, tables that scroll in a named region and the file uploader's words (accessibility.css). The
page's one <style> also carries the overview tiles' styles (tiles.css, with ui/tiles.py). The colours are in
.streamlit/config.toml's theme and ui/charts.py."""

from pathlib import Path

import streamlit as st

CSS_FILES = [Path(__file__).with_name(name) for name in ("accessibility.css", "tiles.css")]
# Screen readers choose their voice from <html lang>, which Streamlit's page fixes at "en".
LANG_SCRIPT = "<script>document.documentElement.lang = 'vi'</script>"
# Names and focus Streamlit gives no option for, set as elements are drawn (one observer per page,
# whatever the reruns):
# - the uploader's button shows "Chọn tệp" (accessibility.css replaces Streamlit's "Upload"); its accessible
#   name must say the same, and generated content does not name a button for every assistive technology;
# - a Markdown table's block scrolls when the table is wider than the page (accessibility.css): it takes
#   the keyboard focus (the arrow keys scroll it) and is a region named by the heading above it, which
#   follows the table when a rerun puts another one in its place.
ACCESSIBLE_NAMES_SCRIPT = """<script>
if (!window.tthcAccessibleNames) {
  window.tthcAccessibleNames = true;
  const headingAbove = (region) => {
    const heading = region.closest('[data-testid="stElementContainer"]')
      ?.previousElementSibling?.querySelector("h1, h2, h3, h4");
    return heading ? heading.textContent.trim() : "Bảng số liệu";
  };
  const name = () => {
    document
      .querySelectorAll('[data-testid="stFileUploaderDropzone"] button:not([aria-label])')
      .forEach((button) => button.setAttribute("aria-label", "Chọn tệp"));
    document.querySelectorAll('[data-testid="stMarkdownContainer"]:has(> table)').forEach((region) => {
      const label = headingAbove(region);
      if (region.getAttribute("aria-label") === label) return;
      region.setAttribute("tabindex", "0");
      region.setAttribute("role", "region");
      region.setAttribute("aria-label", label);
    });
  };
  new MutationObserver(name).observe(document.body, { childList: true, subtree: true });
  name();
}
</script>"""


def apply() -> None:
    # only a <style> (both files in one element): Streamlit puts it in its event container, where it takes
    # no room
    st.html("<style>" + "\n".join(path.read_text(encoding="utf-8") for path in CSS_FILES) + "</style>")
    st.html(LANG_SCRIPT, unsafe_allow_javascript=True)
    st.html(ACCESSIBLE_NAMES_SCRIPT, unsafe_allow_javascript=True)
