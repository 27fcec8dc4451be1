import os
import tomllib

import pytest

from config import loader
from config.credentials import Credentials, load_credentials, write_credentials
from config.schema import Settings


def test_defaults_file_matches_the_schema_defaults():
    assert loader.defaults() == Settings()


def test_defaults_file_lists_every_key():
    """Every key of the schema appears in defaults.toml, so it documents the whole file."""
    data = tomllib.loads(loader.DEFAULTS_FILE.read_text())

    def walk(model, node, prefix=""):
        for name, field in type(model).model_fields.items():
            assert name in node, f"defaults.toml lacks {prefix}{name}"
            value = getattr(model, name)
            if hasattr(type(value), "model_fields"):
                walk(value, node[name], f"{prefix}{name}.")

    walk(Settings(), data)


@pytest.mark.parametrize("path", sorted(loader.EXAMPLES_DIR.glob("*.toml")), ids=lambda p: p.name)
def test_every_example_is_valid(path):
    loader.load(path)


def test_examples_cover_the_typical_counters():
    kinds = {loader.load(p).scanner.kind for p in loader.EXAMPLES_DIR.glob("*.toml")}
    assert {"wedge", "serial", "camera"} <= kinds
    printers = [loader.load(p).printer for p in loader.EXAMPLES_DIR.glob("*.toml")]
    assert any(p.kind == "network" and p.paper_width_mm == 80 for p in printers)


def problems(text):
    with pytest.raises(loader.SettingsError) as e:
        loader.parse(text, "counter.toml")
    return str(e.value)


def test_errors_name_file_key_value_and_what_is_allowed():
    msg = problems("[printer]\npaper_width_mm = 72\n")
    assert msg == "counter.toml: printer.paper_width_mm = 72: Input should be 58 or 80"


def test_unknown_key_lists_the_allowed_keys():
    msg = problems("[scanner]\nknid = 'serial'\n")
    assert "scanner.knid = 'serial': unknown key; allowed here: kind," in msg


def test_cross_field_rule_names_the_missing_key():
    msg = problems("[printer]\nkind = 'network'\n")
    assert msg.startswith("counter.toml: printer.host = (missing): kind 'network' needs")


def test_all_problems_are_reported_at_once():
    msg = problems("[terminal]\ntimezone = 'Mars/Base'\ncurrency = 'XYZ'\n")
    assert "terminal.timezone = 'Mars/Base'" in msg and "terminal.currency = 'XYZ'" in msg


def test_toml_syntax_error_has_line_and_column():
    assert "line 1, column" in problems("[printer\n")


def test_password_in_database_url_is_refused():
    assert "credentials file" in problems("[database]\nurl = 'postgresql+psycopg://pos:hunter2@db/store'\n")


def test_missing_file_says_what_to_do(tmp_path):
    with pytest.raises(loader.SettingsError, match="no such file. Copy one of"):
        loader.load(tmp_path / "nope.toml")


def test_credentials_round_trip_with_owner_only_mode(tmp_path):
    path = tmp_path / "credentials.toml"
    write_credentials(path, Credentials(platform_secret='s"3\\c', database_password="pw"))
    assert os.stat(path).st_mode & 0o777 == 0o600
    creds = load_credentials(path)
    assert creds.platform_secret == 's"3\\c' and creds.database_password == "pw"
    assert "pw" not in repr(creds) and 's"3' not in repr(creds)


def test_credentials_readable_by_others_are_refused(tmp_path):
    path = tmp_path / "credentials.toml"
    path.write_text('platform_secret = "x"\n')
    path.chmod(0o644)
    with pytest.raises(loader.SettingsError, match="chmod 600"):
        load_credentials(path)


def test_missing_credentials_file_means_none(tmp_path):
    assert load_credentials(tmp_path / "absent.toml") == Credentials()
