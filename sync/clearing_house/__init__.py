"""The clearing house (issue 16, route 2): a third party between many stores and many platforms,
run as its own process (`pos-terminal clearing-house --port N --db URL`).

Stores send it their accepted day statements (POST /statements); it nets them per business day
across platforms and stores, tells each platform what it will receive from which stores
(GET /platforms/{id}/receivables/{date}) and gives each store one signed settlement report per day
(GET /stores/{id}/reports/{date}): one net amount to pay or to receive, the lines behind it and the
ISO 20022 pain.001.001.09 payment file. Reports are signed with Ed25519 (GET /keys).

A report is frozen once issued: a statement for a day whose report was issued is refused (409
report_issued) — the store then settles that platform directly for that day. Nothing is
corrected silently.

Modules: db (its own tables), credentials (members' secrets), signing (report keys, canonical
JSON), netting (the day's positions), service (imports and reports: one transaction each),
server (FastAPI app, uvicorn thread), export_openapi (its OpenAPI document)."""
