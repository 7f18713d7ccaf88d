#!/usr/bin/env bash
# Everything sanyou_app needs on a fresh Debian 12 / Ubuntu 22.04+ machine with internet, then the
# demo served at http://127.0.0.1:8000 (see README, "Quick start"):
#
#   1. OS packages: MariaDB, Redis, wkhtmltopdf, fonts-noto-cjk, poppler-utils, chromium, Node + yarn
#   2. MariaDB in utf8mb4, root password $SANYOU_DB_ROOT_PASSWORD (default root)
#   3. a Frappe v15 bench: `bench init --frappe-branch version-15` from Frappe's public repository,
#      or from a local copy with --frappe-path PATH
#   4. this checkout linked into the bench as apps/sanyou_app, a site with the app and the demo
#   5. `bench start` (web, workers, scheduler, Redis) unless --no-serve
#
# Where: the bench at $SANYOU_BENCH, else beside this checkout (<checkout>/../frappe-bench); the
# site $SANYOU_SITE (default sanyou.localhost). Runs as root or as a user with sudo. Safe to run
# again: each step is skipped when it is done already.
#
#   bash scripts/setup.sh [--frappe-path PATH_OR_URL] [--no-serve]
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH=${SANYOU_BENCH:-$(cd "$REPO/.." && pwd)/frappe-bench}
SITE=${SANYOU_SITE:-sanyou.localhost}
DB_ROOT_PASSWORD=${SANYOU_DB_ROOT_PASSWORD:-root}
PORT=${SANYOU_PORT:-8000}
FRAPPE_PATH=https://github.com/frappe/frappe
SERVE=1
while [ $# -gt 0 ]; do
	case "$1" in
	--frappe-path) FRAPPE_PATH=$2; shift 2 ;;
	--no-serve) SERVE=0; shift ;;
	-h | --help) sed -n '2,17p' "$0"; exit 0 ;;
	*) echo "unknown option: $1 (see --help)"; exit 2 ;;
	esac
done

say() { printf '\n=== %s\n' "$*"; }
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO=sudo

# --- 1. OS packages ---------------------------------------------------------------------------
say "OS packages"
node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }
packages=(git curl build-essential pkg-config python3-dev python3-venv python3-pip
	mariadb-server mariadb-client libmariadb-dev redis-server
	wkhtmltopdf fonts-noto-cjk poppler-utils xvfb cron)
# Node 18 or newer (Frappe v15's assets need it): the distribution's, unless one is installed
# already (a NodeSource Node brings its own npm and conflicts with the distribution's)
[ "$(node_major)" -ge 18 ] || packages+=(nodejs npm)
$SUDO apt-get update -q
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${packages[@]}"
if [ "$(node_major)" -lt 18 ]; then
	echo "Frappe v15 needs Node.js 18 or newer; this distribution's is $(node -v 2>/dev/null || echo missing)."
	echo "Install a newer one (e.g. from NodeSource) and run this script again."
	exit 1
fi
# Debian packages chromium as "chromium"; the browser tests skip (and say so) without it
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium ||
	echo "chromium is not available as a Debian package here: the browser tests will be skipped"
command -v yarn >/dev/null || $SUDO npm install -g yarn

# --- 2. MariaDB -------------------------------------------------------------------------------
say "MariaDB (utf8mb4, root password set from SANYOU_DB_ROOT_PASSWORD)"
if [ ! -f /etc/mysql/mariadb.conf.d/99-frappe.cnf ]; then
	$SUDO tee /etc/mysql/mariadb.conf.d/99-frappe.cnf >/dev/null <<'EOF'
[mysqld]
character-set-client-handshake = FALSE
character-set-server = utf8mb4
collation-server = utf8mb4_unicode_ci
bind-address = 127.0.0.1

[mysql]
default-character-set = utf8mb4
EOF
fi
$SUDO service mariadb restart >/dev/null 2>&1 || $SUDO service mysql restart
if ! mysqladmin -uroot -p"$DB_ROOT_PASSWORD" -h127.0.0.1 status >/dev/null 2>&1; then
	$SUDO mariadb -uroot -e "ALTER USER 'root'@'localhost' IDENTIFIED VIA mysql_native_password USING PASSWORD('$DB_ROOT_PASSWORD') OR unix_socket; FLUSH PRIVILEGES;"
