#!/usr/bin/env bash
# Everything sanyou_app needs on a fresh Debian 12 / Ubuntu 22.04+ machine with internet, then the
# demo served at http://127.0.0.1:8000 (see README, "Quick start"):
#
#   1. OS packages: MariaDB, Redis, wkhtmltopdf, fonts-noto-cjk, poppler-utils, chromium, Node + yarn
#   2. MariaDB in utf8mb4, root password $SANYOU_DB_ROOT_PASSWORD (default root)
#   3. a Frappe v15 bench: `bench init --frappe-branch version-15` from Frappe's public repository,
#      or from a local copy with --frappe-path PATH (a git clone whose version-15 branch bench clones)
#   4. this checkout linked into the bench as apps/sanyou_app and installed with its dependencies,
#      a site with the app and the demo
#   5. unless --no-serve: `bench start` (web, workers, scheduler, Redis) in the background, logging to
#      the bench's logs/bench-start.log; the script ends once the demo login answers over HTTP
#
# Where: the bench at $SANYOU_BENCH (or --bench), else beside this checkout (<checkout>/../frappe-bench);
# the site $SANYOU_SITE (or --site; default sanyou.localhost); the port $SANYOU_PORT (or --port;
# default 8000). Runs as root or as a user with sudo. Safe to run again: each step is skipped when
# it is done already, and a site already served is left as it is.
#
#   bash scripts/setup.sh [--frappe-path PATH_OR_URL] [--no-serve]
#   bash scripts/setup.sh --check [--no-serve]   # only report what is done; exit 0 when all is
#
# A server (docs/deployment.md): --production replaces step 5 with Frappe's production stack
# (scripts/production.sh): nginx with HTTPS, supervisor running gunicorn on --port, RQ workers, the
# scheduler and socket.io, and a daily backup to a second disk or machine. The demo is loaded only
# with --demo.
#
#   bash scripts/setup.sh --production --site NAME_OR_IP --backup-to DIR_OR_HOST:DIR
#        [--cert FULLCHAIN.pem --key KEY.pem]  # the organisation's certificate; else one signed
#                                              # by a CA of the server's own (/etc/sanyou/ssl)
#        [--ca ROOT.pem]                       # the root of the CA that issued --cert, when this
#                                              # system does not trust that CA already
#        [--ip ADDR[,ADDR]]                    # the server's addresses, also in that certificate
#        [--keep-daily 14] [--keep-weekly 8] [--web-workers N] [--bg-workers N] [--demo]
#        [--dry-run]                           # print the production steps and files; change nothing
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH=${SANYOU_BENCH:-$(cd "$REPO/.." && pwd)/frappe-bench}
SITE=${SANYOU_SITE:-sanyou.localhost}
DB_ROOT_PASSWORD=${SANYOU_DB_ROOT_PASSWORD:-root}
PORT=${SANYOU_PORT:-8000}
DEMO_USER=bangongshi@liuqiao.example.cn
DEMO_PASSWORD=Sanyou@2026
BENCH_CLI="$HOME/.local/share/sanyou-bench-cli"

say() { printf '\n=== %s\n' "$*"; }
bench() { "$BENCH_CLI/bin/bench" "$@"; }
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO=sudo
# the production stage's functions (setup.sh --production)
# shellcheck source=production.sh
source "$REPO/scripts/production.sh"

# The bench's app folder becomes a link to this checkout. A real folder there (as `bench get-app`
# leaves it) is moved aside to $BENCH/sanyou_app.moved-aside-<time> first: `ln -sfn` would
# otherwise put the link inside it and the bench would keep running the old code.
link_app() {
	local app="$BENCH/apps/sanyou_app" aside
	if [ -d "$app" ] && [ ! -L "$app" ]; then
		# the checkout is the bench's app folder itself: nothing to link
		[ "$(cd "$app" && pwd -P)" = "$(cd "$REPO" && pwd -P)" ] && return 0
		aside="$BENCH/sanyou_app.moved-aside-$(date +%Y%m%d-%H%M%S)"
		mv "$app" "$aside"
		echo "the bench's own apps/sanyou_app folder is moved aside to $aside"
	fi
	ln -sfn "$REPO" "$app"
}

# The app as this bench runs it: apps/sanyou_app is this checkout (a link to it, or the checkout itself)
app_is_linked() {
	[ -d "$BENCH/apps/sanyou_app" ] &&
		[ "$(cd "$BENCH/apps/sanyou_app" && pwd -P)" = "$(cd "$REPO" && pwd -P)" ]
}

