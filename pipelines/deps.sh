#!/bin/sh
# Install the Debian packages and locales pfe needs, or, when not root,
# print the exact command that would and fail.
set -eu

PACKAGES="gcc make pkg-config libxml2-dev libxml2-utils libcsv-dev nettle-dev
gettext locales bats bats-support bats-assert sqlite3 parallel"
# zh_CN for the Chinese messages; de_DE has a decimal comma, which the
# tests use to prove that amounts never follow the locale.
LOCALES="zh_CN.UTF-8 de_DE.UTF-8"

missing=
for p in $PACKAGES; do
	status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
	case $status in
	*" installed") ;;
	*) missing="$missing $p" ;;
	esac
done

missing_locales=
for l in $LOCALES; do
	# locale -a spells UTF-8 as utf8.
	want=$(echo "$l" | sed 's/UTF-8/utf8/')
	locale -a 2>/dev/null | grep -qx "$want" || missing_locales="$missing_locales $l"
done

if [ -z "$missing" ] && [ -z "$missing_locales" ]; then
	exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
	echo "pfe: missing Debian packages or locales; run as root:" >&2
	[ -n "$missing" ] &&
		echo "  apt-get update && apt-get install -y$missing" >&2
	for l in $missing_locales; do
		echo "  localedef -i ${l%%.*} -f UTF-8 $l" >&2
	done
	exit 1
fi

if [ -n "$missing" ]; then
	echo "pfe: installing$missing" >&2
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	# shellcheck disable=SC2086
	apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi
for l in $missing_locales; do
	echo "pfe: generating locale $l" >&2
	localedef -i "${l%%.*}" -f UTF-8 "$l"
done