fi
$SUDO service redis-server start >/dev/null 2>&1 || true

# --- 3. the bench -----------------------------------------------------------------------------
BENCH_CLI="$HOME/.local/share/sanyou-bench-cli"
if [ ! -x "$BENCH_CLI/bin/bench" ]; then
	say "bench CLI (frappe-bench from PyPI, in $BENCH_CLI)"
	python3 -m venv "$BENCH_CLI"
	"$BENCH_CLI/bin/pip" install -q frappe-bench
fi
bench() { "$BENCH_CLI/bin/bench" "$@"; }
export PATH="$BENCH_CLI/bin:$PATH"

if [ ! -d "$BENCH/apps/frappe" ]; then
	say "bench init $BENCH (Frappe version-15 from $FRAPPE_PATH)"
	# bench refuses root unless the working folder's sites/common_site_config.json names frappe_user
	shim=$(mktemp -d)
	mkdir -p "$shim/sites"
	echo "{\"frappe_user\": \"$(id -un)\"}" >"$shim/sites/common_site_config.json"
	(cd "$shim" && bench init --frappe-path "$FRAPPE_PATH" --frappe-branch version-15 --no-backups "$BENCH")
	rm -rf "$shim"
	# googleapiclient, imported by Frappe, still needs pkg_resources
	"$BENCH/env/bin/python" -m pip install -q "setuptools<81"
fi

# --- 4. the app, a site and the demo ------------------------------------------------------------
say "sanyou_app: $REPO linked into $BENCH/apps"
ln -sfn "$REPO" "$BENCH/apps/sanyou_app"
"$BENCH/env/bin/python" -m pip install -q --no-deps -e "$BENCH/apps/sanyou_app"
grep -qx sanyou_app "$BENCH/sites/apps.txt" || printf '\nsanyou_app\n' >>"$BENCH/sites/apps.txt"
sed -i '/^$/d' "$BENCH/sites/apps.txt"
# browser tests: Playwright for Python drives Debian's chromium (never `playwright install`)
"$BENCH/env/bin/python" -m pip install -q playwright
if [ -f "$REPO/package.json" ]; then
	(cd "$REPO" && yarn install --frozen-lockfile)
	(cd "$BENCH" && bench build --app sanyou_app)
fi

cd "$BENCH"
for conf in config/redis_cache.conf config/redis_queue.conf; do
	port=$(awk '$1=="port"{print $2}' "$conf")
	redis-cli -p "$port" ping >/dev/null 2>&1 || redis-server "$conf" --daemonize yes
done
# a site is there when Frappe can open it; a folder without a working database is what an
# interrupted run left, and is made anew
if ! bench --site "$SITE" list-apps >/dev/null 2>&1; then
	say "site $SITE"
	# a database name of this bench's own (Frappe's default hashes the site name alone, which a
	# site of the same name in another bench, or one removed without its database, already holds);
	# --force: a database or folder of that name can only be this script's, left by an interrupted run
	db_name="_$(printf '%s' "$BENCH/$SITE" | sha1sum | cut -c1-16)"
	bench new-site "$SITE" --db-name "$db_name" --force \
		--db-root-password "$DB_ROOT_PASSWORD" --admin-password admin
fi
bench --site "$SITE" list-apps | grep -q sanyou_app || bench --site "$SITE" install-app sanyou_app
bench --site "$SITE" set-config allow_tests true
# wkhtmltopdf fetches the print stylesheet from host_name: the site's own web server
bench --site "$SITE" set-config host_name "http://127.0.0.1:$PORT"
bench --site "$SITE" migrate
bench use "$SITE"
if ! bench --site "$SITE" execute frappe.db.exists --args '["Town Congress", {"town": "濉溪县刘桥镇"}]' | grep -q 1; then
	say "demo"
	bench --site "$SITE" sanyou-demo
fi
bench --site "$SITE" enable-scheduler

say "ready: $SITE in $BENCH"
echo "Open http://127.0.0.1:$PORT and log in as bangongshi@liuqiao.example.cn / Sanyou@2026 (see README)."
echo "Tests: SANYOU_BENCH=$BENCH bash $REPO/.ci/run"
if [ "$SERVE" -eq 1 ]; then
	say "serving (bench start; Ctrl+C stops)"
	exec "$BENCH_CLI/bin/bench" start
fi