# Every requirement of the app is installed in the bench's virtualenv
app_requirements_met() {
	"$BENCH/env/bin/python" - <<'PY' 2>/dev/null
import re
import sys
from importlib.metadata import PackageNotFoundError, distribution, requires

missing = []
for req in requires("sanyou_app") or []:
	if "extra ==" in req:
		continue
	name = re.match(r"[A-Za-z0-9._-]+", req).group(0)
	try:
		distribution(name)
	except PackageNotFoundError:
		missing.append(name)
if missing:
	print("missing:", ", ".join(missing))
	sys.exit(1)
PY
}

# The bench's asset map names this checkout's bundles, each built after the last change to the
# app's browser sources (sanyou_app/public outside dist/, package.json, yarn.lock): a second run
# leaves the build as it is (rebuilding rewrites dist/ and the map, and esbuild deletes the
# bundles another bench built from the same checkout)
app_built() {
	local map="$BENCH/sites/assets/assets.json" public="$REPO/sanyou_app/public" f oldest="" n=0
	[ -f "$map" ] && [ "$BENCH/sites/assets/sanyou_app" -ef "$public" ] || return 1
	for f in $(grep -Eo '"/assets/sanyou_app/[^"]+"' "$map" | tr -d '"' | sed 's|^/assets/sanyou_app/||'); do
		[ -f "$public/$f" ] || return 1
		n=$((n + 1))
		if [ -z "$oldest" ] || [ "$public/$f" -ot "$oldest" ]; then oldest="$public/$f"; fi
	done
	[ "$n" -gt 0 ] || return 1
	[ -z "$(find "$public" -path "$public/dist" -prune -o -path "$public/node_modules" -prune -o \
		-type f -newer "$oldest" -print -quit)" ] || return 1
	for f in "$REPO/package.json" "$REPO/yarn.lock"; do
		[ ! -f "$f" ] || [ ! "$f" -nt "$oldest" ] || return 1
	done
}

redis_port() { awk '$1=="port"{print $2}' "$BENCH/config/$1.conf"; }
redis_up() { redis-cli -h 127.0.0.1 -p "$1" ping 2>/dev/null | grep -q PONG; }
# the configuration file the Redis answering on a port started from
redis_config_file() {
	redis-cli -h 127.0.0.1 -p "$1" info server 2>/dev/null | tr -d '\r' | awk -F: '$1=="config_file"{print $2}'
}
# The Redis on one of the bench's ports (redis_cache, redis_queue) is the bench's own. Benches in
# different folders of one machine get the same ports from `bench init`: another bench's Redis is
# neither used nor stopped.
redis_ours() {
	local file
	file=$(redis_config_file "$(redis_port "$1")")
	[ -n "$file" ] && [ "$(realpath -m "$file")" = "$(realpath -m "$BENCH/config/$1.conf")" ]
}

# The bench's Redis servers running: started unless they run already (a `bench start`'s or
# supervisor's own); refused while another bench's answer on their ports
bench_redis_up() {
	local name port
	mkdir -p "$BENCH/logs"
	for name in redis_cache redis_queue; do
		port=$(redis_port "$name")
		if redis_up "$port" && ! redis_ours "$name"; then
			echo "Port $port answers with another Redis ($(redis_config_file "$port" | grep . || echo "started without a configuration file")), not this bench's ($BENCH/config/$name.conf)."
			echo "Two benches on one machine need ports of their own: give this bench others in config/redis_cache.conf and config/redis_queue.conf and, in sites/common_site_config.json, redis_cache, redis_queue, redis_socketio, socketio_port and file_watcher_port; or stop the other bench. Then run this again."
			return 1
		fi
		redis_up "$port" || redis-server "$BENCH/config/$name.conf" --daemonize yes --logfile "$BENCH/logs/$name.log"
		for _ in $(seq 60); do
			redis_up "$port" && break
			sleep 0.5
		done
		redis_up "$port" || {
			echo "$name did not start (log: $BENCH/logs/$name.log)"
			return 1
		}
	done
}

# The bench's own Redis servers stopped, so that a `bench start` or supervisor can bind their ports
bench_redis_down() {
	local name port
	for name in redis_cache redis_queue; do
		port=$(redis_port "$name")
		redis_ours "$name" || continue
		redis-cli -h 127.0.0.1 -p "$port" shutdown >/dev/null 2>&1 || true
		for _ in $(seq 20); do
			redis_up "$port" || break
			sleep 0.5
		done
	done
}

