"""setup.sh --production without root and without a bench: the plan its --dry-run prints (and that
it changes nothing), the options it refuses, the certificate it makes for an intranet, socket.io's
trust in it, and scripts/backup.sh and scripts/restore.sh on folders in a temporary directory.
What only a real server shows (nginx serving HTTPS, supervisor's programs, a restore into a new
site) was checked on one, as docs/deployment.md describes."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SETUP = REPO / "scripts" / "setup.sh"
BACKUP = REPO / "scripts" / "backup.sh"
RESTORE = REPO / "scripts" / "restore.sh"

pytestmark = pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
needs_openssl = pytest.mark.skipif(shutil.which("openssl") is None, reason="needs openssl")
needs_rsync = pytest.mark.skipif(shutil.which("rsync") is None, reason="needs rsync")


def env(tmp_path: Path, **more) -> dict:
	return {
		**os.environ,
		"HOME": str(tmp_path / "home"),
		"SANYOU_BENCH": str(tmp_path / "bench"),
		"SANYOU_SSL_DIR": str(tmp_path / "ssl"),
		**more,
	}


def setup(tmp_path: Path, *args: str, **more) -> subprocess.CompletedProcess:
	return subprocess.run(
		["bash", str(SETUP), *args], capture_output=True, text=True, env=env(tmp_path, **more), timeout=60
	)


def sourced(tmp_path: Path, script: Path, commands: str) -> subprocess.CompletedProcess:
	return subprocess.run(
		["bash", "-c", f'source "{script}" && {commands}'],
		capture_output=True,
		text=True,
		env=env(tmp_path),
		timeout=120,
	)


def test_dry_run_prints_the_production_stack_and_changes_nothing(tmp_path):
	run = setup(
		tmp_path,
		*("--production", "--dry-run", "--site", "rd.liuqiao.gov.cn", "--ip", "10.0.0.5,10.0.0.6"),
		*("--backup-to", "backup@10.0.0.9:/srv/backup/sanyou", "--keep-daily", "7", "--keep-weekly", "4"),
		*("--web-workers", "3", "--bg-workers", "2", "--port", "8090"),
		TZ="UTC",  # a server whose clock is kept in UTC
	)
	assert run.returncode == 0, run.stdout + run.stderr
	out = run.stdout
	bench, ssl = tmp_path / "bench", tmp_path / "ssl"
	for line in (
		"+ bench set-config -g --parse webserver_port 8090",
		"+ bench set-config -g --parse gunicorn_workers 3",
		"+ bench set-config -g --parse background_workers 2",
		"+ bench config dns_multitenant on",
		"subjectAltName = DNS:rd.liuqiao.gov.cn,IP:10.0.0.5,IP:10.0.0.6",
		f"+ bench --site rd.liuqiao.gov.cn set-config ssl_certificate {ssl}/rd.liuqiao.gov.cn.crt",
		f"+ bench --site rd.liuqiao.gov.cn set-config ssl_certificate_key {ssl}/rd.liuqiao.gov.cn.key",
		"+ bench --site rd.liuqiao.gov.cn set-config host_name https://rd.liuqiao.gov.cn",
		"+ bench --site rd.liuqiao.gov.cn set-config allow_tests false",
		"+ bench setup supervisor --yes --user",
		"+ bench setup nginx --yes --log_format combined",
		f"+ ln -sfn {bench}/config/supervisor.conf /etc/supervisor/conf.d/bench.conf",
		f"+ ln -sfn {bench}/config/nginx.conf /etc/nginx/conf.d/bench.conf",
		"+ supervisorctl update",
		"+ supervisorctl start bench-redis:",
		"+ nginx -t",
		# socket.io trusts the system's CAs, which now hold the server's own
		f"+ install -m 0644 {ssl}/ca.crt /usr/local/share/ca-certificates/sanyou-bench-ca.crt",
		"+ update-ca-certificates",
		'environment=NODE_EXTRA_CA_CERTS="/etc/ssl/certs/ca-certificates.crt"',
		"--- /etc/cron.d/sanyou-backup-bench (mode 0644)",
		f"+ curl --cacert {ssl}/ca.crt https://rd.liuqiao.gov.cn/api/method/ping",
	):
		assert line in out, line
	# 02:30 in Beijing, when the office is closed, which a UTC clock reads as 18:30
	assert (
		"# 02:30 Asia/Shanghai, 18:30 by this server's clock (UTC); run setup.sh again if that changes."
		in out
	)
	cron = next(line for line in out.splitlines() if line.startswith("30 18 * * * "))
	assert f"bash {bench}/apps/sanyou_app/scripts/backup.sh --bench {bench}" in cron
	assert "--to backup@10.0.0.9:/srv/backup/sanyou --keep-daily 7 --keep-weekly 4" in cron
	# the steps come in order: settings, certificate, the stack, backups, the check
	order = [out.index(f"=== P{n}.") for n in range(1, 6)]
	assert order == sorted(order)
	assert sorted(p.name for p in tmp_path.iterdir()) == []  # no bench, no certificates, no home


def test_a_server_on_beijing_time_backs_up_at_half_past_two(tmp_path):
	run = setup(
		tmp_path,
		*("--production", "--dry-run", "--site", "rd.liuqiao.gov.cn", "--backup-to", "/mnt/backup/sanyou"),
		TZ="Asia/Shanghai",
	)
	assert run.returncode == 0, run.stdout + run.stderr
	assert "# 02:30 Asia/Shanghai, 02:30 by this server's clock (CST)" in run.stdout
	cron = [line for line in run.stdout.splitlines() if " * * * " in line]
	assert len(cron) == 1 and cron[0].startswith("30 2 * * * "), cron


def test_a_backup_set_is_named_by_the_sites_clock_not_the_servers(tmp_path):
	# 2026-12-06 16:30 UTC is Monday 2026-12-07 00:30 in Beijing: the set belongs to Monday, in
	# the ISO week that starts that day, as the backup files Frappe names inside it do
	monday_in_beijing = 1796574600
	run = subprocess.run(
		["bash", "-c", f'source "{BACKUP}" && set_stamp {monday_in_beijing} && set_week {monday_in_beijing}'],
		capture_output=True,
		text=True,
		env={**env(tmp_path), "TZ": "UTC"},
		timeout=60,
	)
	assert run.returncode == 0, run.stderr
	assert run.stdout.split() == ["2026-12-07_003000", "2026-W50"]


def test_the_organisations_certificate_is_used_as_given(tmp_path):
	run = setup(
		tmp_path,
		*("--production", "--dry-run", "--site", "rd.liuqiao.gov.cn", "--backup-to", "/mnt/backup"),
		*("--cert", "/root/fullchain.pem", "--key", "/root/key.pem"),
	)
	assert run.returncode == 0, run.stdout + run.stderr
	ssl = tmp_path / "ssl"
	assert f"+ install -m 0644 /root/fullchain.pem {ssl}/rd.liuqiao.gov.cn.crt" in run.stdout
	assert f"+ install -m 0600 /root/key.pem {ssl}/rd.liuqiao.gov.cn.key" in run.stdout
	assert "openssl req" not in run.stdout  # no CA of our own
	assert 'NODE_EXTRA_CA_CERTS="/etc/ssl/certs/ca-certificates.crt"' in run.stdout
	assert "update-ca-certificates" not in run.stdout  # issued by a CA the system knows
	assert "+ curl https://rd.liuqiao.gov.cn/api/method/ping" in run.stdout


def test_the_ca_of_the_organisations_certificate_becomes_one_the_server_trusts(tmp_path):
	run = setup(
		tmp_path,
		*("--production", "--dry-run", "--site", "rd.liuqiao.gov.cn", "--backup-to", "/mnt/backup"),
		*("--cert", "/root/fullchain.pem", "--key", "/root/key.pem", "--ca", "/root/org-root.pem"),
	)
	assert run.returncode == 0, run.stdout + run.stderr
	ssl = tmp_path / "ssl"
	for line in (
		f"+ install -m 0644 /root/org-root.pem {ssl}/rd.liuqiao.gov.cn-ca.crt",
		f"+ install -m 0644 {ssl}/rd.liuqiao.gov.cn-ca.crt "
		"/usr/local/share/ca-certificates/sanyou-rd.liuqiao.gov.cn-ca.crt",
		"+ update-ca-certificates",
		'environment=NODE_EXTRA_CA_CERTS="/etc/ssl/certs/ca-certificates.crt"',
	):
		assert line in run.stdout, line
	out = run.stdout
	# trusted before the check that calls the site over HTTPS from the server itself
	assert out.index("+ update-ca-certificates") < out.index("+ curl https://rd.liuqiao.gov.cn")


@pytest.mark.parametrize(
	"cert",
	[[], ["--cert", "/home/frappe/certs/fullchain.pem", "--key", "/home/frappe/certs/key.pem"]],
	ids=["own-ca", "organisations-cert"],
)
def test_run_by_the_bench_user_everything_outside_the_bench_is_done_with_sudo(tmp_path, cert):
	# the usual server: the bench belongs to a user "frappe" who may sudo; the default folders
	# (/etc/sanyou/ssl, the backup disk) are root's
	bin_dir = tmp_path / "bin"
	bin_dir.mkdir()
	(bin_dir / "id").write_text(
		'#!/bin/bash\ncase "$1" in -u) echo 1002;; -un|-gn) echo frappe;; *) exec /usr/bin/id "$@";; esac\n'
	)
	(bin_dir / "id").chmod(0o755)
	environ = env(tmp_path, PATH=f"{bin_dir}:{os.environ['PATH']}")
	del environ["SANYOU_SSL_DIR"]
	run = subprocess.run(
		["bash", str(SETUP), "--production", "--dry-run", "--site", "rd.liuqiao.gov.cn"]
		+ ["--backup-to", "/mnt/backup/sanyou", *cert],
		capture_output=True,
		text=True,
		env=environ,
		timeout=60,
	)
	assert run.returncode == 0, run.stdout + run.stderr
	commands = [line[2:] for line in run.stdout.splitlines() if line.startswith("+ ")]
	system = ("/etc/", "/usr/local/share/", "/mnt/backup", "service ", "supervisorctl", "nginx ")
	as_user = [
		c
		for c in commands
		if any(s in c for s in system)
		and not c.startswith(("sudo ", "bench ", "curl "))
		and not c.endswith(f"{tmp_path}/bench/config/supervisor.conf")  # the bench's own file
	]
	assert as_user == []
	assert "sudo install -d -o frappe -g frappe -m 0750 /mnt/backup/sanyou" in commands
	if cert:
		assert (
			"sudo install -m 0600 /home/frappe/certs/key.pem /etc/sanyou/ssl/rd.liuqiao.gov.cn.key"
			in commands
		)
	else:
		assert "sudo chmod 600 /etc/sanyou/ssl/ca.key" in commands


@pytest.mark.parametrize(
	"args, says",
	[
		(["--site", "rd.liuqiao.gov.cn"], "--production needs --backup-to"),
		(
			["--site", "rd.liuqiao.gov.cn", "--backup-to", "/mnt/b", "--cert", "/x.pem"],
			"--cert and --key go together",
		),
		(["--site", "sanyou.localhost", "--backup-to", "/mnt/b"], "serves the site under its own name"),
		(
			["--site", "rd.liuqiao.gov.cn", "--backup-to", "/mnt/b", "--ca", "/root.pem"],
			"--ca goes with --cert",
		),
		(
			["--site", "rd.liuqiao.gov.cn", "--backup-to", "/mnt/b", "--keep-daily", "two"],
			"not a number: two",
		),
	],
	ids=["no-backup-target", "cert-without-key", "localhost", "ca-without-cert", "bad-number"],
)
def test_production_refuses_what_it_cannot_serve(tmp_path, args, says):
	# not a dry run: refused before any package is installed or file written
	run = setup(tmp_path, "--production", *args)
	assert run.returncode == 2, run.stdout + run.stderr
	assert says in run.stdout
	assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_dry_run_is_only_for_production(tmp_path):
	run = setup(tmp_path, "--dry-run")
	assert run.returncode == 2
	assert "use it with --production" in run.stdout


@needs_openssl
def test_the_intranet_certificate_names_the_site_and_addresses_and_is_kept(tmp_path):
	ssl = tmp_path / "ssl"
	make = f'DRY_RUN=0; make_ca "{ssl}" && make_site_cert "{ssl}" rd.liuqiao.gov.cn 10.0.0.5,10.0.0.6'
	run = sourced(tmp_path, SETUP, make)
	assert run.returncode == 0, run.stdout + run.stderr
	crt, key = ssl / "rd.liuqiao.gov.cn.crt", ssl / "rd.liuqiao.gov.cn.key"
	verify = subprocess.run(
		["openssl", "verify", "-CAfile", str(ssl / "ca.crt"), str(crt)], capture_output=True, text=True
	)
	assert verify.stdout.strip().endswith(": OK"), verify.stdout + verify.stderr
	text = subprocess.run(
		["openssl", "x509", "-in", str(crt), "-noout", "-text"], capture_output=True, text=True
	)
	assert "DNS:rd.liuqiao.gov.cn, IP Address:10.0.0.5, IP Address:10.0.0.6" in text.stdout
	assert "TLS Web Server Authentication" in text.stdout
	assert (key.stat().st_mode & 0o777, (ssl / "ca.key").stat().st_mode & 0o777) == (0o600, 0o600)
	covers = sourced(
		tmp_path,
		SETUP,
		f'cert_covers "{crt}" rd.liuqiao.gov.cn 10.0.0.5 && echo yes; '
		f'cert_covers "{crt}" rd.other.gov.cn "" || echo "not other"; '
		f'cert_covers "{crt}" rd.liuqiao.gov.cn 10.0.0.7 || echo "not .7"',
	)
	assert covers.stdout.split("\n")[:3] == ["yes", "not other", "not .7"], covers.stdout + covers.stderr
	# a second run keeps the CA and a certificate that still covers everything
	before = (crt.read_bytes(), (ssl / "ca.crt").read_bytes())
	again = sourced(tmp_path, SETUP, make)
	assert again.returncode == 0 and "is valid: kept" in again.stdout
	assert (crt.read_bytes(), (ssl / "ca.crt").read_bytes()) == before
	# a new address: a new certificate from the same CA, which the PCs already trust
	wider = sourced(tmp_path, SETUP, make + ",10.0.0.7")
	assert wider.returncode == 0, wider.stderr
	assert crt.read_bytes() != before[0] and (ssl / "ca.crt").read_bytes() == before[1]


@needs_openssl
def test_an_organisations_key_that_is_not_the_certificates_is_refused(tmp_path):
	ssl = tmp_path / "ssl"
	run = sourced(
		tmp_path,
		SETUP,
		f'DRY_RUN=0; make_ca "{ssl}/a" && make_ca "{ssl}/b" && '
		f'PROD_CERT="{ssl}/a/ca.crt"; PROD_KEY="{ssl}/b/ca.key"; '
		f'install_given_cert "{ssl}/site" rd.liuqiao.gov.cn || echo "refused: $?"',
	)
	assert "is not the key of" in run.stdout and "refused: 1" in run.stdout, run.stdout + run.stderr
	assert not (ssl / "site").exists()


def organisation_pki(tmp_path: Path) -> Path:
	"""An organisation's PKI as its IT department hands it over: a root CA no system trusts, an
	intermediate, and the site's certificate (fullchain.pem: the site's first, then the
	intermediate) with its key."""
	pki = tmp_path / "org"
	pki.mkdir()

	def ssl(*args: str) -> None:
		subprocess.run(["openssl", *args], cwd=pki, check=True, capture_output=True)

	(pki / "ca.ext").write_text("basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n")
	(pki / "site.ext").write_text(
		"basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\n"
		"extendedKeyUsage=serverAuth\nsubjectAltName=DNS:rd.liuqiao.gov.cn\n"
	)
	ssl(
		"req",
		"-x509",
		"-newkey",
		"rsa:2048",
		"-nodes",
		"-keyout",
		"root.key",
		"-out",
		"root.crt",
		"-days",
		"30",
		"-subj",
		"/O=Liuqiao/CN=Liuqiao Root CA",
		"-extensions",
		"v3_ca",
	)
	for name, signer, subject, ext in (
		("int", "root", "/O=Liuqiao/CN=Liuqiao Server CA", "ca.ext"),
		("site", "int", "/O=Liuqiao/CN=rd.liuqiao.gov.cn", "site.ext"),
	):
		ssl(
			"req",
			"-newkey",
			"rsa:2048",
			"-nodes",
			"-keyout",
			f"{name}.key",
			"-out",
			f"{name}.csr",
			"-subj",
			subject,
		)
		ssl(
			"x509",
			"-req",
			"-in",
			f"{name}.csr",
			"-CA",
			f"{signer}.crt",
			"-CAkey",
			f"{signer}.key",
			"-CAcreateserial",
			"-days",
			"30",
			"-extfile",
			ext,
			"-out",
			f"{name}.crt",
		)
	(pki / "fullchain.pem").write_text((pki / "site.crt").read_text() + (pki / "int.crt").read_text())
	return pki


@needs_openssl
def test_an_organisations_certificate_from_a_ca_the_server_does_not_know_needs_that_ca(tmp_path):
	pki, ssl = organisation_pki(tmp_path), tmp_path / "ssl"

	def install(cert: str, ca: str = "") -> subprocess.CompletedProcess:
		return sourced(
			tmp_path,
			SETUP,
			f'DRY_RUN=0; PROD_CERT="{pki / cert}"; PROD_KEY="{pki / "site.key"}"; PROD_CA="{ca}"; '
			f'install_given_cert "{ssl}" rd.liuqiao.gov.cn || echo "refused: $?"',
		)

	# without the root: refused, saying what to give
	run = install("fullchain.pem")
	assert "refused: 1" in run.stdout and "give that CA's root" in run.stdout, run.stdout + run.stderr
	assert not ssl.exists()
	# the site's certificate without its intermediate does not lead to the root
	run = install("site.crt", str(pki / "root.crt"))
	assert "refused: 1" in run.stdout and "with its intermediates" in run.stdout, run.stdout + run.stderr
	assert not ssl.exists()
	# with its chain and its root: copied, the root beside it for the system to trust
	run = install("fullchain.pem", str(pki / "root.crt"))
	assert run.returncode == 0 and "refused" not in run.stdout, run.stdout + run.stderr
	assert (ssl / "rd.liuqiao.gov.cn.crt").read_bytes() == (pki / "fullchain.pem").read_bytes()
	assert (ssl / "rd.liuqiao.gov.cn-ca.crt").read_bytes() == (pki / "root.crt").read_bytes()
	assert (ssl / "rd.liuqiao.gov.cn.key").stat().st_mode & 0o777 == 0o600


def test_socketio_is_told_of_the_ca_once(tmp_path):
	conf = tmp_path / "supervisor.conf"
	conf.write_text(
		"[program:b-frappe-web]\ncommand=gunicorn\n\n[program:b-node-socketio]\ncommand=bench socketio\n"
		"user=frappe\n\n[program:b-redis-cache]\ncommand=redis-server\n"
	)
	run = sourced(
		tmp_path,
		SETUP,
		f'DRY_RUN=0; for i in 1 2; do socketio_trusts_ca "{conf}" b /etc/sanyou/ssl/ca.crt; done',
	)
	assert run.returncode == 0, run.stderr
	lines = conf.read_text().splitlines()
	assert lines.count('environment=NODE_EXTRA_CA_CERTS="/etc/sanyou/ssl/ca.crt"') == 1
	assert lines[lines.index("[program:b-node-socketio]") + 1].startswith("environment=NODE_EXTRA_CA_CERTS=")


# --- backups ---------------------------------------------------------------------------------------
def fake_bench_cli(tmp_path: Path) -> Path:
	"""`bench --site S backup --with-files --backup-path DIR` writing files named as Frappe names them
	(the bench's own backup is run on a real server; here the copying and the rotation are tested)."""
	cli = tmp_path / "cli"
	(cli / "bin").mkdir(parents=True)
	(cli / "bin" / "bench").write_text(
		"#!/usr/bin/env bash\n"
		"site=$2; dir=${@: -1}; stamp=$(date +%Y%m%d_%H%M%S)-${site//./_}\n"
		'echo "db of $site $RANDOM" | gzip >"$dir/$stamp-database.sql.gz"\n'
		'echo "public" >"$dir/$stamp-files.tar"; echo "private" >"$dir/$stamp-private-files.tar"\n'
		'echo \'{"encryption_key": "k-\'$site\'"}\' >"$dir/$stamp-site_config_backup.json"\n'
	)
	(cli / "bin" / "bench").chmod(0o755)
	return cli


@needs_rsync
def test_backup_copies_checked_sets_and_keeps_the_newest(tmp_path):
	bench = tmp_path / "bench"
	for site in ("rd.liuqiao.gov.cn", "rd.other.gov.cn"):
		(bench / "sites" / site).mkdir(parents=True)
		(bench / "sites" / site / "site_config.json").write_text("{}")
	target = tmp_path / "second-disk"
	cli = fake_bench_cli(tmp_path)
	for _ in range(3):
		run = subprocess.run(
			[
				"bash",
				str(BACKUP),
				"--bench",
				str(bench),
				"--to",
				str(target),
				"--keep-daily",
				"2",
				"--keep-weekly",
				"1",
			],
			capture_output=True,
			text=True,
			env=env(tmp_path, SANYOU_BENCH_CLI=str(cli)),
			timeout=60,
		)
		assert run.returncode == 0, run.stdout + run.stderr
		subprocess.run(["sleep", "1.1"])  # sets are named by the second
	daily = sorted(p.name for p in (target / "daily").iterdir())
	weekly = sorted(p.name for p in (target / "weekly").iterdir())
	assert len(daily) == 2 and len(weekly) == 1, (daily, weekly)
	for name in daily:
		for site in ("rd.liuqiao.gov.cn", "rd.other.gov.cn"):
			folder = target / "daily" / name / site
			check = subprocess.run(
				["sha256sum", "-c", "SHA256SUMS"], cwd=folder, capture_output=True, text=True
			)
			assert check.returncode == 0 and check.stdout.count(": OK") == 4, check.stdout
	assert not (bench / "backups-outgoing").exists()  # nothing left behind on the server's disk


def test_backup_rotation_keeps_the_rule(tmp_path):
	target = tmp_path / "t"
	for day in range(1, 21):
		(target / "daily" / f"2026-11-{day:02d}_023000" / "s").mkdir(parents=True)
		(target / "daily" / f"2026-11-{day:02d}_023000" / "s" / "db").write_text(str(day))
	for week in range(36, 48):
		(target / "weekly" / f"2026-W{week}").mkdir(parents=True)
	run = sourced(
		tmp_path,
		BACKUP,
		f'DEST="{target}"; KEEP_DAILY=14; KEEP_WEEKLY=8; bash -c "$(rotate_command 2026-11-20_023000 2026-W48)"',
	)
	assert run.returncode == 0, run.stderr
	daily = sorted(p.name for p in (target / "daily").iterdir())
	assert daily == [f"2026-11-{d:02d}_023000" for d in range(7, 21)]
	weekly = sorted(p.name for p in (target / "weekly").iterdir())
	assert weekly == [f"2026-W{w}" for w in range(41, 49)]
	# the week's set is the day's, hard-linked: no second copy of the bytes
	day_db = target / "daily" / "2026-11-20_023000" / "s" / "db"
	assert (target / "weekly" / "2026-W48" / "s" / "db").stat().st_ino == day_db.stat().st_ino


def test_restore_finds_each_file_and_refuses_a_damaged_set(tmp_path):
	folder = tmp_path / "set"
	folder.mkdir()
	names = {
		"database": "20261203_023000-rd_liuqiao_gov_cn-database.sql.gz",
		"files": "20261203_023000-rd_liuqiao_gov_cn-files.tar",
		"private-files": "20261203_023000-rd_liuqiao_gov_cn-private-files.tar",
		"site_config": "20261203_023000-rd_liuqiao_gov_cn-site_config_backup.json",
	}
	for name in names.values():
		(folder / name).write_text(name)
	found = sourced(tmp_path, RESTORE, " && ".join(f'set_file "{folder}" {kind}' for kind in names))
	assert found.stdout.split() == [str(folder / n) for n in names.values()], found.stderr
	subprocess.run("sha256sum -- * >SHA256SUMS", shell=True, cwd=folder, check=True)
	(folder / names["private-files"]).write_text("changed on the way")
	bench = tmp_path / "bench"
	bench.mkdir()
	run = subprocess.run(
		[
			"bash",
			str(RESTORE),
			"--bench",
			str(bench),
			"--from",
			str(folder),
			"--site",
			"restore-check.example.cn",
		],
		capture_output=True,
		text=True,
		env=env(tmp_path),
		timeout=60,
	)
	assert run.returncode == 1 and "does not match its SHA256SUMS: not restored" in run.stdout
	assert list(bench.iterdir()) == []
