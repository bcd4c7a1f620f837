#!/usr/bin/env bash
# Installs the real peers the integration tests talk to, from Debian's packages:
#   chromium + chromium-driver  a real browser for the join pages and the portal
#   sip-tester                  SIPp, a real SIP peer
#   baresip-core + sipsak       real SIP clients that register as a new user would set them up
#   linphone-cli                linphonec, a real SIP client that chats (CPIM, IMDN reports)
#   bsdutils                    script, the pseudo-terminal baresip's console runs at
#   kamailio                    Kamailio, whose msrp module is a real MSRP relay (RFC 4976)
# Run as root (or with sudo) on Debian or Ubuntu; does nothing for what is already there.
set -euo pipefail

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
command -v sipp >/dev/null 2>&1 || missing+=(sip-tester)
command -v baresip >/dev/null 2>&1 || missing+=(baresip-core)
command -v sipsak >/dev/null 2>&1 || missing+=(sipsak)
command -v linphonec >/dev/null 2>&1 || missing+=(linphone-cli)
command -v script >/dev/null 2>&1 || missing+=(bsdutils)
command -v kamailio >/dev/null 2>&1 || missing+=(kamailio)

if [ ${#missing[@]} -eq 0 ]; then
  echo "Test tools present: chromium, chromedriver, sipp, baresip, sipsak, linphonec, script, kamailio"
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "Install these packages with your system's package manager: ${missing[*]}" >&2
  exit 1
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  sudo="sudo"
fi
echo "Installing ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "Test tools installed: ${missing[*]}"
