"""scripts/setup.sh and .ci/run, without a bench: their syntax, setup.sh's --check on a machine
without a bench, and the steps that touch a bench's app folder and assets, run on a fake bench
in a temporary folder (both scripts define their functions and stop when sourced)."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SETUP = REPO / "scripts" / "setup.sh"
CI = REPO / ".ci" / "run"
SETUP_TWICE = REPO / ".ci" / "setup-twice"

pytestmark = pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")


def bash(script: str, bench: Path, **env) -> subprocess.CompletedProcess:
	return subprocess.run(
		["bash", "-c", script],
		capture_output=True,
		text=True,
		env={**os.environ, "SANYOU_BENCH": str(bench), **env},
		timeout=60,
	)


def fake_bench(tmp_path: Path) -> Path:
	bench = tmp_path / "frappe-bench"
	(bench / "apps" / "frappe").mkdir(parents=True)
	(bench / "sites" / "assets").mkdir(parents=True)
	(bench / "sites" / "apps.txt").write_text("frappe\nsanyou_app\n")
	(bench / "sites" / "common_site_config.json").write_text('{\n "default_site": "dev.localhost"\n}')
	return bench


@pytest.mark.parametrize("script", [SETUP, CI, SETUP_TWICE], ids=lambda p: p.name)
def test_syntax(script):
	subprocess.run(["bash", "-n", str(script)], check=True)


def test_help_lists_the_options():
	out = subprocess.run(["bash", str(SETUP), "--help"], capture_output=True, text=True, check=True).stdout
	for option in ("--frappe-path", "--no-serve", "--check"):
		assert option in out
	assert "set -euo" not in out


def test_check_without_a_bench_reports_and_changes_nothing(tmp_path):
	bench = tmp_path / "nothing-here"
	run = subprocess.run(
		["bash", str(SETUP), "--check"],
		capture_output=True,
		text=True,
		env={**os.environ, "SANYOU_BENCH": str(bench), "HOME": str(tmp_path / "home")},
		timeout=60,
	)
	assert run.returncode == 1
	assert f"MISSING  Frappe bench ({bench})" in run.stdout
	assert not bench.exists() and not (tmp_path / "home").exists()


def test_setup_links_the_checkout_over_a_folder_moved_aside(tmp_path):
	bench = fake_bench(tmp_path)
	app = bench / "apps" / "sanyou_app"
	(app / "sanyou_app").mkdir(parents=True)  # as `bench get-app` leaves it
	(app / "marker").write_text("old copy")
	run = bash(f'source "{SETUP}" && link_app && link_app && app_is_linked', bench)
	assert run.returncode == 0, run.stderr
	assert app.is_symlink() and app.resolve() == REPO
	aside = list(bench.glob("sanyou_app.moved-aside-*"))
	assert len(aside) == 1 and (aside[0] / "marker").read_text() == "old copy"
	assert not (REPO / "sanyou_app.moved-aside").exists()


def test_setup_replaces_a_link_to_another_checkout(tmp_path):
	bench = fake_bench(tmp_path)
	other = tmp_path / "other-checkout"
	other.mkdir()
	(bench / "apps" / "sanyou_app").symlink_to(other)
	run = bash(f'source "{SETUP}" && link_app', bench)
	assert run.returncode == 0, run.stderr
	assert (bench / "apps" / "sanyou_app").resolve() == REPO
	assert not list(other.iterdir())  # nothing linked inside the other checkout
	assert not list(bench.glob("sanyou_app.moved-aside-*"))


def snapshot(bench: Path) -> dict:
	out = {}
	for path in sorted([bench / "apps" / "sanyou_app", *(bench / "sites").rglob("*")]):
		key = str(path.relative_to(bench))
		if path.is_symlink():
			out[key] = ("link", os.readlink(path))
		elif path.is_file():
			out[key] = ("file", path.read_text())
		elif path.is_dir():
			out[key] = ("dir", sorted(p.name for p in path.iterdir()))
	return out


def borrow_and_return(bench: Path, between: str = "") -> subprocess.CompletedProcess:
	# no env/bin/python in the fake bench: the editable install is left out
	return bash(f'source "{CI}" && borrow_bench && {between or "true"} && return_bench', bench)


@pytest.mark.parametrize("found", ["folder", "link", "none"])
def test_ci_gives_the_bench_back_as_it_found_it(tmp_path, found):
	bench = fake_bench(tmp_path)
	app = bench / "apps" / "sanyou_app"
	previous = tmp_path / "developer-checkout"
	(previous / "sanyou_app" / "public").mkdir(parents=True)
	if found == "folder":
		shutil.copytree(previous, app)
		(app / "marker").write_text("get-app copy")
		(bench / "sites" / "assets" / "sanyou_app").symlink_to(app / "sanyou_app" / "public")
	elif found == "link":
		app.symlink_to(previous)
		(bench / "sites" / "assets" / "sanyou_app").symlink_to(previous / "sanyou_app" / "public")
	assets = bench / "sites" / "assets"
	(assets / "assets.json").write_text('{"sanyou_desk.bundle.js": "/assets/sanyou_app/dist/js/old.js"}')
	(assets / "assets-rtl.json").write_text("{}")
	before = snapshot(bench)
	# what the integration suite does to the bench in between: a build from this checkout
	between = (
		'[ "$(cd "$BENCH/apps/sanyou_app" && pwd -P)" = "$(cd "$REPO" && pwd -P)" ]'
		' && ln -sfn "$REPO/sanyou_app/public" "$BENCH/sites/assets/sanyou_app"'
		' && echo "{\\"sanyou_desk.bundle.js\\": \\"new\\"}" >"$BENCH/sites/assets/assets.json"'
		' && echo "sanyou_app" >>"$BENCH/sites/apps.txt"'
		# setup.sh's second run: `bench use` names the CI site the bench's default
		' && echo "{\\"default_site\\": \\"ci.localhost\\"}" >"$BENCH/sites/common_site_config.json"'
		' && echo ci.localhost >"$BENCH/sites/currentsite.txt"'
	)
	run = borrow_and_return(bench, between)
	assert run.returncode == 0, run.stdout + run.stderr
	assert snapshot(bench) == before
	assert not (bench / ".sanyou-ci-borrowed").exists()


def test_ci_puts_back_what_an_interrupted_run_borrowed(tmp_path):
	bench = fake_bench(tmp_path)
	app = bench / "apps" / "sanyou_app"
	app.mkdir()
	(app / "marker").write_text("get-app copy")
	before = snapshot(bench)
	run = bash(f'source "{CI}" && borrow_bench', bench)  # and then killed
	assert run.returncode == 0, run.stderr
	assert app.resolve() == REPO
	run = borrow_and_return(bench)  # the next run
	assert run.returncode == 0, run.stdout + run.stderr
	assert "interrupted run" in run.stdout
	assert snapshot(bench) == before


def test_setup_finds_nothing_running_in_an_idle_bench(tmp_path):
	# under set -euo pipefail, as the script runs: an empty answer is no failure
	bench = fake_bench(tmp_path)
	run = bash(
		f'source "{SETUP}" && busy=$(bench_busy) && others=$(other_bench_start) && echo "[$busy][$others]"',
		bench,
	)
	assert run.returncode == 0, run.stderr
	assert run.stdout.strip() == "[][]"


def fake_checkout(tmp_path: Path) -> Path:
	"""A checkout whose bundles the fake bench's asset map names, built after their sources."""
	checkout = tmp_path / "checkout"
	public = checkout / "sanyou_app" / "public"
	(public / "js").mkdir(parents=True)
	(public / "dist" / "js").mkdir(parents=True)
	(public / "js" / "desk.bundle.js").write_text("// source")
	(checkout / "package.json").write_text("{}")
	old = 1_700_000_000
	for source in (public / "js" / "desk.bundle.js", checkout / "package.json"):
		os.utime(source, (old, old))
	(public / "dist" / "js" / "desk.bundle.ABC.js").write_text("// built")
	return checkout


