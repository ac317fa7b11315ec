"""`workplan serve` over plain HTTP (Starlette's TestClient): the guards, the API, saving."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import docx
import pytest
from conftest import EXAMPLES, plan_files
from starlette.testclient import TestClient

from generator.serve.app import Target, allowed_hosts, create_app, resolve_target
from generator.serve.security import PathRefused, plan_file

TOKEN = "test-token-123"
ORIGIN = "http://testserver"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    plans = tmp_path / "plans"
    plans.mkdir()
    shutil.copy(EXAMPLES / "example.yaml", plans / "example.yaml")
    (plans / "notes.txt").write_text("not a plan", encoding="utf-8")
    (tmp_path / "secret.yaml").write_text("plan: {title: 外面, year: 2025}\n", encoding="utf-8")
    (plans / "escape.yaml").symlink_to(tmp_path / "secret.yaml")
    return plans


@pytest.fixture
def clients() -> Iterator[list[TestClient]]:
    made: list[TestClient] = []
    yield made
    for client in made:
        client.__exit__(None, None, None)  # runs the app's shutdown: scratch folders removed


@pytest.fixture
def client_for(clients: list[TestClient]) -> Callable[..., TestClient]:
    def make(folder: Path, *, token: bool = True) -> TestClient:
        app = create_app(Target(folder, "example.yaml"), token=TOKEN, hosts=["testserver"])
        client = TestClient(app, base_url="http://testserver").__enter__()
        clients.append(client)
        if token:
            client.cookies.set("workplan_token", TOKEN)
        return client

    return make


def post(client: TestClient, path: str, body: dict, **headers: str):
    return client.post(path, json=body, headers={"Origin": ORIGIN, **headers})


def test_without_token_everything_is_refused(folder: Path, client_for: Callable[..., TestClient]) -> None:
    client = client_for(folder, token=False)
    for path in ("/", "/api/files", "/api/file?name=example.yaml", "/static/app.js"):
        response = client.get(path, follow_redirects=False)
        assert response.status_code == 403, path
        assert "令牌" in response.text
    assert client.get("/api/files?token=wrong").status_code == 403


def test_token_in_url_becomes_a_cookie(folder: Path, client_for: Callable[..., TestClient]) -> None:
    client = client_for(folder, token=False)
    response = client.get(f"/?token={TOKEN}", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/"
    cookie = response.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie
    page = client.get("/")
    assert page.status_code == 200 and "工作要点编辑器" in page.text
    assert "frame-ancestors 'self'" in page.headers["content-security-policy"]  # no framing by other sites
    assert page.headers["x-content-type-options"] == "nosniff"


def test_foreign_origin_and_host_are_refused(folder: Path, client_for: Callable[..., TestClient]) -> None:
    client = client_for(folder)
    body = {"name": "example.yaml", "text": "x", "base_hash": ""}
    assert post(client, "/api/save", body, Origin="http://evil.example").status_code == 403
    assert post(client, "/api/save", body, **{"Sec-Fetch-Site": "cross-site"}).status_code == 403
    # DNS rebinding: a foreign name resolving to 127.0.0.1 sends its own Host.
    assert client.get("/api/files", headers={"Host": "evil.example:8765"}).status_code == 403
    assert (folder / "example.yaml").read_bytes() == (EXAMPLES / "example.yaml").read_bytes()


@pytest.mark.parametrize(
    "name",
    [
        "../../etc/passwd",
        "../secret.yaml",
        "/etc/passwd",
        "escape.yaml",
        "notes.txt",
        "sub/../example.yaml",
        "",
    ],
)
def test_only_plan_files_of_the_folder(
    folder: Path, name: str, client_for: Callable[..., TestClient]
) -> None:
    client = client_for(folder)
    response = client.get("/api/file", params={"name": name})
    assert response.status_code == 403
    assert post(client, "/api/save", {"name": name, "text": "x", "force": True}).status_code == 403
    with pytest.raises(PathRefused):
        plan_file(folder, name)
    assert (folder.parent / "secret.yaml").read_text(encoding="utf-8").startswith("plan: {title: 外面")


def test_file_list_shows_only_plans(folder: Path, client_for: Callable[..., TestClient]) -> None:
    files = client_for(folder).get("/api/files").json()
    assert files["files"] == ["example.yaml"]  # not the .txt, not the symlink that leads out
    assert files["initial"] == "example.yaml"


def test_open_gives_labels_preview_and_no_problems(
    folder: Path, client_for: Callable[..., TestClient]
) -> None:
    opened = client_for(folder).get("/api/file", params={"name": "example.yaml"}).json()
    state = opened["state"]
    assert opened["text"] == (EXAMPLES / "example.yaml").read_text(encoding="utf-8")
    # The example (read by hand): 一、 with （一）（二）; 二、 continues （三）（四）; 1. 2. under （三）.
    assert state["labels"]["0"] == "一、" and state["labels"]["1"] == "二、"
    assert state["labels"]["0.1"] == "（二）" and state["labels"]["1.0"] == "（三）"
    assert state["labels"]["1.0.0"] == "1." and state["labels"]["1.0.0.1"] == "（2）"
    assert state["labels"]["2"] == ""  # 工作要求: numbered: false
    assert state["problems"] == [] and state["valid"]
    assert '<span class="label">（三）</span>推进分时段预约诊疗。' in state["preview"]


def test_bad_date_is_reported_at_the_field(folder: Path, client_for: Callable[..., TestClient]) -> None:
    client = client_for(folder)
    text = (folder / "example.yaml").read_text(encoding="utf-8")
    edited = post(
        client,
        "/api/edit",
        {
            "name": "example.yaml",
            "text": text,
            "ops": [{"op": "set", "path": ["notice", "date"], "value": "2025-02-30"}],
        },
    ).json()
    assert "  date: 2025-02-30\n" in edited["text"]
    problems = edited["state"]["problems"]
    assert [p["path"] for p in problems] == [["notice", "date"]]
    # The page is Chinese: the loader's own message, in Chinese, at the field's line.
    assert problems[0]["severity"] == "error" and problems[0]["text"].startswith("第 33 行第 9 列：错误：")
    assert problems[0]["beside"].startswith("错误：") and problems[0]["beside"].endswith("（第 33 行）")
    assert "2025年2月没有30日" in problems[0]["text"]
    assert edited["state"]["preview"] is None and edited["state"]["labels"]["1.0"] == "（三）"


def test_validate_warning_is_placed_at_its_field(folder: Path, client_for: Callable[..., TestClient]) -> None:
    client = client_for(folder)
    text = (folder / "example.yaml").read_text(encoding="utf-8")
    op = {"op": "set", "path": ["notice", "doc_number"], "value": "云卫医〔2024〕12号"}
    state = post(client, "/api/edit", {"name": "example.yaml", "text": text, "ops": [op]}).json()["state"]
    warning = [p for p in state["problems"] if "[doc-number]" in p["message"]]
    assert warning and warning[0]["path"] == ["notice", "doc_number"] and warning[0]["severity"] == "warning"


def test_a_missing_fields_warning_is_placed_at_that_field(
    folder: Path, client_for: Callable[..., TestClient]
) -> None:
    """suixi-2021 has 正文 but no 成文日期: validate reports it at the notice's first key (there is
    no `date:` to point at), and the page showed it under 发文机关. It belongs beside 成文日期."""
    shutil.copy(next(p for p in plan_files() if p.name == "suixi-2021.yaml"), folder / "suixi-2021.yaml")
    client = client_for(folder)
    problems = client.get("/api/file", params={"name": "suixi-2021.yaml"}).json()["state"]["problems"]
    (to_fill,) = [p for p in problems if "[to-fill]" in p["message"]]
    assert to_fill["path"] == ["notice", "date"] and to_fill["line"] == 14
    # a problem of the loader keeps the field at its position
    text = (
        (folder / "example.yaml")
        .read_text(encoding="utf-8")
        .replace("  date: 2025-02-18", "  date: 2025-02-30")
    )
    state = post(client, "/api/render", {"name": "example.yaml", "text": text}).json()["state"]
    assert [p["path"] for p in state["problems"] if p["severity"] == "error"] == [["notice", "date"]]


@pytest.mark.parametrize(
    "text",
    [
        "plan:\n\ttitle: 有制表符\n",  # a tab: the outline's buttons are still there to press
        "plan: &p\n  title: 自己\n  year: 2025\n  sections: [*p]\n",  # an anchor inside itself
        "plan: !!python/object:os.system x\n",
    ],
)
def test_a_plan_that_does_not_load_gets_words_not_a_server_error(
    folder: Path, client_for: Callable[..., TestClient], text: str
) -> None:
    """These answered 500 Internal Server Error (a ValueError, a RecursionError, yaml's own
    errors escaping the handler): the page must get the loader's words, and an edit a refusal."""
    client = client_for(folder)
    rendered = post(client, "/api/render", {"name": "example.yaml", "text": text})
    assert rendered.status_code == 200
    problems = rendered.json()["state"]["problems"]
    assert problems and all(re.match(r"第 \d+ 行第 \d+ 列：错误：", p["text"]) for p in problems)
    add = {"op": "insert", "path": ["plan", "sections"], "index": 0, "value": {"heading": "新的一部分"}}
    edited = post(client, "/api/edit", {"name": "example.yaml", "text": text, "ops": [add]})
    assert edited.status_code == 422 and "无法执行此修改" in edited.json()["error"]
    assert "Traceback" not in edited.text


