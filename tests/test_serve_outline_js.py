"""The page's outline operations (static/outline.js, run by Node) carried out by the server's splicer.

Drags of each example node onto each other one (upper or lower half), and every move, indent and
outdent, is computed by the page's own JavaScript and applied with :func:`apply_ops`: the moved
node must land where the clerk dropped it — beside the target, before or after it — with every
other node in its place, and the selection the page keeps must point at it.
"""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from conftest import EXAMPLES

from generator.serve.app import STATIC
from generator.serve.edits import EditError, apply_ops
from generator.serve.yaml_text import parse_data, prepare

EXAMPLE = (EXAMPLES / "example.yaml").read_text(encoding="utf-8")
prepare(EXAMPLE)  # its tree composed once for every case

RUNNER = """
import * as outline from %s;
const { data, cases } = JSON.parse(await new Promise((resolve) => {
  let input = "";
  process.stdin.on("data", (c) => (input += c));
  process.stdin.on("end", () => resolve(input));
}));
const out = cases.map(([fn, ...args]) => outline[fn](data, ...args));
process.stdout.write(JSON.stringify(out));
"""


def run_outline(cases: list[list]) -> list[dict | None]:
    node = shutil.which("node")
    if node is None:
        pytest.fail("Node.js is needed for the page's module tests — run .ci/run (nodejs)")
    script = RUNNER % json.dumps((STATIC / "outline.js").as_uri())
    done = subprocess.run(
        [node, "--input-type=module", "-e", script],
        input=json.dumps({"data": parse_data(EXAMPLE), "cases": cases}, default=str),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def nodes(data: dict) -> list[list[int]]:
    out: list[list[int]] = []

    def visit(items: list, parent: list[int]) -> None:
        for i, item in enumerate(items or []):
            out.append([*parent, i])
            visit(item.get("items") or [], [*parent, i])

    visit(data["plan"]["sections"], [])
    return out


def at(data: dict, path: list[int]) -> dict:
    node = data["plan"]["sections"][path[0]]
    for index in path[1:]:
        node = node["items"][index]
    return node


def apply(change: dict) -> dict:
    return parse_data(apply_ops(EXAMPLE, change["ops"]))


DATA = parse_data(EXAMPLE)
PATHS = nodes(DATA)


def test_every_drop_lands_beside_its_target() -> None:
    # Every pair, on the upper half of the target or the lower (alternating, to keep the test fast).
    cases = [
        ["dropOnto", src, dst, (i + j) % 2 == 1] for i, src in enumerate(PATHS) for j, dst in enumerate(PATHS)
    ]
    results = run_outline(cases)
    done = 0
    for (_, src, dst, after), change in zip(cases, results, strict=True):
        inside = dst[: len(src)] == src
        if change is None:
            assert src == dst or inside, (src, dst)  # refused only onto itself or into its own subtree
            continue
        new = apply(change)
        moved = at(DATA, src)
        target = at(DATA, dst)
        got = at(new, change["select"])
        assert got == moved, (src, dst, after)  # the page's selection is the moved node
        siblings = (
            new["plan"]["sections"] if len(change["select"]) == 1 else at(new, change["select"][:-1])["items"]
        )
        index = change["select"][-1]
        neighbour = siblings[index + (1 if not after else -1)]
        # (compared by heading: the target itself changes when the moved node was its child)
        assert neighbour["heading"] == target["heading"], (src, dst, after)
        assert len(nodes(new)) == len(PATHS)  # nothing lost, nothing doubled
        done += 1
    assert done > 90


@pytest.mark.parametrize("fn", ["moveUp", "moveDown", "indent", "outdent"])
def test_keyboard_moves_keep_the_node_and_select_it(fn: str) -> None:
    results = run_outline([[fn, path] for path in PATHS])
    applied = 0
    for path, change in zip(PATHS, results, strict=True):
        if change is None:
            continue
        try:
            new = apply(change)
        except EditError as exc:  # only a move the model forbids may be refused, never a wrong splice
            assert "internal" not in str(exc)
            continue
        assert at(new, change["select"]) == at(DATA, path), (fn, path)
        assert len(nodes(new)) == len(PATHS)
        applied += 1
    assert applied >= 3


def test_add_and_remove() -> None:
    sibling, child, removed = run_outline(
        [["addSibling", [0, 1]], ["addChild", [1, 0]], ["remove", [1, 0, 0]]]
    )
    new = apply(sibling)
    assert at(new, sibling["select"]) == {"heading": "新的工作事项。"} and sibling["select"] == [0, 2]
    new = apply(child)
    assert at(new, child["select"]) == {"heading": "新的工作事项。"} and child["select"] == [1, 0, 2]
    new = apply(removed)
    assert at(new, [1, 0, 0])["heading"] == "优化现场预约服务。" and removed["select"] == [1, 0]
