"""The files of route 1 (direct) from an accepted statement: the ISO 20022 pain.001.001.09 payment
file validated against the official XSD (the one the sepaxml wheel ships) with xmlschema, for
accounts with and without an IBAN and currencies with 2 and 0 decimals; a tampered file fails
that validation; the CSV and the PDF carry the same figures."""

from __future__ import annotations

import csv
import io
import os
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import date, datetime, timezone

import pytest

from pos_terminal.domain.model.statements import (
    PAYBACK,
    REFUND,
    SALE,
    VOID,
    Contract,
    Movement,
    Statement,
    compute_statement,
)
from receipts.settlement_export import (
    NAMESPACE,
    ExportRefused,
    amount_text,
    pain001_xml,
    statement_csv,
    statement_pdf,
)

xmlschema = pytest.importorskip("xmlschema")
sepaxml = pytest.importorskip("sepaxml")

NS = {"p": NAMESPACE}
AT = datetime(2026, 12, 2, 1, 30, tzinfo=timezone.utc)


@dataclass(frozen=True)
class Acct:
    holder: str
    iban: str = ""
    number: str = ""
    bic: str = ""


STORE_IBAN = Acct("Demo Store", iban="DE02 1203 0000 0000 2020 51", bic="BYLADEM1001")
SHOP_IBAN = Acct("Demo Shop Ltd", iban="DE89370400440532013000", bic="COBADEFFXXX")
STORE_CN = Acct("示例便利店", number="6222 0210 0104 5678 901")  # no IBAN, no BIC (a Chinese account)
SHOP_CN = Acct("Demo Shop Ltd", number="110-9876543", bic="ICBKCNBJ")


@pytest.fixture(scope="module")
def xsd():
    path = os.path.join(os.path.dirname(sepaxml.__file__), "schemas", "pain.001.001.09.xsd")
    return xmlschema.XMLSchema(path)


def statement(currency: str = "CNY", *, accepted: bool = True, extra_refund: int = 0) -> Statement:
    moves = [
        Movement(SALE, "s-1", "O-1", (("cash", 10_000), ("bank_card", 5_550))),
        Movement(SALE, "s-2", "O-2", (("prepaid", 700),)),
        Movement(SALE, "s-3", "O-3", (("cash", 3_333),)),
        Movement(REFUND, "case-1/0", "O-1", (("cash", 2_000),)),
        Movement(PAYBACK, "pb-1", "O-3", (("cash", 100),)),
        Movement(VOID, "void-1", "O-4", (("cash", 500),)),
    ]
    if extra_refund:
        moves.append(Movement(REFUND, "case-2/0", "O-3", (("cash", extra_refund),)))
    st = compute_statement(store_id="demo-store", platform_id="demo-shop", business_date=date(2026, 12, 1),
                           currency=currency, contract=Contract("demo-shop", 150, 0, "half_up"), movements=moves)
    return st.accepted("ST-20261201-000007", AT, "manager") if accepted else st


def xml_for(st: Statement, debtor=STORE_IBAN, creditor=SHOP_IBAN) -> bytes:
    return pain001_xml(st, debtor, creditor, message_id="MSG-20261202-0001", created_at=AT,
                       execution_date=date(2026, 12, 2), store_name="Demo Store", platform_name="Demo Shop")


@pytest.mark.parametrize("currency, amount", [("CNY", "164.89"), ("EUR", "164.89"), ("JPY", "16489")])
@pytest.mark.parametrize("debtor, creditor", [(STORE_IBAN, SHOP_IBAN), (STORE_CN, SHOP_CN), (STORE_IBAN, SHOP_CN)],
                         ids=["iban", "other-id", "mixed"])
