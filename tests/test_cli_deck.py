"""The deck commands as a user runs them: facts, schema, --version, python -m rutw_quiz."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import RunCli
from rutw_quiz.resources import bundled_deck_path

# --- facts -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def bundled_facts(run_cli: RunCli) -> list[dict[str, Any]]:
    result = run_cli("facts", "--json")
    assert result.returncode == 0, result.stderr
    records: list[dict[str, Any]] = json.loads(result.stdout)
    return records


def test_facts_json_gives_every_fact_with_its_answer_and_source(
    bundled_facts: list[dict[str, Any]],
) -> None:
    deck = yaml.safe_load(bundled_deck_path().read_text(encoding="utf-8"))
    assert [r["id"] for r in bundled_facts] == [f["id"] for f in deck["facts"]]
    sources = {s["id"]: s for s in deck["sources"]}
    for record, fact in zip(bundled_facts, deck["facts"], strict=True):
        assert {"id", "statement", "answer", "kind", "topics", "difficulty", "source"} <= record.keys()
        assert record["statement"] == fact["statement"]
        assert record["answer"] == str(fact["answer"])
        assert record["kind"] == fact["kind"]
        assert record["topics"] == fact["topics"]
        assert record["difficulty"] == fact["difficulty"]
        assert record["source"] == {
            "id": fact["source"]["id"],
            "title": sources[fact["source"]["id"]]["title"],
            "section": fact["source"]["section"],
            "quote": fact["source"]["quote"],
        }


def test_facts_json_gives_each_whole_record(bundled_facts: list[dict[str, Any]]) -> None:
    """Issue 11: prompt, aliases, distractors, date, year, event, category and note too."""
    deck = yaml.safe_load(bundled_deck_path().read_text(encoding="utf-8"))
    for record, fact in zip(bundled_facts, deck["facts"], strict=True):
        for key in ("prompt", "date", "year", "event", "category", "note"):
            assert record[key] == fact.get(key), (fact["id"], key)
        assert record["aliases"] == fact.get("aliases", [])
        assert record["distractors"] == fact.get("distractors", [])
    assert any(r["prompt"] for r in bundled_facts)
    assert any(r["distractors"] for r in bundled_facts)


def test_facts_json_types_are_stable(bundled_facts: list[dict[str, Any]]) -> None:
    for record in bundled_facts:
        assert isinstance(record["difficulty"], int)
        assert isinstance(record["topics"], list)
        assert all(isinstance(t, str) for t in record["topics"])
        assert record["answer"] in record["statement"]


def test_facts_topic_filter_keeps_only_facts_with_that_topic(run_cli: RunCli, mini_deck_path: Path) -> None:
    result = run_cli("facts", "--deck", mini_deck_path, "--json", "--topic", "spaceflight")
    assert result.returncode == 0, result.stderr
    assert [r["id"] for r in json.loads(result.stdout)] == [
        "gagarin",
        "armstrong",
        "nasa",
        "rosetta",
        "tereshkova",
        "sputnik",
        "hubble-launch",
    ]


def test_facts_topic_filter_is_repeatable(run_cli: RunCli, mini_deck_path: Path) -> None:
    result = run_cli(
        "facts", "--deck", mini_deck_path, "--json", "--topic", "spaceflight", "--topic", "planets"
    )
    ids = [r["id"] for r in json.loads(result.stdout)]
    assert "gagarin" in ids
    assert "closest-planet" in ids
    assert "neptune-discoverer" not in ids


def test_an_unknown_topic_names_the_topics_there_are(run_cli: RunCli, mini_deck_path: Path) -> None:
    result = run_cli("facts", "--deck", mini_deck_path, "--topic", "comets")
    assert result.returncode == 2
    assert result.stdout == ""
    assert "Error: Invalid value for '--topic': no topic 'comets'" in result.stderr
    assert "discovery (Discovery); planets (Planets); spaceflight (Space flight)." in result.stderr


def test_facts_without_json_shows_each_fact_with_answer_source_and_quote(
    run_cli: RunCli, mini_deck_path: Path
) -> None:
    result = run_cli("facts", "--deck", mini_deck_path, "--topic", "spaceflight")
    assert result.returncode == 0
    assert result.stdout.splitlines()[:3] == [
        "gagarin [12 April 1961] (person: Yuri Gagarin)",
        "  Yuri Gagarin became the first human in space on 12 April 1961.",
        "  source: The Solar System, Flight: \u201cYuri Gagarin became the first human in space on 12 April 1961\u201d",
    ]


def test_facts_piped_into_a_pager_that_quits_is_not_an_error(mini_deck_path: Path) -> None:
    command = f"'{Path(sys.executable).parent / 'rutw-quiz'}' facts --deck '{mini_deck_path}' | head -n 1"
    done = subprocess.run(
        ["bash", "-o", "pipefail", "-c", command], capture_output=True, text=True, check=False
    )
    assert done.stdout == "closest-planet (place: Mercury)\n"
    assert "Traceback" not in done.stderr


# --- schema ----------------------------------------------------------------------------------


class SchemaError(Exception):
    """The instance does not match the schema."""


ANNOTATIONS = {"title", "description", "default", "examples", "$schema", "$defs"}


def check(instance: Any, schema: dict[str, Any], root: dict[str, Any], where: str = "deck") -> None:
    """Validate `instance` against the JSON Schema keywords that pydantic emits.

    A small validator (the `jsonschema` package is not a dependency): it refuses any
    keyword it does not know, so a schema change cannot make it pass by ignoring it.
    """
    unknown = set(schema) - ANNOTATIONS - set(KEYWORDS)
    if unknown:
        raise AssertionError(f"the test validator does not know {sorted(unknown)}; extend it")
    for keyword, value in schema.items():
        if keyword in KEYWORDS:
            KEYWORDS[keyword](instance, value, schema, root, where)


def _ref(instance: Any, ref: str, _s: Any, root: dict[str, Any], where: str) -> None:
    assert ref.startswith("#/$defs/")
    check(instance, root["$defs"][ref.removeprefix("#/$defs/")], root, where)


def _type(instance: Any, name: str, _s: Any, _r: Any, where: str) -> None:
    types = {
        "string": str,
        "integer": int,
        "object": dict,
        "array": list,
        "null": type(None),
        "boolean": bool,
    }
    ok = isinstance(instance, types[name]) and not (name == "integer" and isinstance(instance, bool))
    if not ok:
        raise SchemaError(f"{where}: {instance!r} is not of type {name}")


def _any_of(instance: Any, options: list[dict[str, Any]], _s: Any, root: dict[str, Any], where: str) -> None:
    errors = []
    for option in options:
        try:
            check(instance, option, root, where)
        except SchemaError as error:
            errors.append(str(error))
        else:
            return
    raise SchemaError(" / ".join(errors))


def _properties(instance: Any, props: dict[str, Any], _s: Any, root: dict[str, Any], where: str) -> None:
    if isinstance(instance, dict):
        for key, sub in props.items():
            if key in instance:
                check(instance[key], sub, root, f"{where}.{key}")


def _additional(
    instance: Any, allowed: Any, schema: dict[str, Any], root: dict[str, Any], where: str
) -> None:
    if isinstance(instance, dict):
        for key in set(instance) - set(schema.get("properties", {})):
            if allowed is False:
                raise SchemaError(f"{where}: unknown key {key!r}")
            check(instance[key], allowed, root, f"{where}.{key}")


def _required(instance: Any, keys: list[str], _s: Any, _r: Any, where: str) -> None:
    if isinstance(instance, dict) and (missing := [k for k in keys if k not in instance]):
        raise SchemaError(f"{where}: missing {missing}")


def _items(instance: Any, sub: dict[str, Any], _s: Any, root: dict[str, Any], where: str) -> None:
    if isinstance(instance, list):
        for i, item in enumerate(instance):
            check(item, sub, root, f"{where}[{i}]")


def _pattern_properties(
    instance: Any, pats: dict[str, Any], _s: Any, root: dict[str, Any], where: str
) -> None:
    if isinstance(instance, dict):
        for pattern, sub in pats.items():
            for key, value in instance.items():
                if re.search(pattern, key):
                    check(value, sub, root, f"{where}.{key}")


def _property_names(instance: Any, sub: dict[str, Any], _s: Any, root: dict[str, Any], where: str) -> None:
    if isinstance(instance, dict):
        for key in instance:
            check(key, sub, root, f"{where} key {key!r}")


def _limit(test: Any, what: str) -> Any:
    def run(instance: Any, bound: Any, _s: Any, _r: Any, where: str) -> None:
        if not test(instance, bound):
            raise SchemaError(f"{where}: {instance!r} breaks {what} {bound!r}")

    return run


def _sized(kind: type, size: Any, cmp: Any) -> Any:
    return lambda value, bound: not isinstance(value, kind) or cmp(size(value), bound)


KEYWORDS: dict[str, Any] = {
    "$ref": _ref,
    "type": _type,
    "anyOf": _any_of,
    "properties": _properties,
    "additionalProperties": _additional,
    "required": _required,
    "items": _items,
    "patternProperties": _pattern_properties,
    "propertyNames": _property_names,
    "enum": _limit(lambda value, options: value in options, "enum"),
    "pattern": _limit(lambda value, p: not isinstance(value, str) or re.search(p, value), "pattern"),
    "minLength": _limit(_sized(str, len, lambda n, b: n >= b), "minLength"),
    "maxLength": _limit(_sized(str, len, lambda n, b: n <= b), "maxLength"),
    "minItems": _limit(_sized(list, len, lambda n, b: n >= b), "minItems"),
    "maxItems": _limit(_sized(list, len, lambda n, b: n <= b), "maxItems"),
    "minProperties": _limit(_sized(dict, len, lambda n, b: n >= b), "minProperties"),
    "minimum": _limit(_sized(int, int, lambda n, b: n >= b), "minimum"),
    "maximum": _limit(_sized(int, int, lambda n, b: n <= b), "maximum"),
}


@pytest.fixture(scope="module")
def schema(run_cli: RunCli) -> dict[str, Any]:
    result = run_cli("schema")
    assert result.returncode == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def test_schema_is_a_draft_2020_12_json_schema_of_a_deck(schema: dict[str, Any]) -> None:
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["type"] == "object"
    assert set(schema["required"]) == {"id", "title", "description", "language", "topics", "sources", "facts"}


@pytest.mark.parametrize("name", ["Fact", "Source", "Evidence"])
def test_schema_refuses_unknown_keys_so_editors_flag_misspellings(schema: dict[str, Any], name: str) -> None:
    assert schema["additionalProperties"] is False
    assert schema["$defs"][name]["additionalProperties"] is False


def test_schema_documents_every_fact_key_and_the_answer_kinds(schema: dict[str, Any]) -> None:
    fact = schema["$defs"]["Fact"]
    assert set(fact["required"]) == {"id", "statement", "answer", "kind", "topics", "difficulty", "source"}
    assert all(prop.get("description") for prop in fact["properties"].values())
    assert {"person", "date", "year", "number", "document"} <= set(schema["$defs"]["AnswerKind"]["enum"])


@pytest.mark.parametrize("deck", ["bundled", "mini"])
def test_schema_accepts_the_yaml_of_the_valid_decks(
    schema: dict[str, Any], mini_deck_path: Path, deck: str
) -> None:
    path = bundled_deck_path() if deck == "bundled" else mini_deck_path
    check(yaml.safe_load(path.read_text(encoding="utf-8")), schema, schema)


@pytest.mark.parametrize(
    ("change", "complaint"),
    [
        (lambda d: d["facts"][0].update(colour="red"), "unknown key 'colour'"),
        (lambda d: d["facts"][0].update(kind="planet"), "breaks enum"),
        (lambda d: d["facts"][0].update(difficulty=4), "breaks maximum"),
        (lambda d: d["facts"][0].pop("answer"), "missing ['answer']"),
        (lambda d: d["facts"][0]["source"].update(id="Solar Notes"), "breaks pattern"),
        (lambda d: d["topics"].update({"Big Planets": "x"}), "breaks pattern"),
    ],
    ids=["unknown-key", "unknown-kind", "difficulty-4", "no-answer", "bad-source-slug", "bad-topic-slug"],
)
def test_schema_refuses_what_the_loader_refuses(
    schema: dict[str, Any], mini_deck_path: Path, change: Any, complaint: str
) -> None:
    data = yaml.safe_load(mini_deck_path.read_text(encoding="utf-8"))
    change(data)
    with pytest.raises(SchemaError, match=re.escape(complaint)):
        check(data, schema, schema)


def test_schema_output_is_stable(run_cli: RunCli, schema: dict[str, Any]) -> None:
    assert json.loads(run_cli("schema").stdout) == schema


# --- version and entry points ----------------------------------------------------------------


def test_version_comes_from_the_package_metadata(run_cli: RunCli) -> None:
    result = run_cli("--version")
    assert result.returncode == 0
    assert result.stdout == f"rutw-quiz, version {version('rutw-quiz')}\n"


def test_python_dash_m_runs_the_same_command_line(repo_root: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "rutw_quiz", "--help"],
        capture_output=True,
        text=True,
        check=False,
        cwd=repo_root,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Usage: rutw-quiz [OPTIONS] COMMAND [ARGS]...")
    for command in ("facts", "validate", "schema"):
        assert re.search(rf"^  {command}\s", done.stdout, re.MULTILINE)


def test_a_usage_error_exits_2_with_clicks_message(run_cli: RunCli) -> None:
    result = run_cli("facts", "--no-such-option")
    assert result.returncode == 2
    assert re.search(r"No such option:? .?--no-such-option", result.stderr)
    assert "Traceback" not in result.stderr