# The demo login answers over HTTP: the site is served
site_served() {
	curl -sS -m 30 -X POST "http://127.0.0.1:$PORT/api/method/login" -H "Content-Type: application/json" \
		--data "{\"usr\": \"$DEMO_USER\", \"pwd\": \"$DEMO_PASSWORD\"}" 2>/dev/null | grep -q '"Logged In"'
}

# The process group of the `bench start` this script started, while it runs
SERVE_PIDFILE_NAME=config/pids/sanyou-bench-start.pid
serving_pid() {
	local pid
	pid=$(cat "$BENCH/$SERVE_PIDFILE_NAME" 2>/dev/null) || return 1
	[ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && echo "$pid"
}

# Any `bench start` (honcho) running in this bench, whoever started it
other_bench_start() {
	local pid
	for pid in $(pgrep -f 'honcho start' 2>/dev/null); do
		if [ "$(readlink "/proc/$pid/cwd" 2>/dev/null)" = "$(cd "$BENCH" && pwd -P)" ]; then echo "$pid"; fi
	done
}

# Frappe commands running on this bench (run-tests, a console, .ci/run's web server): they need
# its Redis servers
bench_busy() {
	local pid sites
	sites=$(cd "$BENCH/sites" && pwd -P)
	for pid in $(pgrep -f 'frappe.utils.bench_helper|gunicorn' 2>/dev/null); do
		if [ "$(readlink "/proc/$pid/cwd" 2>/dev/null)" = "$sites" ]; then echo "$pid"; fi
	done | paste -sd ' '
}

site_has_app() { (cd "$BENCH" && bench --site "$SITE" list-apps 2>/dev/null) | grep -q sanyou_app; }
demo_loaded() { (cd "$BENCH" && bench --site "$SITE" execute sanyou_app.demo.loaded 2>/dev/null) | grep -qx true; }

check() {
	local bad=0
	item() {
		local what=$1
		shift
		if "$@" >/dev/null 2>&1; then echo "ok       $what"; else
			echo "MISSING  $what"
			bad=1
		fi
	}
	say "check: $SITE in $BENCH"
	item "bench CLI ($BENCH_CLI)" test -x "$BENCH_CLI/bin/bench"
	item "Frappe bench ($BENCH)" test -x "$BENCH/env/bin/python" -a -d "$BENCH/apps/frappe"
	if [ "$bad" -eq 1 ]; then
		echo "no bench yet: run bash scripts/setup.sh"
		return 1
	fi
	item "apps/sanyou_app is this checkout ($REPO)" app_is_linked
	item "the app's requirements in the bench's virtualenv" app_requirements_met
	item "site $SITE with sanyou_app" site_has_app
	if [ "${DEMO:-1}" -ge 1 ]; then
		item "demo loaded" demo_loaded
	fi
	if [ "$SERVE" -eq 1 ]; then
		item "served: demo login on http://127.0.0.1:$PORT" site_served
	fi
	if [ "${PRODUCTION:-0}" -eq 1 ]; then
		item "served over HTTPS: https://$SITE/api/method/ping" https_ping
	fi
	return $bad
}

# sourced (by the tests): the functions only
if [ "${BASH_SOURCE[0]}" != "$0" ]; then
	return 0
fi

FRAPPE_PATH=https://github.com/frappe/frappe
SERVE=1
CHECK=0
PRODUCTION=0
DEMO=1
while [ $# -gt 0 ]; do
	case "$1" in
	--bench | --site | --port | --cert | --key | --ca | --ip | --backup-to | --keep-daily | --keep-weekly | --web-workers | --bg-workers)
		[ $# -ge 2 ] || {
			echo "$1 needs a value (see --help)"
			exit 2
		}
		case "$1" in
		--bench) BENCH=$2 ;;
		--site) SITE=$2 ;;
		--port) PORT=$2 ;;
		--cert) PROD_CERT=$2 ;;
		--key) PROD_KEY=$2 ;;
		--ca) PROD_CA=$2 ;;
		--ip) PROD_IPS=$2 ;;
		--backup-to) BACKUP_TO=$2 ;;
		--keep-daily) KEEP_DAILY=$2 ;;
		--keep-weekly) KEEP_WEEKLY=$2 ;;
		--web-workers) WEB_WORKERS=$2 ;;
		--bg-workers) BG_WORKERS=$2 ;;
		esac
		shift 2
		;;
	--production)
		PRODUCTION=1
		shift
		;;
	--demo)
		DEMO=2
		shift
		;;
	--dry-run)
		DRY_RUN=1
		shift
		;;
	--frappe-path)
		FRAPPE_PATH=$2
		shift 2
		;;
	--no-serve)
		SERVE=0
		shift
		;;
	--check)
		CHECK=1
		shift
		;;
	-h | --help)
		sed -n '/^set -euo/q;2,$p' "$0"
		exit 0
		;;
	*)
		echo "unknown option: $1 (see --help)"
		exit 2
		;;
	esac