def test_save_writes_only_the_edit_and_detects_conflicts(
    folder: Path, client_for: Callable[..., TestClient]
) -> None:
    client = client_for(folder)
    opened = client.get("/api/file", params={"name": "example.yaml"}).json()
    op = {"op": "set", "path": ["plan", "sections", 0, "heading"], "value": "全面提升医疗质量安全水平"}
    edited = post(client, "/api/edit", {"name": "example.yaml", "text": opened["text"], "ops": [op]}).json()
    (folder / "example.yaml").chmod(0o600)
    saved = post(
        client, "/api/save", {"name": "example.yaml", "text": edited["text"], "base_hash": opened["hash"]}
    )
    assert saved.status_code == 200
    on_disk = (folder / "example.yaml").read_text(encoding="utf-8")
    original = (EXAMPLES / "example.yaml").read_text(encoding="utf-8")
    assert on_disk == original.replace("heading: 提升医疗质量安全水平", "heading: 全面提升医疗质量安全水平")
    assert (folder / "example.yaml").stat().st_mode & 0o777 == 0o600  # the file keeps its mode
    assert not [p.name for p in folder.iterdir() if p.name.startswith(".")]  # no temp file left

    # Someone else changes another line on disk; a save based on the old hash is refused.
    theirs = on_disk.replace("secrecy_period: 1年", "secrecy_period: 2年")
    (folder / "example.yaml").write_text(theirs, encoding="utf-8")
    op2 = {"op": "set", "path": ["plan", "title"], "value": "2025年云溪市医疗服务提升工作要点（修订）"}
    mine = post(client, "/api/edit", {"name": "example.yaml", "text": edited["text"], "ops": [op2]}).json()[
        "text"
    ]
    refused = post(
        client,
        "/api/save",
        {
            "name": "example.yaml",
            "text": mine,
            "base_hash": saved.json()["hash"],
            "base_text": edited["text"],
        },
    )
    assert refused.status_code == 409
    conflict = refused.json()
    assert conflict["disk_text"] == theirs and conflict["merge_clean"]
    assert "secrecy_period: 2年" in conflict["merged"] and "（修订）" in conflict["merged"]
    assert "修改对照" in conflict["diff_html"]
    assert (folder / "example.yaml").read_text(encoding="utf-8") == theirs  # not overwritten
    assert client.get("/api/stat", params={"name": "example.yaml"}).json()["hash"] == conflict["disk_hash"]
    assert client.get("/api/stat", params={"name": "../secret.yaml"}).status_code == 403


