"""The clearing house's OpenAPI document is the one in the repository (regenerate it with
`python -m sync.clearing_house.export_openapi`), and it documents the routes and refusals."""

from __future__ import annotations

import json

from sync.clearing_house.export_openapi import CONTRACT, openapi_document, render


def test_the_committed_contract_is_the_apps():
    assert CONTRACT.read_text(encoding="utf-8") == render(openapi_document()), \
        "run: python -m sync.clearing_house.export_openapi"


def test_the_contract_names_every_route_and_the_idempotency_key():
    doc = json.loads(CONTRACT.read_text(encoding="utf-8"))
    assert set(doc["paths"]) == {"/api/v1/keys", "/api/v1/statements", "/api/v1/stores/{store_id}/reports/{business_date}",
                                 "/api/v1/stores/{store_id}/reports",
                                 "/api/v1/platforms/{platform_id}/receivables/{business_date}"}
    post = doc["paths"]["/api/v1/statements"]["post"]
    header = next(p for p in post["parameters"] if p["name"] == "Idempotency-Key")
    assert header["required"] is True
    assert {"200", "201", "409", "422"} <= set(post["responses"])
    assert "report_issued" in doc["info"]["description"]