done

if [ "$PRODUCTION" -eq 1 ]; then
	# the demo is for trying the app: a server gets it only when asked
	[ "$DEMO" -eq 2 ] || DEMO=0
	SERVE=0
fi
if [ "$CHECK" -eq 1 ]; then
	check
	exit $?
fi
if [ "$DRY_RUN" -eq 1 ] && [ "$PRODUCTION" -eq 0 ]; then
	echo "--dry-run prints the production steps: use it with --production (steps 1-4: --check)"
	exit 2
fi
[ "$PRODUCTION" -eq 0 ] || prod_validate || exit 2
if [ "$DRY_RUN" -eq 1 ]; then
	echo "Dry run: steps 1-4 as without --production (OS packages with nginx, supervisor, openssl and"
	echo "rsync; MariaDB; the bench $BENCH; the site $SITE$([ "$DEMO" -ge 1 ] && echo ' with the demo')), then:"
	production_config
	production_tls
	production_services
	production_backups
	production_verify
	exit 0
fi

trap 'echo "setup.sh stopped: line $LINENO failed: $BASH_COMMAND" >&2' ERR

# --- 1. OS packages ---------------------------------------------------------------------------
say "OS packages"
node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }
packages=(git curl build-essential pkg-config python3-dev python3-venv python3-pip
	mariadb-server mariadb-client libmariadb-dev redis-server
	wkhtmltopdf fonts-noto-cjk poppler-utils xvfb cron)
[ "$PRODUCTION" -eq 0 ] || packages+=(nginx supervisor openssl rsync ca-certificates)
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
# alive even when it refuses the login (mysqladmin ping exits 0 then)
db_alive() { $SUDO mysqladmin ping >/dev/null 2>&1; }
# the service in a session of its own: it outlives this script wherever the script runs
db_service() { $SUDO setsid -w service mariadb "$1" >/dev/null 2>&1 || $SUDO setsid -w service mysql "$1"; }
cnf=/etc/mysql/mariadb.conf.d/99-frappe.cnf
if [ ! -f "$cnf" ]; then
	$SUDO tee "$cnf" >/dev/null <<'EOF'
[mysqld]
character-set-client-handshake = FALSE
character-set-server = utf8mb4
collation-server = utf8mb4_unicode_ci
bind-address = 127.0.0.1

[mysql]
default-character-set = utf8mb4
EOF
	# restarted only for a configuration just written: a running server may be serving tests
	db_service restart
elif ! db_alive; then
	db_service start
fi
for _ in $(seq 60); do
	db_alive && break
	sleep 1
done
db_alive || {
	echo "MariaDB did not start"
	exit 1
}
if ! mysqladmin -uroot -p"$DB_ROOT_PASSWORD" -h127.0.0.1 status >/dev/null 2>&1; then
	$SUDO mariadb -uroot -e "ALTER USER 'root'@'localhost' IDENTIFIED VIA mysql_native_password USING PASSWORD('$DB_ROOT_PASSWORD') OR unix_socket; FLUSH PRIVILEGES;"
fi

# --- 3. the bench -----------------------------------------------------------------------------
if [ ! -x "$BENCH_CLI/bin/bench" ]; then
	say "bench CLI (frappe-bench from PyPI, in $BENCH_CLI)"
	python3 -m venv "$BENCH_CLI"
	"$BENCH_CLI/bin/pip" install -q frappe-bench
fi
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
link_app
# with its dependencies, as `bench get-app` installs an app
"$BENCH/env/bin/python" -m pip install -q -e "$BENCH/apps/sanyou_app"
grep -qx sanyou_app "$BENCH/sites/apps.txt" || printf '\nsanyou_app\n' >>"$BENCH/sites/apps.txt"
sed -i '/^$/d' "$BENCH/sites/apps.txt"
# browser tests: Playwright for Python drives Debian's chromium (never `playwright install`)
[ "$PRODUCTION" -eq 1 ] || "$BENCH/env/bin/python" -m pip install -q playwright
if [ -f "$REPO/package.json" ]; then
	(cd "$REPO" && yarn install --frozen-lockfile)
	if app_built; then
		echo "the app's bundles are built from these sources already: bench build skipped"
	else
		(cd "$BENCH" && bench build --app sanyou_app)
	fi
