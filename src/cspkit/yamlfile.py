"""Read a YAML file keeping the line of every key, so errors can name key and line."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cspkit.errors import InputError, Where

Key = tuple[str | int, ...]


@dataclass(frozen=True)
class YamlDocument:
    """Plain data (dicts, lists, strings, numbers) and where each part of it was written."""

    path: str
    data: Any
    lines: dict[Key, int]

    def line(self, key: Key) -> int | None:
        """The line of `key`, or of its nearest parent that has one."""
        while key:
            if key in self.lines:
                return self.lines[key]
            key = key[:-1]
        return self.lines.get((), 1)

    def error(self, key: Key, reason: str) -> InputError:
        name = ".".join(str(part) for part in key) if key else None
        return InputError(Where(self.path, self.line(key), name, "key"), reason)


def _scalar(node: Any) -> Any:
    import yaml

    return yaml.constructor.SafeConstructor().construct_object(node, deep=True)


def _plain(node: Any, key: Key, lines: dict[Key, int]) -> Any:
    import yaml

    lines[key] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        out: dict[str, Any] = {}
        for name_node, value_node in node.value:
            name = str(_scalar(name_node))
            if name in out:
                raise InputError(Where("", name_node.start_mark.line + 1, name, "key"), "this key is given twice")
            out[name] = _plain(value_node, (*key, name), lines)
            lines[(*key, name)] = name_node.start_mark.line + 1
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_plain(item, (*key, index), lines) for index, item in enumerate(node.value)]
    return _scalar(node)


def read_yaml(path: Path) -> YamlDocument:
    """Parse `path`, refusing bad YAML with its line, and keep each key's line."""
    import yaml

    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(Where(str(path)), "no such file") from None
    except UnicodeDecodeError as error:
        raise InputError(Where(str(path)), f"not UTF-8 text ({error.reason} at byte {error.start})") from None
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        line = mark.line + 1 if mark is not None else None
        raise InputError(Where(str(path), line), f"not valid YAML: {error.problem}") from None
    if node is None:
        raise InputError(Where(str(path), 1), "the file is empty")
    lines: dict[Key, int] = {}
    try:
        data = _plain(node, (), lines)
    except InputError as error:
        raise InputError(Where(str(path), error.where.line, error.where.column, "key"), error.reason) from None
    return YamlDocument(str(path), data, lines)


SLUG = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")


def text(doc: YamlDocument, value: Any, key: Key, required: bool = True) -> str | None:
    """A non-empty string at `key`; None when absent and not required."""
    if value is None:
        if required:
            raise doc.error(key, "is required")
        return None
    if not isinstance(value, str) or not value.strip():
        raise doc.error(key, f"must be text, not {value!r}")
    return value.strip()


def text_list(doc: YamlDocument, value: Any, key: Key, what: str = "names") -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise doc.error(key, f"must be a list of {what}")
    return tuple(str(text(doc, item, (*key, i))) for i, item in enumerate(value))


def check_keys(doc: YamlDocument, body: dict[str, Any], allowed: set[str], key: Key) -> None:
    """Refuse a key the schema does not know (most often a typing slip)."""
    for name in body:
        if name not in allowed:
            raise doc.error((*key, name), f"unknown key: expected one of {', '.join(sorted(allowed))}")


def slug(doc: YamlDocument, value: Any, key: Key) -> str:
    found = str(text(doc, value, key))
    if not SLUG.match(found):
        raise doc.error(key, f"{found!r} must be lowercase letters, digits and single hyphens")
    return found
