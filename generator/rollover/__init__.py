"""Roll a plan over to a new year: next year's draft, with every year-dependent change applied or
listed for review (年度滚动).

The draft is made by editing the input YAML *text* in place, at positions taken from the ruamel.yaml
node tree (``YAML().compose``: every node with its exact start and end). Only the changed
characters differ — four digits of a year, a date or 序号 set to ``null``, the lines of a dropped
item — so comments, key order, quoting, folding and line ends survive byte for byte and ``git diff``
shows the rollover's changes and nothing else. (Dumping a round-trip tree would re-flow plain
multi-line scalars and re-indent to one style.) The result is loaded back and compared with the
expected model; a rollover never writes an invalid or unexpected plan.

Structured fields (always changed):

* ``plan.year``; the plan year in ``plan.title``, in an explicit ``notice.title`` and in 附件说明
  entries that equal the plan title (a derived title follows by itself);
* 发文字号: the year advances and the 序号 is cleared. A mapping gets ``serial: null``; a string
  keeps its style without the number, ``沪松卫〔2024〕52号`` → ``沪松卫〔2025〕号``, which loads
  as serial None and prints a blank to fill in;
* 成文日期 ``notice.date`` and 印发日期 ``notice.print_date`` become ``null``: the key stays where
  it was, with any comment, so the author sees where to fill in the new date.

Text: every year mention of every string (see :mod:`generator.rollover.years` for the classes and the
"unambiguous" rule) is listed; only unambiguous ones change unless ``bump_text_years``.
Items with ``status: done`` or ``dropped`` are removed (unless ``keep_done``) and listed; items with
``targets`` (指标) are listed for review.
"""

from .draft import rollover_file, rollover_text
from .result import FieldChange, LocatedMention, ReviewItem, RolloverError, RolloverResult, Summary

__all__ = [
    "FieldChange",
    "LocatedMention",
    "ReviewItem",
    "RolloverError",
    "RolloverResult",
    "Summary",
    "rollover_file",
    "rollover_text",
]
