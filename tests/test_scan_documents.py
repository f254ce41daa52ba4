"""Reading documents for scanning: every kind, through the service and the command, and every
kind of bad input (one clear message per file, the other files still scanned)."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from entitylist.scanning.extract import documents_in, documents_of_bytes, joined
from entitylist.services import Services, Settings
from tests.conftest import run_cli
from tests.scan_documents import docx_with, encrypted_pdf, mail_with, pdf_with_text

NEWS = "Shares of Hikvision fell after the Commerce Department added Zhejiang Dahua Technology Co to the list."


def text_of(name: str, data: bytes) -> str:
    (document,) = documents_of_bytes(name, data)
    assert document.error is None, document.error
    return joined(document.pieces())


def test_plain_text_in_other_encodings() -> None:
    assert "Dahua" in text_of("a.txt", NEWS.encode("utf-16"))
    latin = "Café de Paris ordered from Hikvision; déjà vu for Zhejiang Dahua Technology Co.".encode("cp1252")
    assert "Café" in text_of("b.txt", latin)


def test_html_visible_text_only() -> None:
    page = (b"<html><head><title>Hikvision news</title><style>.Dahua{}</style></head><body><p>Suppliers: "
            b"<b>Zhejiang Dahua</b> Technology Co</p><script>var Megvii = 1;</script>"
            b"<table><tr><td>Megvii</td><td>Technology</td></tr></table></body></html>")
    text = text_of("page.html", page)
    assert "Zhejiang Dahua Technology Co" in text and "var Megvii" not in text and ".Dahua" not in text
    assert "Megvii\tTechnology" in text  # table cells never run together into one name


def test_pdf_docx_and_mail_with_attachments() -> None:
    assert "Zhejiang Dahua Technology Co" in text_of("r.pdf", pdf_with_text(["Suppliers: Zhejiang Dahua Technology Co", "and others."]))
    text = text_of("c.docx", docx_with(["Seller: Hikvision"], [["Buyer", "Megvii Technology"]]))
    assert "Hikvision" in text and "Megvii Technology" in text
    mail = mail_with("Please hold the order for Dahua.", "Hold: Hikvision", [
        ("invoice.pdf", pdf_with_text(["Seller: Hangzhou Hikvision Digital Technology Co., Ltd."]), "application", "pdf"),
        ("terms.docx", docx_with(["Not for resale to Megvii."]), "application",
         "vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("photo.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00binary", "image", "png"),
    ])
    documents = list(documents_of_bytes("m.eml", mail))
    assert [d.source for d in documents] == ["m.eml", "m.eml / invoice.pdf", "m.eml / terms.docx", "m.eml / photo.png"]
    assert "Subject: Hold: Hikvision" in joined(documents[0].pieces())
    assert "Hikvision Digital" in joined(documents[1].pieces())
    assert documents[3].error == "an attachment of a kind not read here"


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("blob.bin", bytes(range(256)) * 10, "not text: binary data"),
        ("locked.pdf", encrypted_pdf(["Hikvision"]), "an encrypted PDF"),
        ("scan.pdf", pdf_with_text([]), "a PDF without a text layer"),
        ("broken.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog", "PDF"),
        ("broken.docx", b"PK\x03\x04 not really a zip file at all" * 10, "a corrupt DOCX"),
        ("notazip.docx", b"plain words pretending to be a document", "a corrupt DOCX"),
        ("archive.zip", b"PK\x03\x04\x14\x00" + b"\x00" * 100, "a ZIP archive"),
    ],
)
def test_unreadable_documents_say_why(name: str, data: bytes, message: str) -> None:
    (document,) = documents_of_bytes(name, data)
    assert document.error is not None and message in document.error


def test_folder_is_read_recursively_skipping_hidden_files(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text("Megvii", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Hikvision", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("Dahua", encoding="utf-8")
    assert [d.source for d in documents_in(tmp_path)] == [str(tmp_path / "a.txt"), str(tmp_path / "sub" / "b.txt")]


# -- the service and the command ----------------------------------------------------------------


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("documents")
    (root / "news.txt").write_text(NEWS, encoding="utf-8")
    (root / "report.pdf").write_bytes(pdf_with_text(["Yarn spun by Changji Esquel Textile Co. Ltd.", "in 2019."]))
    (root / "contract.docx").write_bytes(docx_with(["The buyer shall not resell to Nanchang O-Film Tech."]))
    (root / "mail.eml").write_bytes(mail_with("No mention here.", "Invoice", [
        ("invoice.pdf", pdf_with_text(["Seller: Xinjiang Daqo New Energy Co., Ltd."]), "application", "pdf"),
    ]))
    (root / "locked.pdf").write_bytes(encrypted_pdf(["Hikvision"]))
    (root / "empty.txt").write_text("Nothing to see.", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    return str(tmp_path_factory.mktemp("db") / "store.sqlite")


def test_service_scans_every_kind_and_reports_unreadable_files(folder: Path, db: str) -> None:
    with Services(Settings(db=db)) as services:
        report = services.scan.scan([folder, folder / "missing.txt"], as_of=None)
    by_source = {Path(d.source).name if " / " not in d.source else d.source.split(" / ")[1]: d for d in report.documents}
    assert [m.party_id for m in by_source["news.txt"].mentions] == ["cn-hikvision", "cn-dahua-technology"]
    assert [m.party_id for m in by_source["report.pdf"].mentions] == ["cn-changji-esquel-textile"]
    assert [m.party_id for m in by_source["contract.docx"].mentions] == ["cn-nanchang-o-film-tech"]
    assert [m.party_id for m in by_source["invoice.pdf"].mentions] == ["cn-xinjiang-daqo-new-energy"]
    assert by_source["locked.pdf"].unreadable and "encrypted" in by_source["locked.pdf"].warnings[0]
    assert by_source["missing.txt"].unreadable and by_source["missing.txt"].warnings == ["no such file or directory"]
    assert report.unreadable == 2 and report.found


def test_scan_text_for_the_library(db: str) -> None:
    with Services(Settings(db=db)) as services:
        document = services.scan.scan_text("Tencent-backed Yitu said on Monday that it met Leon Smith.", source="note")
    assert [(m.text, m.party_id) for m in document.mentions] == [("Yitu", "cn-yitu-technologies")]


def test_cli_json_shape_and_exit_codes(folder: Path, db: str) -> None:
    result = run_cli("scan", str(folder / "news.txt"), "--json", db=db)
    assert result.code == 0, result.stderr
    data = json.loads(result.stdout)
    assert list(data) == ["documents"]
    (document,) = data["documents"]
    assert list(document) == ["source", "mentions", "warnings"]
    mention = document["mentions"][0]
    assert list(mention) == ["party_id", "party_name", "text", "start", "end", "score", "explanation"]
    assert NEWS[mention["start"]:mention["end"]] == mention["text"] == "Hikvision"
    assert run_cli("scan", str(folder / "news.txt"), "--fail-on-match", db=db).code == 3
    assert run_cli("scan", str(folder / "empty.txt"), "--fail-on-match", db=db).code == 0
    unreadable = run_cli("scan", str(folder / "empty.txt"), str(folder / "locked.pdf"), db=db)
    assert unreadable.code == 2 and "locked.pdf: an encrypted PDF" in unreadable.stderr
    assert "Traceback" not in unreadable.stderr
    both = run_cli("scan", str(folder / "news.txt"), str(folder / "locked.pdf"), "--fail-on-match", db=db)
    assert both.code == 4


def test_cli_says_one_line_of_a_cut_off_pdf(tmp_path: Path, db: str) -> None:
    """pypdf's own log of what it could not repair is not a second line beside the warning."""
    cut = tmp_path / "cut.pdf"
    whole = pdf_with_text(["Hikvision was named."])
    cut.write_bytes(whole[: len(whole) * 2 // 3])
    result = run_cli("scan", str(cut), db=db)
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith(f"{cut}: a corrupt PDF"), result.stderr


def test_cli_terminal_output_and_standard_input(db: str) -> None:
    script = Path(sys.executable).parent / "entitylist"
    proc = subprocess.run(
        [str(script), "--db", db, "scan", "-"], input=NEWS.encode(), capture_output=True, timeout=120,
        env={**__import__("os").environ, "COLUMNS": "200"},
    )
    out = proc.stdout.decode()
    assert proc.returncode == 0, proc.stderr
    assert "-: 2 mentions" in out and "Hikvision" in out and "cn-dahua-technology" in out
    assert "Listed parties mentioned in 1 document" in out


def test_cli_refuses_a_bad_threshold(db: str, folder: Path) -> None:
    result = run_cli("scan", str(folder / "news.txt"), "--threshold", "1.5", db=db)
    assert result.code == 2 and result.stderr.startswith("error: threshold 1.5 is outside 0-1")


def test_service_scans_against_the_index_it_is_given(db: str) -> None:
    """A server passes its screening index, so one index serves screening and scanning."""
    from entitylist import bundled
    from entitylist.screening import ListIndex
    from entitylist.services.scan import ScanService
    from entitylist.state import listed_on

    _rules, actions = bundled.load()
    only_hikvision = ListIndex([s for s in listed_on(actions, dt.date(2024, 6, 1)) if s.id == "cn-hikvision"])
    with Services(Settings(db=db)) as services:
        scan = ScanService(lambda: services.store, index_for=lambda _date: only_hikvision)
        document = scan.scan_text(NEWS)
    assert [m.party_id for m in document.mentions] == ["cn-hikvision"]
