"""The docs cannot drift: every command is in the README, every config key in the example."""
import dataclasses
import re
import tomllib
from pathlib import Path

from bot.cli import cli
from bot.config import Config, load_config

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
EXAMPLE = ROOT / "config.example.toml"


def test_every_command_is_in_the_readme_with_an_example():
    for name, command in cli.commands.items():
        assert f"jianfu {name}" in README, f"README does not mention `jianfu {name}`"
        assert "Example:" in (command.help or ""), f"`jianfu {name}` has no Example: in its help"


def test_the_two_commands_are_in_the_readme():
    assert "make demo" in README and "make test" in README


def test_every_config_key_is_documented_in_the_example():
    example = tomllib.loads(EXAMPLE.read_text(encoding="utf-8"))
    for field in dataclasses.fields(Config):
        assert field.name in example, f"config.example.toml lacks `{field.name}`"
        section = getattr(Config(), field.name)
        if dataclasses.is_dataclass(section):
            for sub in dataclasses.fields(section):
                assert sub.name in example[field.name], f"[{field.name}] lacks `{sub.name}`"


def test_every_key_in_the_example_has_a_comment_and_loads():
    """Each key sits in a block (lines between blank lines) that has a comment explaining it."""
    blocks = EXAMPLE.read_text(encoding="utf-8").split("\n\n")
    for block in blocks:
        keys = [line for line in block.splitlines() if re.match(r"^[a-z_]+\s*=", line)]
        if keys:
            assert "#" in block, f"undocumented: {keys}"
    config = load_config(EXAMPLE, environ={})
    assert config.timezone == "Asia/Shanghai" and not config.telegram.enabled


def test_environment_overrides_and_secrets_stay_out_of_repr():
    config = load_config(EXAMPLE, environ={"JIANFU_TELEGRAM_TOKEN": "123:secret-token",
                                          "JIANFU_WECHAT_TOKEN": "wx-secret"})
    assert config.telegram.token == "123:secret-token" and config.telegram.enabled
    assert "secret" not in repr(config)
