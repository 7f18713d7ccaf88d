#!/usr/bin/env bash
# The production stage of `bash scripts/setup.sh --production` (see docs/deployment.md). setup.sh
# sources this file; it defines functions only. After setup.sh's steps 1-4 (packages, MariaDB, the
# bench, the site) it makes the bench a server for a town hall or a congress organ, the way
# `bench setup production` does, without Ansible:
#
#   P1. the bench's web port and worker counts, sites found by their name (dns_multitenant)
#   P2. HTTPS: the organisation's certificate (--cert, --key; --ca the root of the CA that issued
#       it, when the system does not trust that CA already), or a certificate signed by a CA of
#       the server's own (for an intranet), covering the site's name and the server's addresses;
#       the server trusts the CA; the site's host_name becomes https://<site>
#   P3. supervisor (gunicorn, RQ workers, the scheduler, socket.io, Redis) and nginx (443, with 80
#       redirected to 443), from `bench setup supervisor` and `bench setup nginx`
#   P4. a daily backup (`bench backup --with-files`) copied to --backup-to, keeping --keep-daily
#       daily and --keep-weekly weekly sets, run by cron (scripts/backup.sh; restore with
#       scripts/restore.sh)
#   P5. a check over HTTPS: ping, the redirect, and the bench's supervisor programs
#
# With --dry-run every step prints the commands it would run and the files it would write, and
# nothing is changed (no root needed).

# defaults; setup.sh's options set them
PROD_CERT=""
PROD_KEY=""
PROD_CA=""
PROD_IPS=""
BACKUP_TO=""
KEEP_DAILY=14
KEEP_WEEKLY=8
BACKUP_AT="30 2" # minute hour: 02:30 every day, on the sites' clock
# the time zone the app's sites keep (the setup wizard's and the demo's); cron runs on the server's
SITES_TZ=${SANYOU_SITES_TZ:-Asia/Shanghai}
WEB_WORKERS=""
BG_WORKERS=1
DRY_RUN=0
SSL_DIR=${SANYOU_SSL_DIR:-/etc/sanyou/ssl}
# the system's CAs in one file, as update-ca-certificates writes it (Debian, Ubuntu)
SYSTEM_CAS=${SANYOU_SYSTEM_CAS:-/etc/ssl/certs/ca-certificates.crt}
ORG_NAME=${SANYOU_ORG_NAME:-sanyou_app}

# a command, or in a dry run the command printed
run() {
	if [ "$DRY_RUN" -eq 1 ]; then
		local arg line=""
		for arg in "$@"; do
			if [[ $arg =~ ^[A-Za-z0-9_./:=,@%+-]+$ ]]; then line+="$arg "; else line+="'${arg//\'/\'\\\'\'}' "; fi
		done
		printf '+ %s\n' "${line% }"
	else
		"$@"
	fi
}

# a line from stdin added to a file, or in a dry run printed
put_file_append() {
	if [ "$DRY_RUN" -eq 1 ]; then
		printf -- '--- >> %s\n' "$1"
		cat
		printf -- '---\n'
	else
		$SUDO tee -a "$1" >/dev/null
	fi
}

# a file written from stdin (mode $2), or in a dry run its path and content printed
put_file() {
	local path=$1 mode=${2:-0644}
	if [ "$DRY_RUN" -eq 1 ]; then
		printf -- '--- %s (mode %s)\n' "$path" "$mode"
		cat
		printf -- '---\n'
	else
		$SUDO mkdir -p "$(dirname "$path")"
		$SUDO tee "$path" >/dev/null
		$SUDO chmod "$mode" "$path"
	fi
}

is_ip() { [[ $1 =~ ^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$ || $1 == *:* ]]; }