def _opened_and_edited(client: TestClient) -> tuple[dict, str]:
    opened = client.get("/api/file", params={"name": "example.yaml"}).json()
    op = {"op": "set", "path": ["plan", "title"], "value": "2025年云溪市医疗服务提升工作要点（修订）"}
    edited = post(client, "/api/edit", {"name": "example.yaml", "text": opened["text"], "ops": [op]})
    return opened, edited.json()["text"]


def test_a_read_only_plan_is_not_saved_over(folder: Path, client_for: Callable[..., TestClient]) -> None:
    """chmod a-w (or 只读 on a shared drive): the atomic write's rename replaced the file anyway —
    as root, os.access says yes too. The save is refused in words, the page keeps its edits."""
    client = client_for(folder)
    path = folder / "example.yaml"
    path.chmod(0o444)
    before = path.read_bytes()
    opened, mine = _opened_and_edited(client)
    assert opened["read_only"] is True
    refused = post(client, "/api/save", {"name": "example.yaml", "text": mine, "base_hash": opened["hash"]})
    assert refused.status_code == 403 and refused.json()["read_only"] is True
    assert "只读" in refused.json()["error"] and "Traceback" not in refused.text
    forced = post(client, "/api/save", {"name": "example.yaml", "text": mine, "force": True})
    assert forced.status_code == 403  # not even when told to overwrite a conflict
    assert path.read_bytes() == before and path.stat().st_mode & 0o777 == 0o444
    assert client.get("/api/stat", params={"name": "example.yaml"}).json()["read_only"] is True
    path.chmod(0o644)
    saved = post(client, "/api/save", {"name": "example.yaml", "text": mine, "base_hash": opened["hash"]})
    assert saved.status_code == 200 and "（修订）" in path.read_text(encoding="utf-8")


