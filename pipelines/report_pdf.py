"""The narrative report as PDF, converted from the .docx by LibreOffice (headless), when the machine has
it. Each conversion runs with its own LibreOffice profile and HOME in a temporary folder, so two
conversions at once (two users of the dashboard) do not collide on the profile lock.
"""

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from pipelines.errors import TthcError

CONVERTERS = ("soffice", "libreoffice")
TIMEOUT_S = 180
NOT_INSTALLED_VI = (
    "Máy này chưa cài LibreOffice nên không tạo được tệp PDF. Hãy tải báo cáo .docx rồi in hoặc lưu "
    "thành PDF bằng Word; hoặc cài LibreOffice (Debian: apt-get install libreoffice-writer-nogui)."
)


class PdfUnavailableError(TthcError):
    """The PDF cannot be made here (no LibreOffice, or its conversion failed)."""


def converter() -> str | None:
    """The LibreOffice command on the PATH, None when there is none."""
    return next((path for name in CONVERTERS if (path := shutil.which(name))), None)


def docx_to_pdf(docx_path: Path, pdf_path: Path) -> None:
    command = converter()
    if command is None:
        raise PdfUnavailableError(NOT_INSTALLED_VI)
    with tempfile.TemporaryDirectory(prefix="tthc-pdf-") as folder:
        work = Path(folder)
        profile = (work / "profile").as_uri()
        run = subprocess.run(
            [
                command,
                f"-env:UserInstallation={profile}",
                "--headless",
                "--norestore",
                "--convert-to",
                "pdf",
                "--outdir",
                str(work),
                str(docx_path),
            ],
            env={**os.environ, "HOME": str(work)},
            capture_output=True,
            text=True,
            timeout=TIMEOUT_S,
            check=False,
        )
        produced = work / f"{docx_path.stem}.pdf"
        if run.returncode != 0 or not produced.is_file():
            raise PdfUnavailableError(
                f"LibreOffice không chuyển được báo cáo sang PDF (mã {run.returncode}): "
                f"{(run.stderr or run.stdout).strip()[:500]}"
            )
        shutil.move(produced, pdf_path)
