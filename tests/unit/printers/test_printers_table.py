"""Go text/tabwriter semantics (Go text/tabwriter) and RememberWidths."""

from __future__ import annotations

import pytest

from minikube_lite.printers.table import RememberingWriter, split_text, tabwrite, tabwrite_text


def test_get_table_widths_minwidth_6_padding_3() -> None:
    lines = [["NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE"], ["web", "3/3", "3", "3", "2m10s"]]
    assert tabwrite(lines, 6, 3) == (
        "NAME   READY   UP-TO-DATE   AVAILABLE   AGE\n"
        "web    3/3     3            3           2m10s\n"
    )


def test_trailing_cell_is_never_padded_and_never_widens() -> None:
    lines = [["a", "b"], ["a-very-long-trailing-cell"]]
    assert tabwrite(lines, 0, 2) == "a  b\na-very-long-trailing-cell\n"


def test_terminated_empty_last_cell_pads() -> None:
    # "x\t" has one terminated cell and an empty trailing cell.
    assert tabwrite_text("x\t\nlong\t\n", 0, 2) == "x     \nlong  \n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a line without a tab ends the block: the two blocks are aligned independently
        (
            "Name:\tweb\nPod Template:\n  Labels:\tapp=web\n",
            "Name:  web\nPod Template:\n  Labels:  app=web\n",
        ),
        # consecutive lines share one block
        ("A:\t1\nLonger:\t2\n", "A:       1\nLonger:  2\n"),
        # nested columns: the inner block only spans the lines that have that column
        ("a\tb\tc\naaaa\tb\nx\tyyyy\tz\n", "a     b  c\naaaa  b\nx     yyyy  z\n"),
        # a continuation line starting with a tab lines up under the value
        (
            "Labels:\tapp=web\n\tpod-template-hash=1\nX:\ty\n",
            "Labels:  app=web\n         pod-template-hash=1\nX:       y\n",
        ),
        # an empty line is a one-cell line and ends the block
        ("a:\t1\n\nbbbb:\t2\n", "a:  1\n\nbbbb:  2\n"),
    ],
)
def test_blocks(text: str, expected: str) -> None:
    assert tabwrite_text(text) == expected


def test_unterminated_last_line_has_no_newline() -> None:
    assert tabwrite_text("a\tb\nc\td", 0, 2) == "a  b\nc  d"
    assert tabwrite_text("", 0, 2) == ""


def test_width_counts_code_points() -> None:
    assert tabwrite([["héé", "x"], ["ab", "y"]], 0, 1) == "héé x\nab  y\n"


def test_split_text() -> None:
    assert split_text("a\tb\n\nc\n") == [["a", "b"], [""], ["c"]]


def test_remembering_writer_never_shrinks_columns() -> None:
    w = RememberingWriter()
    first = w.render([["NAME", "READY", "STATUS"], ["web-1234567890", "1/1", "Running"]])
    assert first == "NAME             READY   STATUS\nweb-1234567890   1/1     Running\n"
    # a shorter row keeps the widths of the first table
    assert w.render_row(["web", "0/1", "Pending"]) == "web              0/1     Pending\n"
    # a longer row widens the column from now on
    assert (
        w.render_row(["web-1234567890-abcdef", "1/1", "Running"])
        == "web-1234567890-abcdef   1/1     Running\n"
    )
    assert w.render_row(["x", "1/1", "Running"]) == "x                       1/1     Running\n"


def test_remembered_widths_apply_per_column_index() -> None:
    remembered: list[int] = []
    tabwrite([["aaaaaaaaaa", "b"]], 0, 1, remembered)
    assert remembered == [11]
    assert tabwrite([["a", "b"]], 0, 1, remembered) == "a          b\n"