# subjectAltName for the site's name and the server's addresses: "DNS:rd.example.cn,IP:10.0.0.5"
san_list() {
	local name=$1 ips=$2 out ip
	if is_ip "$name"; then out="IP:$name"; else out="DNS:$name"; fi
	for ip in ${ips//,/ }; do
		[ "$ip" = "$name" ] || out="$out,IP:$ip"
	done
	echo "$out"
}

# the web server's gunicorn workers: bench's rule, two per core and one
web_workers_default() { echo $(($(nproc 2>/dev/null || echo 1) * 2 + 1)); }

prod_validate() {
	local bad=0
	if [ -n "$PROD_CERT$PROD_KEY" ] && { [ -z "$PROD_CERT" ] || [ -z "$PROD_KEY" ]; }; then
		echo "--cert and --key go together: the certificate (with its chain) and its private key"
		bad=1
	fi
	if [ -n "$PROD_CA" ] && [ -z "$PROD_CERT" ]; then
		echo "--ca goes with --cert: the root certificate of the CA that issued the organisation's certificate"
		bad=1
	fi
	if [ "$DRY_RUN" -eq 0 ] && [ -n "$PROD_CERT" ]; then
		for f in "$PROD_CERT" "$PROD_KEY" ${PROD_CA:+"$PROD_CA"}; do
			[ -r "$f" ] || {
				echo "cannot read $f"
				bad=1
			}
		done
	fi
	if [ -z "$BACKUP_TO" ]; then
		echo "--production needs --backup-to: a folder on a second disk (/mnt/backup/sanyou) or an rsync"
		echo "destination over ssh (backup@10.0.0.9:/srv/backup/sanyou) where the daily backups are copied"
		bad=1
	fi
	case "$SITE" in
	*.localhost | localhost)
		echo "--production serves the site under its own name: give --site the server's name or address"
		echo "(rd.liuqiao.gov.cn, 10.0.0.5), not $SITE"
		bad=1
		;;
	esac
	for n in "$KEEP_DAILY" "$KEEP_WEEKLY" "$BG_WORKERS" ${WEB_WORKERS:+"$WEB_WORKERS"}; do
		[[ $n =~ ^[0-9]+$ ]] || {
			echo "not a number: $n"
			bad=1
		}
	done
	return $bad
}

# --- TLS ----------------------------------------------------------------------------------------
# A CA of the server's own, made once (ten years), whose certificate the office's PCs trust; the
# site's certificate is signed by it (825 days, renewed by running setup.sh again when it has
# fewer than 30 days left or no longer covers the name and addresses).
make_ca() {
	local dir=$1
	[ -f "$dir/ca.crt" ] && [ -f "$dir/ca.key" ] && [ "$DRY_RUN" -eq 0 ] && return 0
	run $SUDO mkdir -p "$dir"
	run $SUDO openssl req -x509 -new -newkey rsa:3072 -nodes -sha256 -days 3650 \
		-subj "/O=$ORG_NAME/CN=$ORG_NAME 内网根证书" -utf8 \
		-addext "basicConstraints=critical,CA:TRUE,pathlen:0" \
		-addext "keyUsage=critical,keyCertSign,cRLSign" \
		-keyout "$dir/ca.key" -out "$dir/ca.crt"
	run $SUDO chmod 600 "$dir/ca.key"
}

