"""The devices screen saves [scanner] into the settings file: comments survive, the result is
validated before anything is written, and the old file is kept as .bak."""

import pytest

from config import loader
from config.loader import SettingsError
from config.writer import save_section

FILE = """# counter 3, by the door
[terminal]
store_id = "s1"  # our store

[scanner]
kind = "simulated"
"""


def test_section_replaced_comments_kept_backup_written(tmp_path):
    path = tmp_path / "counter.toml"
    path.write_text(FILE, encoding="utf-8")
    path.chmod(0o640)
    values = loader.defaults().scanner.model_copy(
        update={"kind": "serial", "serial": loader.defaults().scanner.serial.model_copy(update={"port": "/dev/ttyUSB0", "baud": 115200})}
    ).model_dump(mode="json")
    settings = save_section(path, "scanner", values)
    assert (settings.scanner.kind, settings.scanner.serial.port, settings.scanner.serial.baud) == ("serial", "/dev/ttyUSB0", 115200)
    text = path.read_text(encoding="utf-8")
    assert "# counter 3, by the door" in text and "# our store" in text
    assert loader.load(path).scanner.serial.baud == 115200
    assert (tmp_path / "counter.toml.bak").read_text(encoding="utf-8") == FILE
    assert path.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_invalid_result_writes_nothing(tmp_path):
    path = tmp_path / "counter.toml"
    path.write_text(FILE, encoding="utf-8")
    with pytest.raises(SettingsError) as err:
        save_section(path, "scanner", {"kind": "serial", "serial": {"port": ""}})
    assert "serial.port" in str(err.value)
    assert path.read_text(encoding="utf-8") == FILE
    assert not (tmp_path / "counter.toml.bak").exists()


def test_missing_file_is_created(tmp_path):
    path = tmp_path / "new" / "settings.toml"
    save_section(path, "scanner", {"kind": "camera", "camera": {"source": "/dev/video0"}})
    assert loader.load(path).scanner.camera.source == "/dev/video0"