def test_payment_file_is_valid_against_the_official_xsd(xsd, currency, amount, debtor, creditor):
    st = statement(currency)
    assert st.net_minor == 16_489  # 18883 held less 2100 paid back less 294 commission (233 + 11 + 50)
    data = xml_for(st, debtor, creditor)
    xsd.validate(data.decode("utf-8"))  # raises XMLSchemaValidationError with the path when not valid

    root = ET.fromstring(data)
    assert root.tag == f"{{{NAMESPACE}}}Document"
    assert root.findtext(".//p:GrpHdr/p:NbOfTxs", namespaces=NS) == "1"
    assert root.findtext(".//p:GrpHdr/p:CtrlSum", namespaces=NS) == amount
    assert root.findtext(".//p:PmtInf/p:CtrlSum", namespaces=NS) == amount
    txs = root.findall(".//p:CdtTrfTxInf", NS)
    assert len(txs) == 1
    amt = txs[0].find("p:Amt/p:InstdAmt", NS)
    assert (amt.text, amt.get("Ccy")) == (amount, currency)
    assert txs[0].findtext("p:PmtId/p:EndToEndId", namespaces=NS) == "ST-20261201-000007"
    dbtr_acct = root.find(".//p:PmtInf/p:DbtrAcct/p:Id", NS)
    cdtr_acct = txs[0].find("p:CdtrAcct/p:Id", NS)
    for acct, el in ((debtor, dbtr_acct), (creditor, cdtr_acct)):
        if acct.iban:
            assert el.findtext("p:IBAN", namespaces=NS) == acct.iban.replace(" ", "")
        else:
            assert el.find("p:IBAN", NS) is None
            assert el.findtext("p:Othr/p:Id", namespaces=NS) == acct.number.replace(" ", "")
    dbtr_bank = root.find(".//p:PmtInf/p:DbtrAgt/p:FinInstnId", NS)
    assert (dbtr_bank.findtext("p:BICFI", namespaces=NS) or dbtr_bank.findtext("p:Othr/p:Id", namespaces=NS)) == \
        (debtor.bic or "NOTPROVIDED")
    assert root.findtext(".//p:Dbtr/p:Nm", namespaces=NS) == debtor.holder
    assert txs[0].findtext("p:Cdtr/p:Nm", namespaces=NS) == creditor.holder
    remittance = txs[0].findtext("p:RmtInf/p:Ustrd", namespaces=NS)
    assert "ST-20261201-000007" in remittance and "Demo Store" in remittance and "Demo Shop" in remittance
    assert "2026-12-01" in remittance and len(remittance) <= 140


@pytest.mark.parametrize("tamper", [
    lambda x: x.replace(b"<NbOfTxs>1</NbOfTxs>", b"<NbOfTxs>one</NbOfTxs>", 1),
    lambda x: x.replace(b'Ccy="CNY"', b'Ccy="yuan"'),
    lambda x: x.replace(b"<EndToEndId>ST-20261201-000007</EndToEndId>", b""),
    lambda x: x.replace(b"<PmtMtd>TRF</PmtMtd>", b"<PmtMtd>CASH</PmtMtd>"),
    lambda x: x.replace(b">164.89</InstdAmt>", b">-164.89</InstdAmt>"),
    lambda x: x.replace(b"<IBAN>DE02120300000000202051</IBAN>", b"<IBAN>not an iban</IBAN>"),
], ids=["count", "currency", "no-end-to-end-id", "method", "negative", "iban"])
def test_a_tampered_file_fails_validation(xsd, tamper):
    data = xml_for(statement("CNY"))
    assert xsd.is_valid(data.decode())
    bad = tamper(data)
    assert bad != data
    assert not xsd.is_valid(bad.decode())


def test_sepa_euro_transfer_names_the_service_level(xsd):
    root = ET.fromstring(xml_for(statement("EUR")))
    assert root.findtext(".//p:PmtTpInf/p:SvcLvl/p:Cd", namespaces=NS) == "SEPA"
    assert root.findtext(".//p:PmtInf/p:ChrgBr", namespaces=NS) == "SLEV"
    cny = ET.fromstring(xml_for(statement("CNY"), STORE_CN, SHOP_CN))
    assert cny.find(".//p:PmtTpInf", NS) is None


def test_a_sepa_transfer_carries_only_the_sepa_character_set(xsd):
    """A bank refuses a SEPA file with characters outside EPC217-08's Latin set: the names and the
    remittance of a EUR transfer between IBANs are transliterated; other transfers keep UTF-8."""
    store = Acct("Müller & Söhne 便利店", iban=STORE_IBAN.iban, bic=STORE_IBAN.bic)
    shop = Acct("Tea House 茶馆 «Ost»", iban=SHOP_IBAN.iban, bic=SHOP_IBAN.bic)
    data = pain001_xml(statement("EUR"), store, shop, message_id="MSG-20261202-0002", created_at=AT,
                       execution_date=date(2026, 12, 2), store_name="Müller & Söhne", platform_name="Tea House 茶馆")
    xsd.validate(data.decode("utf-8"))
    root = ET.fromstring(data)
    assert root.findtext(".//p:GrpHdr/p:InitgPty/p:Nm", namespaces=NS) == "Muller + Sohne BianLiDian"
    assert root.findtext(".//p:PmtInf/p:Dbtr/p:Nm", namespaces=NS) == "Muller + Sohne BianLiDian"
    assert root.findtext(".//p:Cdtr/p:Nm", namespaces=NS) == "Tea House ChaGuan Ost"
    remittance = root.findtext(".//p:RmtInf/p:Ustrd", namespaces=NS)
    assert remittance.endswith("store Muller + Sohne to Tea House ChaGuan")
    sepa_set = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/-?:().,'+ ")
    for el in root.iter():
        assert set(el.text.strip() if el.text else "") <= sepa_set, (el.tag, el.text)

    cny = ET.fromstring(pain001_xml(statement("CNY"), STORE_CN, Acct("Tea House 茶馆", number="110-9876543"),
                                    message_id="MSG-20261202-0003", created_at=AT, execution_date=date(2026, 12, 2)))
    assert cny.findtext(".//p:Dbtr/p:Nm", namespaces=NS) == "示例便利店"  # CNAPS and CIPS carry Chinese names
    assert cny.findtext(".//p:Cdtr/p:Nm", namespaces=NS) == "Tea House 茶馆"

    with pytest.raises(ExportRefused, match="settlement.platform_account.holder") as e:
        pain001_xml(statement("EUR"), store, Acct("★ ☆", iban=SHOP_IBAN.iban), message_id="M-1", created_at=AT,
                    execution_date=date(2026, 12, 2))
    assert e.value.reason == "bad_account"