# the site's certificate covers its name and every address, and is valid 30 days more
cert_covers() {
	local cert=$1 name=$2 ips=$3 ip
	[ -f "$cert" ] || return 1
	openssl x509 -in "$cert" -noout -checkend $((30 * 86400)) >/dev/null || return 1
	if is_ip "$name"; then
		[[ $(openssl x509 -in "$cert" -noout -checkip "$name") == *"does match"* ]] || return 1
	else
		[[ $(openssl x509 -in "$cert" -noout -checkhost "$name") == *"does match"* ]] || return 1
	fi
	for ip in ${ips//,/ }; do
		[[ $(openssl x509 -in "$cert" -noout -checkip "$ip") == *"does match"* ]] || return 1
	done
}

make_site_cert() {
	local dir=$1 name=$2 ips=$3 san ext
	san=$(san_list "$name" "$ips")
	if [ "$DRY_RUN" -eq 0 ] && cert_covers "$dir/$name.crt" "$name" "$ips"; then
		echo "certificate $dir/$name.crt covers $san and is valid: kept"
		return 0
	fi
	ext="$dir/$name.ext"
	put_file "$ext" 0644 <<EOF
basicConstraints = CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = $san
EOF
	run $SUDO openssl req -new -newkey rsa:2048 -nodes -sha256 -subj "/O=$ORG_NAME/CN=$name" \
		-keyout "$dir/$name.key" -out "$dir/$name.csr"
	run $SUDO openssl x509 -req -in "$dir/$name.csr" -CA "$dir/ca.crt" -CAkey "$dir/ca.key" -CAcreateserial \
		-days 825 -sha256 -extfile "$ext" -out "$dir/$name.crt"
	run $SUDO chmod 600 "$dir/$name.key"
	run $SUDO rm -f "$dir/$name.csr"
}

# A certificate file's chain leads to a CA: the one in $2 if given, else one the system trusts.
# The file holds the site's certificate first, then the intermediates (which vouch, not anchor).
chain_trusted() {
	local chain=$1 ca=${2:-} tmp ok=0
	tmp=$(mktemp -d)
	awk -v dir="$tmp" '/-----BEGIN CERTIFICATE-----/ { n++ } n { print > (dir "/" (n == 1 ? "site" : "rest") ".pem") }' "$chain"
	touch "$tmp/rest.pem"
	if [ -n "$ca" ]; then
		openssl verify -purpose sslserver -CAfile "$ca" -untrusted "$tmp/rest.pem" "$tmp/site.pem" >/dev/null 2>&1 || ok=1
	else
		openssl verify -purpose sslserver -untrusted "$tmp/rest.pem" "$tmp/site.pem" >/dev/null 2>&1 || ok=1
	fi
	rm -rf "$tmp"
	return $ok
}

# The organisation's certificate: its key matches, its chain leads to a CA this server trusts (or
# to --ca), it covers the site's name; copied beside ours, with --ca as <site>-ca.crt. Browsers are
# not the only ones to check it: socket.io and the PDF maker call https://<site> from the server.
install_given_cert() {
	local dir=$1 name=$2
	if [ "$DRY_RUN" -eq 0 ]; then
		if [ "$(openssl x509 -in "$PROD_CERT" -noout -pubkey)" != "$(openssl pkey -in "$PROD_KEY" -pubout)" ]; then
			echo "$PROD_KEY is not the key of $PROD_CERT"
			return 1
		fi
		if ! chain_trusted "$PROD_CERT" "$PROD_CA"; then
			if [ -n "$PROD_CA" ]; then
				echo "$PROD_CERT does not lead to $PROD_CA: give the certificate with its intermediates"
				echo "(the site's certificate first), and the root of the CA that issued them"
			else
				echo "$PROD_CERT is issued by a CA this server does not trust: give that CA's root"
				echo "certificate with --ca ROOT.pem (and the intermediates in $PROD_CERT, after the site's)"
			fi
			return 1
		fi
		cert_covers "$PROD_CERT" "$name" "" ||
			echo "warning: $PROD_CERT does not name $name, or expires within 30 days"
	fi
	run $SUDO mkdir -p "$dir"
	run $SUDO install -m 0644 "$PROD_CERT" "$dir/$name.crt"
	run $SUDO install -m 0600 "$PROD_KEY" "$dir/$name.key"
	[ -z "$PROD_CA" ] || run $SUDO install -m 0644 "$PROD_CA" "$dir/$name-ca.crt"
}

# --- the stages ---------------------------------------------------------------------------------
production_config() {
	local workers=${WEB_WORKERS:-$(web_workers_default)}
	say "P1. production settings: web port $PORT, $workers gunicorn workers, $BG_WORKERS worker(s) per queue"
	run bench set-config -g --parse webserver_port "$PORT"
	run bench set-config -g --parse gunicorn_workers "$workers"
	run bench set-config -g --parse background_workers "$BG_WORKERS"
	run bench config dns_multitenant on
	run bench config serve_default_site off
}

production_tls() {
	say "P2. HTTPS for $SITE"
	if [ -n "$PROD_CERT" ]; then
		install_given_cert "$SSL_DIR" "$SITE"
	else
		make_ca "$SSL_DIR"
		make_site_cert "$SSL_DIR" "$SITE" "$PROD_IPS"
		if [ "$DRY_RUN" -eq 0 ]; then
			echo "The office's PCs trust $SSL_DIR/ca.crt (docs/deployment.md, \"HTTPS\"); its fingerprint:"
			openssl x509 -in "$SSL_DIR/ca.crt" -noout -fingerprint -sha256
		fi
	fi
	# the server trusts the CA too: wkhtmltopdf, curl and socket.io here read the system's store
	if [ -z "$PROD_CERT" ]; then
		run $SUDO install -m 0644 "$SSL_DIR/ca.crt" "/usr/local/share/ca-certificates/sanyou-$(bench_name)-ca.crt"
		run $SUDO update-ca-certificates
	elif [ -n "$PROD_CA" ]; then
		run $SUDO install -m 0644 "$SSL_DIR/$SITE-ca.crt" "/usr/local/share/ca-certificates/sanyou-$SITE-ca.crt"
		run $SUDO update-ca-certificates
	fi
	# socket.io asks the site who a browser's session is, at https://<site>: the name must reach
	# this server's nginx from the server itself
	if ! is_ip "$SITE" && ! getent hosts "$SITE" >/dev/null 2>&1; then
		echo "127.0.0.1 $SITE" | put_file_append /etc/hosts
	fi
	run bench --site "$SITE" set-config ssl_certificate "$SSL_DIR/$SITE.crt"
	run bench --site "$SITE" set-config ssl_certificate_key "$SSL_DIR/$SITE.key"
	run bench --site "$SITE" set-config host_name "https://$SITE"
	run bench --site "$SITE" set-config allow_tests false
}

# the bench's supervisor programs, by name
bench_name() { basename "$(cd "$BENCH" 2>/dev/null && pwd -P || echo "$BENCH")"; }

# a system service started when it does not run (in a session of its own, as MariaDB above)
service_up() {
	local name=$1 probe=$2
	if [ "$DRY_RUN" -eq 1 ]; then
		run $SUDO service "$name" start
	elif ! eval "$probe" >/dev/null 2>&1; then
		$SUDO setsid -w service "$name" start
	fi
}

production_services() {
	local name user status
	name=$(bench_name)
	user=$(id -un)
	say "P3. supervisor and nginx ($name)"
	if [ "$DRY_RUN" -eq 0 ]; then
		# the Redis servers the steps above started on their own make way for supervisor's
		# (read whole: grep -q would stop supervisorctl mid-write, which pipefail counts as a failure)
		status=$($SUDO supervisorctl status "$name-redis:" 2>/dev/null || true)
		if ! grep -q RUNNING <<<"$status"; then
			busy=$(bench_busy)
			[ -z "$busy" ] || {
				echo "Frappe commands run on this bench (pid $busy): stop them, then run this again"
				return 1
			}
			bench_redis_down
		fi
		# a `bench start` an earlier run without --production left serving
		if pid=$(serving_pid); then kill -- "-$pid" 2>/dev/null || true; fi
	fi
	run bench setup supervisor --yes --user "$user"
	# socket.io's node checks each browser's session at https://<site>; node trusts only its own
	# list of CAs, so it is told of the system's
	socketio_trusts_ca "$BENCH/config/supervisor.conf" "$name" "$(site_ca_file)"
	run bench setup nginx --yes --log_format combined
	run $SUDO ln -sfn "$BENCH/config/supervisor.conf" "/etc/supervisor/conf.d/$name.conf"
	run $SUDO ln -sfn "$BENCH/config/nginx.conf" "/etc/nginx/conf.d/$name.conf"
	run $SUDO rm -f /etc/nginx/sites-enabled/default /etc/nginx/conf.d/default.conf
	service_up supervisor "pgrep -x supervisord"
	run $SUDO supervisorctl reread
	run $SUDO supervisorctl update
	# the Redis servers first: stopped by an administrator (or made way for above), `update` leaves
	# them stopped, and the web and workers need them ("already started" is not a failure)
	run $SUDO supervisorctl start "$name-redis:" || true
	run $SUDO supervisorctl restart "$name-web:" "$name-workers:"
	run $SUDO nginx -t
	service_up nginx "pgrep -x nginx"
	run $SUDO nginx -s reload
}

# the CAs socket.io trusts: the system's, which hold the CA of every site of the bench (ours,
# one given with --ca, or one every system knows), whatever run of setup.sh added it
site_ca_file() { echo "$SYSTEM_CAS"; }

# NODE_EXTRA_CA_CERTS in the socket.io program of the bench's supervisor.conf (bench setup
# supervisor writes the file anew each time: run again after it)
socketio_trusts_ca() {
	local conf=$1 name=$2 ca=$3
	if [ "$DRY_RUN" -eq 1 ]; then
		run sed -i "/^\[program:$name-node-socketio\]/a environment=NODE_EXTRA_CA_CERTS=\"$ca\"" "$conf"
		return 0
	fi
	sed -i "/^environment=NODE_EXTRA_CA_CERTS=/d" "$conf"
	sed -i "/^\[program:$name-node-socketio\]/a environment=NODE_EXTRA_CA_CERTS=\"$ca\"" "$conf"
}

# cron's "minute hour" as HH:MM
clock_text() { printf '%02d:%02d' "${1#* }" "${1%% *}"; }

# BACKUP_AT ("minute hour" on the sites' clock) as the server's clock reads it, which cron goes
# by: a server kept in UTC backs up at 02:30 Beijing time, not at 10:30 in the office's day
backup_at_server_clock() {
	date -d "TZ=\"$SITES_TZ\" $(clock_text "$BACKUP_AT")" +'%-M %-H'
}

# the cron line of the daily backup
backup_cron() {
	local script="$BENCH/apps/sanyou_app/scripts/backup.sh" at
	at=$(backup_at_server_clock)
	cat <<EOF
# sanyou_app: the daily backup of every site of $BENCH, copied to $BACKUP_TO
# (docs/deployment.md, "Backups"). Written by scripts/setup.sh --production.
# $(clock_text "$BACKUP_AT") $SITES_TZ, $(clock_text "$at") by this server's clock ($(date +%Z)); run setup.sh again if that changes.
SHELL=/bin/bash
PATH=$BENCH_CLI/bin:/usr/local/bin:/usr/bin:/bin
$at * * * $(id -un) bash $script --bench $BENCH --to $BACKUP_TO --keep-daily $KEEP_DAILY --keep-weekly $KEEP_WEEKLY >>$BENCH/logs/sanyou-backup.log 2>&1
EOF
}

production_backups() {
	say "P4. daily backups to $BACKUP_TO (keep $KEEP_DAILY daily, $KEEP_WEEKLY weekly)"
	# a folder on this machine (a second disk) is the bench user's to write in
	if [[ $BACKUP_TO != *:* ]] && { [ "$DRY_RUN" -eq 1 ] || [ ! -w "$BACKUP_TO" ]; }; then
		run $SUDO install -d -o "$(id -un)" -g "$(id -gn)" -m 0750 "$BACKUP_TO"
	fi
	backup_cron | put_file "/etc/cron.d/sanyou-backup-$(bench_name)" 0644
	service_up cron "pgrep -x cron"
	if [ "$DRY_RUN" -eq 0 ] && [[ $BACKUP_TO == *:* ]]; then
		ssh -o BatchMode=yes "${BACKUP_TO%%:*}" true 2>/dev/null ||
			echo "warning: ssh to ${BACKUP_TO%%:*} needs a key without a passphrase for $(id -un) (docs/deployment.md)"
	fi
}

production_verify() {
	local url="https://$SITE" resolve=() bad=0 name status redirect
	name=$(bench_name)
	say "P5. check: $url"
	if [ "$DRY_RUN" -eq 1 ]; then
		if [ -n "$PROD_CERT" ]; then run curl "$url/api/method/ping"; else run curl --cacert "$SSL_DIR/ca.crt" "$url/api/method/ping"; fi
		return 0
	fi
	# the name may not be in DNS yet: ask this machine's nginx
	is_ip "$SITE" || resolve=(--resolve "$SITE:80:127.0.0.1")
	for _ in $(seq 90); do
		https_ping 2>/dev/null && break
		sleep 2
	done
	if https_ping; then
		echo "ok       $url/api/method/ping answers over HTTPS"
	else
		echo "FAILED   $url/api/method/ping"
		bad=1
	fi
	redirect=$(curl -sS -o /dev/null -w '%{http_code} %{redirect_url}' -m 10 "${resolve[@]}" "http://$SITE/login" || true)
	if [ "$redirect" = "301 https://$SITE/login" ]; then
		echo "ok       http://$SITE redirects to HTTPS"
	else
		echo "FAILED   http://$SITE does not redirect to HTTPS"
		bad=1
	fi
	status=$($SUDO supervisorctl status 2>/dev/null | grep "^$name-" || true)
	echo "$status"
	if [ -z "$status" ] || grep -qv RUNNING <<<"$status"; then
		echo "FAILED   a supervisor program of $name does not run"
		bad=1
	fi
	return $bad
}

production() {
	production_tls
	production_services
	production_backups
	production_verify
}

# the site answers over HTTPS on this machine's nginx (setup.sh --check --production)
https_ping() {
	local resolve=() ca=()
	is_ip "$SITE" || resolve=(--resolve "$SITE:443:127.0.0.1")
	[ -n "$PROD_CERT" ] || ca=(--cacert "$SSL_DIR/ca.crt")
	local answer
	answer=$(curl -fsS -m 10 "${resolve[@]}" "${ca[@]}" "https://$SITE/api/method/ping") || return 1
	grep -q pong <<<"$answer"
}
