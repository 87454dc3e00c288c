"""station.json read into a typed, frozen StationConfig: every key known, or a ConfigError naming it and the file."""

from __future__ import annotations

import json

import pytest

from sealstation.config import StationConfig, StationHome
from sealstation.errors import ConfigError


def write(tmp_path, data) -> StationHome:
    home = StationHome(tmp_path)
    home.config_path.write_text(json.dumps(data), encoding="utf-8")
    return home


def test_a_misspelt_key_names_the_key_the_file_and_the_close_known_key(tmp_path):
    home = write(tmp_path, {"station_id": "s1", "token_lable": "SealStation"})
    with pytest.raises(ConfigError) as err:
        home.load_config()
    assert "unknown setting 'token_lable'" in err.value.message and str(home.config_path) in err.value.message
    assert "Did you mean 'token_label'?" in err.value.hint


def test_an_unknown_key_with_nothing_close_lists_the_known_ones(tmp_path):
    home = write(tmp_path, {"colour": "red"})
    with pytest.raises(ConfigError, match="unknown setting 'colour'") as err:
        home.load_config()
    assert "Did you mean" not in err.value.hint and "station_id" in err.value.hint


@pytest.mark.parametrize("key, value, words", [
    ("token_idle_timeout_s", "soon", r"must be a number\.$"),
    ("pkcs11_module", 7, r"must be text or null\.$"),
    ("station_id", 7, "must be text"),
    ("journal_key_source", "post-it", "must be one of keyring, passphrase"),
])
def test_a_setting_of_the_wrong_type_is_refused(tmp_path, key, value, words):
    with pytest.raises(ConfigError, match=words):
        write(tmp_path, {key: value}).load_config()


def test_a_file_from_before_typed_settings_keeps_its_extra_settings(tmp_path):
    home = write(tmp_path, {"station_id": "old", "extra": {"token_label": "T", "journal_key_source": "passphrase",
                                                           "approval_days": 5}})
    config = home.load_config()
    assert (config.token_label, config.journal_key_source) == ("T", "passphrase")
    assert config.legacy_policy == {"approval_days": 5}
    home.save_config(config)
    saved = json.loads(home.config_path.read_text(encoding="utf-8"))
    assert "extra" not in saved and saved["token_label"] == "T" and saved["approval_days"] == 5
    assert home.load_config() == config


def test_a_misspelt_key_in_an_old_extra_is_refused_too(tmp_path):
    with pytest.raises(ConfigError, match="unknown setting 'aproval_days'") as err:
        write(tmp_path, {"extra": {"aproval_days": 5}}).load_config()
    assert "Did you mean 'approval_days'?" in err.value.hint


def test_the_config_is_frozen():
    with pytest.raises(AttributeError):
        StationConfig().station_id = "other"  # type: ignore[misc]


def test_the_archive_settings_are_typed_too(tmp_path):
    home = write(tmp_path, {"station_id": "s1", "archive": {"location": "/mnt/archive", "documnets": True}})
    with pytest.raises(ConfigError, match="unknown archive setting 'documnets'") as err:
        home.load_config()
    assert str(home.config_path) in err.value.message and "Did you mean 'documents'?" in err.value.hint
    home = write(tmp_path, {"station_id": "s1", "archive": {"location": "/mnt/archive", "documents": True}})
    config = home.load_config()
    assert config.archive.location == "/mnt/archive" and config.archive.documents
    home.save_config(config)
    assert home.load_config() == config
