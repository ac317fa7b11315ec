"""workplan: draft Chinese government work plans (工作要点) as GB/T 9704-2012 documents.

Readers (``load``, ``readers/``) build one model (``model``); ``numbering`` labels it once;
``view`` turns it into printed strings; writers (``writers/``) and tools (``rollover``, ``diff``,
``check/``) consume that.
"""

__version__ = "0.1.0"
