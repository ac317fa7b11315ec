"""``workplan serve``: a local web editor for the clerks who draft plans, in Chinese.

app.py (the Starlette app and its uvicorn runner) · security.py (token, Host/Origin checks, plan
files only) · api.py (the JSON endpoints) · edits.py (the page's operations spliced into the YAML
text) · yaml_text.py (scalars, positions and new blocks for those splices) · state.py (labels,
problems by field, preview for one text) · fields.py (the forms, from the model's fields) ·
pdf.py (one resident LibreOffice) · static/ (the page: ES modules, no build).
"""