def app_built(bench: Path, checkout: Path) -> bool:
	run = bash(f'source "{SETUP}" && REPO="{checkout}" && app_built', bench)
	assert run.returncode in (0, 1), run.stderr
	return run.returncode == 0


def test_setup_builds_again_only_when_the_sources_changed(tmp_path):
	bench, checkout = fake_bench(tmp_path), fake_checkout(tmp_path)
	public = checkout / "sanyou_app" / "public"
	assert not app_built(bench, checkout)  # no asset map yet
	(bench / "sites" / "assets" / "assets.json").write_text(
		'{"desk.bundle.js": "/assets/sanyou_app/dist/js/desk.bundle.ABC.js"}'
	)
	assert not app_built(bench, checkout)  # the bench serves no assets from this checkout
	(bench / "sites" / "assets" / "sanyou_app").symlink_to(public)
	assert app_built(bench, checkout)  # a second run skips bench build
	(public / "js" / "desk.bundle.js").write_text("// changed")
	assert not app_built(bench, checkout)
	(public / "dist" / "js" / "desk.bundle.ABC.js").write_text("// built again")
	assert app_built(bench, checkout)
	(checkout / "package.json").write_text('{"dependencies": {}}')
	assert not app_built(bench, checkout)
	(public / "dist" / "js" / "desk.bundle.ABC.js").unlink()  # a map naming a bundle that is gone
	os.utime(checkout / "package.json", (1_700_000_000, 1_700_000_000))
	assert not app_built(bench, checkout)