def test_a_plan_deleted_while_open_is_offered_back(
    folder: Path, client_for: Callable[..., TestClient]
) -> None:
    """The file was deleted or moved away while the page had edits: the save was refused as 文件不存在
    with no way to keep the page's text. Now the page is told (409, gone) and may write it back."""
    client = client_for(folder)
    opened, mine = _opened_and_edited(client)
    (folder / "example.yaml").unlink()
    assert client.get("/api/stat", params={"name": "example.yaml"}).json() == {"hash": None, "gone": True}
    asked = post(client, "/api/save", {"name": "example.yaml", "text": mine, "base_hash": opened["hash"]})
    assert asked.status_code == 409 and asked.json() == {"conflict": True, "gone": True}
    assert not (folder / "example.yaml").exists()  # nothing written without the clerk's word
    again = post(client, "/api/save", {"name": "example.yaml", "text": mine, "force": True})
    assert again.status_code == 200
    assert (folder / "example.yaml").read_text(encoding="utf-8") == mine
    # Only a plan name inside the folder is created so: not a new folder, not another suffix.
    for name in ("new/plan.yaml", "plan.txt", "../outside.yaml"):
        refused = post(client, "/api/save", {"name": name, "text": mine, "force": True})
        assert refused.status_code == 403, name
    assert not (folder / "new").exists() and not (folder.parent / "outside.yaml").exists()


def test_export_docx_opens_with_python_docx(folder: Path, client_for: Callable[..., TestClient]) -> None:
    client = client_for(folder)
    text = (folder / "example.yaml").read_text(encoding="utf-8")
    response = post(client, "/api/export", {"name": "example.yaml", "text": text, "format": "docx"})
    assert response.status_code == 200
    assert "example.docx" in response.headers["content-disposition"]
    paragraphs = [p.text for p in docx.Document(io.BytesIO(response.content)).paragraphs]
    # Labels are Word's own list numbering (numPr), not text: the headings are there, in order.
    first = [i for i, p in enumerate(paragraphs) if p.startswith("推进分时段预约诊疗。")]
    second = [i for i, p in enumerate(paragraphs) if p.startswith("推行医保移动支付。")]
    assert first and second and first[0] < second[0]


def test_export_of_a_broken_text_is_refused_with_the_messages(
    folder: Path, client_for: Callable[..., TestClient]
) -> None:
    client = client_for(folder)
    text = (
        (folder / "example.yaml")
        .read_text(encoding="utf-8")
        .replace("  date: 2025-02-18", "  date: 2025-02-30")
    )
    response = post(client, "/api/export", {"name": "example.yaml", "text": text, "format": "docx"})
    assert response.status_code == 422 and "第 33 行第 9 列：错误：" in response.json()["error"]


