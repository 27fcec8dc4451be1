"""Source specs of `pos-terminal scan --source`: parsed into kinds and validated against the same
settings schema a settings file uses, with messages that say what is wrong."""

import pytest

from config.schema import Settings
from drivers.sources import SpecError, camera_settings, parse_spec, serial_settings, wedge_settings


def test_serial_spec_with_parameters_becomes_serial_settings():
    spec = parse_spec("serial:/dev/ttyACM0?baud=115200&parity=E&suffix=CRLF&aim_ids=true")
    assert (spec.kind, spec.target) == ("serial", "/dev/ttyACM0")
    serial = serial_settings(spec, Settings().scanner.serial)
    assert (serial.port, serial.baud, serial.parity, serial.suffix, serial.aim_ids) == ("/dev/ttyACM0", 115200, "E", "CRLF", True)
    assert serial.data_bits == 8  # untouched keys keep the settings' values


@pytest.mark.parametrize(
    "spec, words",
    [
        ("", ["empty"]),
        ("bluetooth:AA", ["unknown source kind 'bluetooth'", "serial:PORT"]),
        ("serial:", ["needs a target"]),
        ("serial:/dev/ttyS0?baud=1234", ["baud", "1234"]),
        ("serial:/dev/ttyS0?speed=9600", ["speed", "unknown parameter", "baud"]),
        ("serial:/dev/ttyS0?baud", ["key=value"]),
        ("serial:/dev/ttyS0?baud=9600&baud=19200", ["twice"]),
        ("camera:0?decoder=magic", ["decoder", "magic"]),
    ],
)
def test_bad_specs_say_what_is_wrong(spec, words):
    with pytest.raises(SpecError) as err:
        parsed = parse_spec(spec)
        settings = Settings().scanner
        if parsed.kind == "serial":
            serial_settings(parsed, settings.serial)
        elif parsed.kind == "camera":
            camera_settings(parsed, settings.camera)
    for word in words:
        assert word in str(err.value)


def test_camera_video_file_evdev_and_wedge_specs():
    assert camera_settings(parse_spec("camera:/dev/video2?decoder=zxing"), Settings().scanner.camera).decoder == "zxing"
    assert parse_spec("video:/tmp/a.avi").label == "video:/tmp/a.avi"
    assert parse_spec("file:/tmp/a b.png").target == "/tmp/a b.png"
    assert parse_spec("evdev:Honeywell 1900").target == "Honeywell 1900"
    wedge = parse_spec("wedge?terminator=tab&min_length=2")
    assert (wedge.kind, wedge.label) == ("wedge", "wedge")
    assert wedge_settings(wedge, Settings().scanner.wedge).terminator == "tab"