def test_setup_twice_runs_only_on_a_bench_running_this_checkout(tmp_path):
	bench = fake_bench(tmp_path)
	(bench / "apps" / "sanyou_app").symlink_to(tmp_path)
	run = bash(f'bash "{SETUP_TWICE}"', bench)
	assert run.returncode == 2
	assert "is not this checkout" in run.stdout
	assert sorted(p.name for p in (bench / "sites").iterdir()) == [
		"apps.txt",
		"assets",
		"common_site_config.json",
	]


def redis_bench(tmp_path: Path, name: str, ports: dict) -> Path:
	bench = fake_bench(tmp_path / name)
	(bench / "config").mkdir()
	for conf, port in ports.items():
		(bench / "config" / f"{conf}.conf").write_text(f'port {port}\nbind 127.0.0.1\ndir {bench}\nsave ""\n')
	return bench


def free_ports(n: int) -> list[int]:
	import socket

	socks = [socket.socket() for _ in range(n)]
	for s in socks:
		s.bind(("127.0.0.1", 0))
	ports = [s.getsockname()[1] for s in socks]
	for s in socks:
		s.close()
	return ports


@pytest.mark.skipif(not shutil.which("redis-server"), reason="needs redis-server")
def test_setup_neither_uses_nor_stops_another_benchs_redis_on_its_ports(tmp_path):
	# two benches in different folders, given the same ports (as `bench init` does)
	cache, queue = free_ports(2)
	ports = {"redis_cache": cache, "redis_queue": queue}
	other = redis_bench(tmp_path, "other", ports)
	ours = redis_bench(tmp_path, "ours", ports)
	up = f'source "{SETUP}" && bench_redis_up'
	down = f'source "{SETUP}" && bench_redis_down'
	ping = f'source "{SETUP}" && redis_up {cache} && redis_up {queue}'
	try:
		started = bash(up, other)
		assert started.returncode == 0, started.stdout + started.stderr
		refused = bash(up, ours)
		assert refused.returncode == 1
		assert (
			f"Port {cache} answers with another Redis ({other}/config/redis_cache.conf), "
			f"not this bench's ({ours}/config/redis_cache.conf)." in refused.stdout
		)
		# every port the two benches share is named, the socket.io server's too
		for setting in ("redis_socketio", "socketio_port", "file_watcher_port"):
			assert setting in refused.stdout
		bash(down, ours)
		assert bash(ping, other).returncode == 0  # the other bench's still serve it
		again = bash(up, other)  # its own: used as they are
		assert again.returncode == 0, again.stdout
		assert bash(down, other).returncode == 0
		assert bash(ping, other).returncode == 1  # its own stopped
	finally:
		for port in ports.values():
			subprocess.run(["redis-cli", "-p", str(port), "shutdown", "nosave"], capture_output=True)
