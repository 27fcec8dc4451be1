"""The platforms whose payment codes this counter takes (issue 16): [platform] first, then each
[[issuers]] table, as one list the runtime and the settlement code read the same way.

`issuer_list(settings)` is the one place that list is made: every issuer has an id (what a
voucher's "iss" claim names, what orders, settlements and statements record), a name, where its
API and its voucher keys are, its settlement route, contract and account. Two issuers with the
same id are refused with a SettingsError naming the id (the schema refuses it at load time too).
"""

from __future__ import annotations

from dataclasses import dataclass

from config.loader import SettingsError
from config.schema import BankAccount, ContractSettings, Settings

KEYS_PATH = "/voucher-keys"  # under the API base (HttpPlatformClient.voucher_keys)
API_PREFIX = "/api/v1"


@dataclass(frozen=True)
class Issuer:
    id: str
    name: str
    mode: str  # sandbox | remote | none ([platform] only)
    base_url: str  # empty: the demo's in-process sandbox (mode sandbox) or none
    keys_url: str  # empty: <base_url>/api/v1/voucher-keys (through the issuer's client)
    route: str  # direct | clearing_house
    contract: ContractSettings
    account: BankAccount  # where the store pays this platform (the creditor)
    primary: bool  # True: [platform] (prepaid cards, refunds, reconciliation go there)

    @property
    def label(self) -> str:
        return f"{self.name} ({self.id})"


def issuer_list(settings: Settings) -> list[Issuer]:
    """[platform] then each [[issuers]] entry, in the settings' order. Raises SettingsError when
    an id appears twice."""
    p, s = settings.platform, settings.settlement
    issuers = [Issuer(p.id, p.name, p.mode, p.base_url, "", s.route, s.contract, s.platform_account, True)]
    for entry in settings.issuers:
        issuers.append(Issuer(entry.id, entry.name, entry.mode, entry.base_url, entry.keys_url, entry.route,
                              entry.contract, entry.account, False))
    seen: set[str] = set()
    for issuer in issuers:
        if issuer.id in seen:
            raise SettingsError("settings", message=duplicate_message(issuer.id, settings))
        seen.add(issuer.id)
    return issuers


def duplicate_message(issuer_id: str, settings: Settings) -> str:
    where = "[platform] id and an [[issuers]] entry" if issuer_id == settings.platform.id \
        else "two [[issuers]] entries"
    return (f"issuers: platform id {issuer_id!r} is given twice ({where}); each platform whose payment codes "
            "this counter takes needs its own id: remove or rename one")


def duplicate_issuer_id(platform_id: str, ids: list[str]) -> str | None:
    """The first id named twice among [platform] id and the [[issuers]] ids (None: all distinct)."""
    seen = {platform_id}
    for issuer_id in ids:
        if issuer_id in seen:
            return issuer_id
        seen.add(issuer_id)
    return None


def issuer_by_id(settings: Settings, issuer_id: str | None) -> Issuer | None:
    """The issuer with that id; None (or empty) is [platform]. None when the counter does not know it."""
    issuers = issuer_list(settings)
    if not issuer_id:
        return issuers[0]
    return next((i for i in issuers if i.id == issuer_id), None)


def primary_id(settings: Settings) -> str:
    return settings.platform.id
