#!/bin/sh
# Starts a throwaway Dovecot IMAP server on loopback for the IMAP tests, or stops it.
#   test/services/dovecot.sh start   -> prints "PORT DIR" (IMAP on 127.0.0.1:PORT, user reports / secret)
#   test/services/dovecot.sh stop DIR
# Needs the dovecot-imapd package and root (imap-login refuses to run as root, so mail is owned by
# the package's dovecot user; first_valid_uid is lowered to allow it). Recipe: shared/design/SERVICES.md.
set -eu

case "${1:-}" in
start)
  command -v dovecot >/dev/null 2>&1 || { echo "dovecot is not installed" >&2; exit 3; }
  D=$(mktemp -d /tmp/mxray-dovecot.XXXXXX)
  chmod 755 "$D"
  PORT=$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
  mkdir -p "$D/mail" "$D/run"
  printf 'reports:{PLAIN}secret\n' > "$D/users"
  cat > "$D/dovecot.conf" <<CONF
base_dir = $D/run
listen = 127.0.0.1
protocols = imap
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:$D/mail/%u
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = $PORT
  }
}
service anvil {
  chroot =
}
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u $D/users
}
userdb {
  driver = static
  args = uid=dovecot gid=dovecot home=$D/mail/%u
}
first_valid_uid = 100
log_path = $D/dovecot.log
CONF
  chown -R dovecot:dovecot "$D/mail"
  # Detach from our stdio: the daemon would otherwise hold the caller's pipe open forever.
  dovecot -c "$D/dovecot.conf" </dev/null >/dev/null 2>&1
  # Wait until the listener accepts connections (at most ~5 s).
  i=0
  until node -e 'const c=require("net").connect('"$PORT"',"127.0.0.1",()=>{c.end();process.exit(0)});c.on("error",()=>process.exit(1))' 2>/dev/null; do
    i=$((i + 1))
    [ "$i" -ge 50 ] && { echo "dovecot did not start; see $D/dovecot.log" >&2; cat "$D/dovecot.log" >&2 || true; exit 1; }
    sleep 0.1
  done
  echo "$PORT $D"
  ;;
stop)
  D="${2:?usage: dovecot.sh stop DIR}"
  dovecot -c "$D/dovecot.conf" stop 2>/dev/null || true
  sleep 0.3
  rm -rf "$D"
  ;;
*)
  echo "usage: $0 start | stop DIR" >&2
  exit 2
  ;;
esac