def test_only_an_accepted_statement_the_store_owes_on_is_exported():
    with pytest.raises(ExportRefused, match="not accepted") as e:
        xml_for(statement(accepted=False))
    assert e.value.reason == "not_accepted"
    owed_by_platform = statement(extra_refund=30_000)
    assert owed_by_platform.net_minor < 0
    with pytest.raises(ExportRefused, match="the store does not pay, the platform does") as e:
        xml_for(owed_by_platform)
    assert e.value.reason == "platform_owes_store"
    even = statement(extra_refund=16_489)
    assert even.net_minor == 0
    with pytest.raises(ExportRefused) as e:
        xml_for(even)
    assert e.value.reason == "nothing_to_pay"


@pytest.mark.parametrize("debtor, creditor, where", [
    (Acct("Demo Store", iban="DE02120300000000202052"), SHOP_IBAN, "settlement.store_account.iban"),
    (Acct("Demo Store"), SHOP_IBAN, "settlement.store_account has neither"),
    (STORE_IBAN, Acct("", iban="DE89370400440532013000"), "settlement.platform_account.holder"),
    (STORE_IBAN, Acct("Shop", number="1234", bic="NOT A BIC"), "settlement.platform_account.bic"),
])
def test_an_account_unfit_for_a_transfer_is_refused_naming_the_setting(debtor, creditor, where):
    with pytest.raises(ExportRefused, match=where) as e:
        xml_for(statement(), debtor, creditor)
    assert e.value.reason == "bad_account"


def test_amounts_use_the_currency_exponent():
    assert amount_text(16_489, "CNY") == "164.89"
    assert amount_text(5, "EUR") == "0.05"
    assert amount_text(-5, "EUR") == "-0.05"
    assert amount_text(16_489, "JPY") == "16489"
    with pytest.raises(ExportRefused, match="not supported"):
        amount_text(1, "XXX")


def test_csv_has_a_header_every_line_and_every_movement():
    st = statement("CNY")
    rows = list(csv.DictReader(io.StringIO(statement_csv(st))))
    lines = [r for r in rows if r["record"] == "line"]
    moves = [r for r in rows if r["record"] == "movement"]
    net = [r for r in rows if r["record"] == "net"]
    assert len(lines) == len(st.lines)
    assert len(moves) == sum(len(m.tenders) for m in st.movements)
    assert [r["effect"] for r in net] == ["164.89"]
    assert {r["statement"] for r in rows} == {"ST-20261201-000007"}
    collected_cash = next(r for r in lines if (r["code"], r["tender"]) == ("collected", "cash"))
    assert (collected_cash["count"], collected_cash["amount"]) == ("2", "133.33")
    assert sum(int(r["amount"].replace(".", "")) for r in moves if r["kind"] == "sale") == 19_583


def test_pdf_shows_number_and_net_in_the_ui_language():
    pypdf = pytest.importorskip("pypdf")
    st = statement("CNY")
    for language, owes in (("en", "The store owes the platform"), ("zh_CN", "门店应付平台")):
        data = statement_pdf(st, language=language, store_name="Demo Store", platform_name="Demo Shop",
                             timezone="Asia/Shanghai", printed_at=AT)
        assert data.startswith(b"%PDF")
        text = "".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(data)).pages)
        assert "ST-20261201-000007" in text and owes in text and "164.89" in text
        assert "case-1/0" in text and st.digest in text
