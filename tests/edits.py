"""One edit of one line of a YAML text, as a person editing a file by hand might make it:
what the property tests of the fast readers apply to texts ntm writes."""

from __future__ import annotations

from hypothesis import strategies as st

EDITS = st.sampled_from(["none", "replace", "drop", "blank", "comment", "indent", "swap"])


def edit_line(text: str, edit: str, data: st.DataObject, values: st.SearchStrategy[str]) -> str:
    """``text`` with one line edited: its value replaced (by a draw from ``values``),
    dropped, swapped with the next, indented, or a blank or comment line put before it."""
    lines = text.splitlines()
    i = data.draw(st.integers(0, len(lines) - 1))
    if edit == "replace":
        key, colon, _ = lines[i].partition(":")
        lines[i] = f"{key}{colon} {data.draw(values)}"
    elif edit == "drop":
        del lines[i]
    elif edit == "blank":
        lines.insert(i, "")
    elif edit == "comment":
        lines.insert(i, "  # a comment")
    elif edit == "indent":
        lines[i] = "  " + lines[i]
    elif edit == "swap" and i + 1 < len(lines):
        lines[i], lines[i + 1] = lines[i + 1], lines[i]
    return "\n".join(lines)