def test_diff_against_git_head(folder: Path, client_for: Callable[..., TestClient]) -> None:
    subprocess.run(["git", "init", "-q"], cwd=folder, check=True)
    subprocess.run(["git", "add", "example.yaml"], cwd=folder, check=True)
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "x"],
        cwd=folder,
        check=True,
    )
    client = client_for(folder)
    text = (
        (folder / "example.yaml")
        .read_text(encoding="utf-8")
        .replace("推行医保移动支付。", "推行医保移动支付结算。")
    )
    result = post(client, "/api/diff", {"name": "example.yaml", "text": text, "against": "head"}).json()
    assert not result["same"] and "结算" in result["html"] and "修改对照" in result["html"]


def test_serve_targets(folder: Path, client_for: Callable[..., TestClient]) -> None:
    assert resolve_target(folder / "example.yaml") == Target(folder.resolve(), "example.yaml")
    assert resolve_target(folder) == Target(folder.resolve(), None)
    assert "127.0.0.1:8765" in allowed_hosts("127.0.0.1", 8765) and "localhost:8765" in allowed_hosts(
        "127.0.0.1", 8765
    )
    assert allowed_hosts("192.0.2.5", 80) == ["192.0.2.5", "192.0.2.5:80"] or set(
        allowed_hosts("192.0.2.5", 80)
    ) == {
        "192.0.2.5",
        "192.0.2.5:80",
    }


def test_every_static_file_is_package_data() -> None:
    """A non-editable install carries the page: each file under static/ matches pyproject's package-data."""
    import fnmatch
    import tomllib

    from generator.serve.app import STATIC

    config = tomllib.loads(
        (Path(__file__).resolve().parent.parent / "pyproject.toml").read_text(encoding="utf-8")
    )
    assert "generator.serve" in config["tool"]["setuptools"]["packages"]
    patterns = config["tool"]["setuptools"]["package-data"]["generator.serve"]
    files = [p.relative_to(STATIC.parent).as_posix() for p in STATIC.rglob("*") if p.is_file()]
    assert files and all(any(fnmatch.fnmatch(f, pat) for pat in patterns) for f in files), files


def test_preview_fonts_are_the_pdf_fonts_and_nothing_else(
    folder: Path, client_for: Callable[..., TestClient]
) -> None:
    """The preview loads the faces fonts.conf gives LibreOffice; no other file is reachable there."""
    from generator.serve.app import font_dirs

    client = client_for(folder)
    fang = [d / "FandolFang-Regular.otf" for d in font_dirs() if (d / "FandolFang-Regular.otf").is_file()]
    if not fang:
        pytest.fail("the Fandol fonts are missing — run .ci/run (texlive-lang-chinese)")
    response = client.get("/fonts/FandolFang-Regular.otf")
    assert response.status_code == 200 and response.content == fang[0].read_bytes()
    for name in ("..%2F..%2Fetc%2Fpasswd", "fonts.conf", "FandolFang-Regular.otf.bak", "%2Fetc%2Fpasswd.otf"):
        assert client.get(f"/fonts/{name}").status_code == 404, name