fi

cd "$BENCH"
[ "$PRODUCTION" -eq 0 ] || production_config
# the bench's Redis servers, for the steps below
mkdir -p "$BENCH/logs" "$BENCH/config/pids"
bench_redis_up || exit 1
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
if [ "$PRODUCTION" -eq 0 ]; then
	bench --site "$SITE" set-config allow_tests true
	# wkhtmltopdf fetches the print stylesheet from host_name: the site's own web server
	bench --site "$SITE" set-config host_name "http://127.0.0.1:$PORT"
fi
bench --site "$SITE" migrate
bench use "$SITE"
if [ "$DEMO" -ge 1 ]; then
	say "demo"
	bench --site "$SITE" sanyou-demo --skip-if-loaded
fi
bench --site "$SITE" enable-scheduler

if [ "$PRODUCTION" -eq 1 ]; then
	production
	say "ready: https://$SITE (bench $BENCH, served by nginx and supervisor)"
	echo "Backups: every day at $(clock_text "$BACKUP_AT") $SITES_TZ to $BACKUP_TO (log: $BENCH/logs/sanyou-backup.log)."
	echo "Restore: bash $REPO/scripts/restore.sh --bench $BENCH --from <set folder> --site <new site>"
	exit 0
fi

say "ready: $SITE in $BENCH"
echo "Tests: SANYOU_BENCH=$BENCH bash $REPO/.ci/run"
if [ "$SERVE" -eq 0 ]; then
	echo "Serve it with: cd $BENCH && bench start (or run this script again without --no-serve)"
	exit 0
fi

# --- 5. serve ---------------------------------------------------------------------------------
if site_served; then
	say "served already on http://127.0.0.1:$PORT: left as it is"
else
	if pid=$(serving_pid); then
		# this script's `bench start` from an earlier run, not (or no longer) serving: start it anew
		say "restarting the bench start this script left (process group $pid)"
		kill -- "-$pid" 2>/dev/null || true
		for _ in $(seq 30); do
			kill -0 "$pid" 2>/dev/null || break
			sleep 1
		done
	fi
	others=$(other_bench_start)
	if [ -n "$others" ]; then
		echo "A bench start runs in $BENCH already (pid $others) but the demo login on port $PORT does not"
		echo "answer. Stop it, or wait until it serves, and run this script again."
		exit 1
	fi
	if curl -s -o /dev/null -m 5 "http://127.0.0.1:$PORT/"; then
		echo "Another server answers on port $PORT, not this site: stop it, or choose another port with SANYOU_PORT."
		exit 1
	fi
	# bench start runs the bench's Procfile as config/sanyou-Procfile: its web server on $PORT.
	# The Procfile starts the bench's Redis servers itself: the ones running without it (started
	# above, by an earlier run or by .ci/run) are stopped so that it can bind their ports. Unless
	# Frappe commands use them (tests running on the bench): then they stay, and the Procfile's own
	# are left out.
	sed -E "s/^(web: .*--port )[0-9]+/\1$PORT/" Procfile >config/sanyou-Procfile
	busy=$(bench_busy)
	if [ -n "$busy" ]; then
		echo "Frappe commands run on this bench (pid $busy) and use its Redis servers: they stay as they" \
			"are, and bench start runs without the Procfile's"
		sed -i -E '/^redis_[a-z]+:/d' config/sanyou-Procfile
	else
		bench_redis_down
	fi
	say "serving: bench start in the background (log: $BENCH/logs/bench-start.log)"
	# a session of its own: it outlives this script
	setsid nohup "$BENCH_CLI/bin/bench" start --procfile config/sanyou-Procfile >>"$BENCH/logs/bench-start.log" 2>&1 </dev/null &
	pid=$!
	echo "$pid" >"$BENCH/$SERVE_PIDFILE_NAME"
	for _ in $(seq 180); do
		site_served && break
		kill -0 "$pid" 2>/dev/null || break
		sleep 1
	done
	if ! site_served; then
		echo "bench start did not serve the site; the end of its log:"
		tail -n 40 "$BENCH/logs/bench-start.log"
		exit 1
	fi
fi
echo "Open http://127.0.0.1:$PORT and log in as $DEMO_USER / $DEMO_PASSWORD (see README)."
echo "Stop serving: kill -- -\$(cat $BENCH/$SERVE_PIDFILE_NAME)"
