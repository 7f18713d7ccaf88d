#!/usr/bin/env bash
# A backup of every site of a bench (database, public and private files, site config), copied to
# a second disk or machine, keeping the newest daily and weekly sets (docs/deployment.md,
# "Backups"). setup.sh --production runs it every day from cron.
#
#   bash scripts/backup.sh --bench /home/frappe/frappe-bench --to /mnt/backup/sanyou
#   bash scripts/backup.sh --bench ... --to backup@10.0.0.9:/srv/backup/sanyou [--site rd.liuqiao.gov.cn]
#        [--keep-daily 14] [--keep-weekly 8]
#
# On the target: daily/<YYYY-MM-DD_HHMMSS>/<site>/ with Frappe's backup files and SHA256SUMS, and
# weekly/<YYYY-Www>/ (the first set of each ISO week, hard-linked on the target). Sets beyond the
# newest --keep-daily daily and --keep-weekly weekly ones are removed. A destination with a colon
# is reached with rsync and ssh (a key without a passphrase for the user cron runs as). Restore a
# set with scripts/restore.sh.
set -euo pipefail

BENCH=""
DEST=""
SITES=()
KEEP_DAILY=14
KEEP_WEEKLY=8
BENCH_CLI=${SANYOU_BENCH_CLI:-$HOME/.local/share/sanyou-bench-cli}
# the time zone the app's sites keep: sets are named by their clock, as Frappe names the files
SITES_TZ=${SANYOU_SITES_TZ:-Asia/Shanghai}

# a set's name and its ISO week, on the sites' clock, now or at a given epoch second
set_stamp() { TZ=$SITES_TZ date ${1:+-d "@$1"} +%Y-%m-%d_%H%M%S; }
set_week() { TZ=$SITES_TZ date ${1:+-d "@$1"} +%G-W%V; }

# a shell command run on the target: here, or over ssh for host:path
on_target() {
	if [[ $DEST == *:* ]]; then ssh -o BatchMode=yes "${DEST%%:*}" "$1"; else bash -c "$1"; fi
}
target_path() { if [[ $DEST == *:* ]]; then echo "${DEST#*:}"; else echo "$DEST"; fi; }

# on the target: the week's first set kept as weekly, and the sets beyond the rule removed
rotate_command() {
	local stamp=$1 week=$2 path
	path=$(target_path)
	printf '%s' "set -e; cd '$path'; mkdir -p daily weekly; " \
		"[ -e 'weekly/$week' ] || cp -al 'daily/$stamp' 'weekly/$week'; " \
		"cd daily; rm -rf .partial-*; ls -1 | sort -r | tail -n +$((KEEP_DAILY + 1)) | xargs -r rm -rf; " \
		"cd ../weekly; ls -1 | sort -r | tail -n +$((KEEP_WEEKLY + 1)) | xargs -r rm -rf"
}

# sourced (by the tests): the functions only
if [ "${BASH_SOURCE[0]}" != "$0" ]; then
	return 0
fi

while [ $# -gt 0 ]; do
	case "$1" in
	--bench) BENCH=$2 && shift 2 ;;
	--to) DEST=$2 && shift 2 ;;
	--site) SITES+=("$2") && shift 2 ;;
	--keep-daily) KEEP_DAILY=$2 && shift 2 ;;
	--keep-weekly) KEEP_WEEKLY=$2 && shift 2 ;;
	-h | --help) sed -n '2,16p' "$0" && exit 0 ;;
	*) echo "unknown option: $1 (see --help)" && exit 2 ;;
	esac
done
[ -n "$BENCH" ] && [ -n "$DEST" ] || {
	echo "usage: backup.sh --bench BENCH --to DIR_OR_HOST:DIR (see --help)"
	exit 2
}
[ "$KEEP_DAILY" -ge 1 ] && [ "$KEEP_WEEKLY" -ge 0 ]
BENCH=$(cd "$BENCH" && pwd -P)
export PATH="$BENCH_CLI/bin:$PATH"
if [ ${#SITES[@]} -eq 0 ]; then
	for conf in "$BENCH"/sites/*/site_config.json; do SITES+=("$(basename "$(dirname "$conf")")"); done
fi

now=$(date +%s)
stamp=$(set_stamp "$now")
week=$(set_week "$now")
outgoing="$BENCH/backups-outgoing/$stamp"
echo "=== $(TZ=$SITES_TZ date -Is) backup of ${SITES[*]} to $DEST/daily/$stamp"
for site in "${SITES[@]}"; do
	mkdir -p "$outgoing/$site"
	(cd "$BENCH" && bench --site "$site" backup --with-files --backup-path "$outgoing/$site")
	(cd "$outgoing/$site" && sha256sum -- * >SHA256SUMS)
done
path=$(target_path)
on_target "mkdir -p '$path/daily'"
# copied to a partial name, then renamed: a set in daily/ is always complete
rsync -a "$outgoing/" "$DEST/daily/.partial-$stamp/"
on_target "mv '$path/daily/.partial-$stamp' '$path/daily/$stamp'"
rm -rf "$outgoing"
rmdir "$BENCH/backups-outgoing" 2>/dev/null || true
on_target "$(rotate_command "$stamp" "$week")"
echo "=== kept on $DEST:"
on_target "cd '$path' && ls -1 daily | sed 's/^/daily\//' && ls -1 weekly | sed 's/^/weekly\//'"