def test_cli_refuses_a_missing_target_and_warns_about_another_interface(
    tmp_path: Path, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import uvicorn
    from typer.testing import CliRunner

    from generator.cli import app

    runner = CliRunner()
    missing = runner.invoke(app, ["serve", str(tmp_path / "nothing.yaml"), "--no-browser"])
    assert missing.exit_code == 2 and "no such file or folder" in missing.output
    notes = runner.invoke(app, ["serve", str(folder / "notes.txt"), "--no-browser"])
    assert notes.exit_code == 2 and ".yaml" in notes.output

    bound: list[tuple] = []
    monkeypatch.setattr(uvicorn.Server, "run", lambda self, sockets: bound.append(sockets[0].getsockname()))
    loopback = runner.invoke(app, ["serve", str(folder), "--no-browser", "--port", "0"])
    assert loopback.exit_code == 0 and bound[-1][0] == "127.0.0.1" and "warning" not in loopback.output
    assert re.search(rf"http://127\.0\.0\.1:{bound[-1][1]}/\?token=[\w-]{{40,}}", loopback.output)
    lan = runner.invoke(app, ["serve", str(folder), "--no-browser", "--host", "0.0.0.0", "--port", "0"])
    assert lan.exit_code == 0 and bound[-1][0] == "0.0.0.0"
    assert "warning: the editor listens on 0.0.0.0" in lan.output

    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        busy = runner.invoke(
            app, ["serve", str(folder), "--no-browser", "--port", str(taken.getsockname()[1])]
        )
    assert busy.exit_code == 2 and "cannot listen" in busy.output and "token" not in busy.output


def test_a_bom_is_kept_on_save(folder: Path, client_for: Callable[..., TestClient]) -> None:
    plan = folder / "example.yaml"
    plan.write_bytes(b"\xef\xbb\xbf" + plan.read_bytes())
    client = client_for(folder)
    opened = client.get("/api/file", params={"name": "example.yaml"}).json()
    text = opened["text"].replace(
        "printer: 云溪市卫生健康委员会办公室", "printer: 云溪市卫生健康委员会秘书科"
    )
    saved = post(client, "/api/save", {"name": "example.yaml", "text": text, "base_hash": opened["hash"]})
    assert saved.status_code == 200
    assert plan.read_bytes() == b"\xef\xbb\xbf" + text.encode("utf-8")


@pytest.mark.parametrize("plan", plan_files(), ids=lambda p: p.name)
def test_every_bundled_plan_opens_with_its_headings_in_the_preview(
    plan: Path, tmp_path: Path, client_for: Callable[..., TestClient]
) -> None:
    shutil.copy(plan, tmp_path / plan.name)
    opened = client_for(tmp_path).get("/api/file", params={"name": plan.name}).json()
    state = opened["state"]
    assert state["valid"] and not [p for p in state["problems"] if p["severity"] == "error"]
    sections = state["data"]["plan"]["sections"]
    assert len([k for k in state["labels"] if "." not in k]) == len(sections)
    for section in sections:
        if section.get("heading"):
            assert section["heading"] in state["preview"]


def test_a_fifo_in_the_folder_is_refused_not_waited_on(
    folder: Path, client_for: Callable[..., TestClient]
) -> None:
    import os

    os.mkfifo(folder / "pipe.yaml")
    client = client_for(folder)
    response = client.get("/api/file", params={"name": "pipe.yaml"})
    assert response.status_code in (400, 403), response.text  # refused at once, never read


@pytest.mark.parametrize(
    ("written", "chinese"),
    [
        (lambda text: text.encode("gb18030"), "第 {line} 行第 {column} 列：错误：不是 UTF-8 编码的文本"),
        (
            lambda text: text.encode("utf-16"),
            "第 1 行第 1 列：错误：文件是 UTF-16 编码（记事本中的“Unicode”），不是 UTF-8",
        ),
    ],
    ids=["GBK", "UTF-16"],
)
def test_a_plan_not_in_utf8_is_named_in_chinese(
    folder: Path, client_for: Callable[..., TestClient], written: Callable[[str], bytes], chinese: str
) -> None:
    """The page said "无法读取文件：'utf-8' codec can't decode byte 0xd4 in position 20" — Python's
    English; now the loader's own message, at its line, as the CLI says it."""
    text = (folder / "example.yaml").read_text(encoding="utf-8")
    (folder / "gbk.yaml").write_bytes(written(text))
    response = client_for(folder).get("/api/file", params={"name": "gbk.yaml"})
    assert response.status_code == 400
    error = response.json()["error"]
    at = next(i for i, char in enumerate(text) if not char.isascii())  # GB18030 differs from here
    line = text.count("\n", 0, at) + 1
    chinese = chinese.format(line=line, column=at - text.rfind(chr(10), 0, at))
    assert error.startswith(chinese), error
    assert "codec" not in error and "UTF-8" in error
