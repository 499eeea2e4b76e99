"""`zhuanbao serve`: a local web page where reviewers drop a draft and get it back checked.

- `sniff`: what an upload is, by its bytes (never by its name)
- `jobs`: the private upload folder, results that expire, one check in a worker process
- `archive`: a .zip of bulletins unpacked safely (nothing outside it, no links, bounded)
- `batches`: 批量转换: many bulletins through the batch engine, one batch at a time, and the
  dataset, report and laggards when it is done
- `app`: the Starlette application (pages, JSON API, token, same-origin and CSP rules)

Nothing here imports the command line; `cli.py` calls `app.serve`.
"""
