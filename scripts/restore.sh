#!/usr/bin/env bash
# Restores one site's backup set (made by scripts/backup.sh, or Frappe's own backup files in one
# folder) into a site of a bench: a new site beside the running one, to check a backup or to take
# a server's place; or, with --force, over an existing site (docs/deployment.md, "Restore").
#
#   bash scripts/restore.sh --bench BENCH --from /mnt/backup/sanyou/daily/2026-12-03_023000/rd.liuqiao.gov.cn \
#        --site restore-check.liuqiao.gov.cn [--db-root-password root] [--force]
#
# A set on another machine is copied here first (rsync -a backup@host:/srv/backup/sanyou/daily/<set>/ /tmp/set/).
# It checks SHA256SUMS, then runs
#   bench --site SITE restore <database.sql.gz> --with-public-files <files.tar> --with-private-files <private-files.tar>
# gives the site the encryption key of the backed-up site (from its site_config backup, so that
# stored passwords still decrypt), migrates it, and, on a production bench, adds it to nginx.
set -euo pipefail

BENCH=""
FROM=""
SITE=""
FORCE=()
DB_ROOT_PASSWORD=${SANYOU_DB_ROOT_PASSWORD:-root}
BENCH_CLI=${SANYOU_BENCH_CLI:-$HOME/.local/share/sanyou-bench-cli}

# the one file of a kind in a backup set: database, files (public), private-files, site_config_backup
set_file() {
	local dir=$1 kind=$2 found
	case "$kind" in
	database) found=$(find "$dir" -maxdepth 1 -name '*-database.sql*' | sort | tail -n 1) ;;
	files) found=$(find "$dir" -maxdepth 1 -name '*-files.tar*' ! -name '*-private-files.tar*' | sort | tail -n 1) ;;
	private-files) found=$(find "$dir" -maxdepth 1 -name '*-private-files.tar*' | sort | tail -n 1) ;;
	site_config) found=$(find "$dir" -maxdepth 1 -name '*-site_config_backup.json' | sort | tail -n 1) ;;
	esac
	[ -n "$found" ] && echo "$found"
}

# sourced (by the tests): the functions only
if [ "${BASH_SOURCE[0]}" != "$0" ]; then
	return 0
fi

while [ $# -gt 0 ]; do
	case "$1" in
	--bench) BENCH=$2 && shift 2 ;;
	--from) FROM=$2 && shift 2 ;;
	--site) SITE=$2 && shift 2 ;;
	--db-root-password) DB_ROOT_PASSWORD=$2 && shift 2 ;;
	--force) FORCE=(--force) && shift ;;
	-h | --help) sed -n '2,15p' "$0" && exit 0 ;;
	*) echo "unknown option: $1 (see --help)" && exit 2 ;;
	esac
done
[ -n "$BENCH" ] && [ -n "$FROM" ] && [ -n "$SITE" ] || {
	echo "usage: restore.sh --bench BENCH --from SET_FOLDER --site SITE (see --help)"
	exit 2
}
BENCH=$(cd "$BENCH" && pwd -P)
FROM=$(cd "$FROM" && pwd -P)
export PATH="$BENCH_CLI/bin:$PATH"
bench() { "$BENCH_CLI/bin/bench" "$@"; }

if [ -f "$FROM/SHA256SUMS" ]; then
	(cd "$FROM" && sha256sum --quiet -c SHA256SUMS) || {
		echo "the set in $FROM does not match its SHA256SUMS: not restored"
		exit 1
	}
	echo "ok       $FROM matches its SHA256SUMS"
fi
db=$(set_file "$FROM" database) || {
	echo "no *-database.sql.gz in $FROM"
	exit 1
}
args=()
pub=$(set_file "$FROM" files) && args+=(--with-public-files "$pub")
priv=$(set_file "$FROM" private-files) && args+=(--with-private-files "$priv")
if [ -d "$BENCH/sites/$SITE" ] && [ ${#FORCE[@]} -eq 0 ]; then
	echo "$SITE exists in $BENCH: restore into a new site, or pass --force to replace it"
	exit 1
fi

cd "$BENCH"
if [ ! -d "sites/$SITE" ]; then
	# bench opens only a site that has a folder: a new one gets its site_config.json here, with a
	# database name of this bench's own (as setup.sh names its site's) and a password of its own
	mkdir -p "sites/$SITE"
	db_name="_$(printf '%s' "$BENCH/$SITE" | sha1sum | cut -c1-16)"
	printf '{\n "db_name": "%s",\n "db_password": "%s",\n "db_type": "mariadb"\n}\n' \
		"$db_name" "$(openssl rand -hex 12)" >"sites/$SITE/site_config.json"
fi
echo "=== bench --site $SITE restore $(basename "$db") ${args[*]:+with its files}"
bench --site "$SITE" restore "$db" "${args[@]}" --db-root-password "$DB_ROOT_PASSWORD" "${FORCE[@]}"
if conf=$(set_file "$FROM" site_config); then
	key=$("$BENCH/env/bin/python" -c 'import json,sys; print(json.load(open(sys.argv[1])).get("encryption_key") or "")' "$conf")
	[ -z "$key" ] || bench --site "$SITE" set-config encryption_key "$key"
fi
bench --site "$SITE" migrate
if [ -L "/etc/nginx/conf.d/$(basename "$BENCH").conf" ]; then
	# a production bench: nginx learns the new site (served over plain HTTP until it gets a
	# certificate: setup.sh --production --site SITE)
	bench setup nginx --yes --log_format combined
	# nginx is root's, and /usr/sbin is not on every user's PATH
	sudo_=""
	[ "$(id -u)" -eq 0 ] || sudo_=sudo
	$sudo_ nginx -t && $sudo_ nginx -s reload || echo "warning: nginx did not reload; run: sudo nginx -t && sudo nginx -s reload"
fi
echo "=== restored $SITE from $FROM"
