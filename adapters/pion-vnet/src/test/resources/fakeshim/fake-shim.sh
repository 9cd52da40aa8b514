#!/bin/sh
# A stand-in for a broken shim: it answers hello and nat.open as protocol version 1 asks (request ids
# 1 and 2, as StdioShim numbers them), then misbehaves on the third request as MODE says.
mode="$1"
read -r _hello
case "$mode" in
  die-at-start) echo "fake shim: cannot start, on purpose" >&2; exit 3 ;;
esac
echo '{"id":1,"ok":true,"result":{"protocol":"netconform-stdio","version":1,"implementation":{"name":"fake","version":"0"},"areas":{"nat":{"layer":"model","capabilities":["set-timers"],"config":{}}},"maxLine":65536}}'
read -r _open
echo '{"id":2,"ok":true,"result":{"topology":{"insideHosts":["198.51.100.10","198.51.100.11","198.51.100.12"],"serverAddresses":["203.0.113.100","203.0.113.101"],"otherOutsideHost":"203.0.113.200","externalAddresses":["203.0.113.1"]},"virtualTime":false}}'
read -r _request
case "$mode" in
  garbage) echo 'this is not JSON at all' ;;
  wrong-id) echo '{"id":7,"ok":true,"result":{"delivered":false}}' ;;
  flood) exec awk 'BEGIN { while (1) printf "x" }' ;;
  hang) exec sleep 60 ;;
  crash) echo "fake shim: panic: on purpose" >&2; exit 2 ;;
esac
# keep stdin open until the client closes it, as a live shim would
cat >/dev/null
