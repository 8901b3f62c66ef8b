#!/usr/bin/env bash
# Screenshot of Reader in a virtual X screen: scripts/screenshot.sh [OUTPUT.png] [APP ARGS...]
#
# Starts Xvfb (unless one already answers on the display), runs the app with a fresh settings
# file so it opens the sample library, waits for its window, resizes it to fill the screen,
# saves the screen as OUTPUT (default docs/screenshot.png), then closes the app and the Xvfb it started.
#
# Environment (all optional):
#   READER_CMD          command that starts the app (default: .venv/bin/reader); split on spaces
#   SCREENSHOT_DISPLAY  X display to use (default :99)
#   SCREEN_SIZE         WIDTHxHEIGHT of the virtual screen (default 1400x900)
#   SETTLE              seconds to wait after the window appears, for it to finish drawing (default 2)
#   WINDOW_TIMEOUT      seconds to wait for the window before giving up (default 30)
#   FILL_SCREEN         1 (default) resizes the window to the whole screen; 0 keeps its own size
#   WINDOW_CLASS        WM_CLASS to look for when the window cannot be found by process (default reader)
# Needs: Xvfb (apt: xvfb), xdotool, xdpyinfo (apt: x11-utils), import (apt: imagemagick).
set -euo pipefail
cd "$(dirname "$0")/.."

out=${1:-docs/screenshot.png}
[ $# -gt 0 ] && shift
display=${SCREENSHOT_DISPLAY:-:99}
size=${SCREEN_SIZE:-1400x900}
settle=${SETTLE:-2}
window_timeout=${WINDOW_TIMEOUT:-30}
read -r -a app_cmd <<<"${READER_CMD:-.venv/bin/reader}"

die() { echo "screenshot.sh: $*" >&2; exit 1; }
need() { command -v "$1" >/dev/null 2>&1 || die "$1 is not installed (apt: $2)"; }
need Xvfb xvfb
need xdotool xdotool
need xdpyinfo x11-utils
need import imagemagick
[[ $size =~ ^[0-9]+x[0-9]+$ ]] || die "SCREEN_SIZE must look like 1400x900, not '$size'"
command -v "${app_cmd[0]}" >/dev/null 2>&1 || die "cannot run '${app_cmd[0]}' (run 'make bootstrap' or set READER_CMD)"

work=$(mktemp -d "${TMPDIR:-/tmp}/reader-screenshot.XXXXXX")
xvfb_pid=""
app_pid=""

stop() {  # stop one process we started: TERM, then KILL after 5 s
  local pid=$1 i
  kill -0 "$pid" 2>/dev/null || return 0
  kill "$pid" 2>/dev/null || true
  for i in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

cleanup() {
  [ -n "$app_pid" ] && stop "$app_pid"
  [ -n "$xvfb_pid" ] && stop "$xvfb_pid"
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

app_log_tail() { tail -n 15 "$work/app.log" >&2 || true; }

if ! xdpyinfo -display "$display" >/dev/null 2>&1; then
  Xvfb "$display" -screen 0 "${size}x24" -noreset -nolisten tcp >"$work/xvfb.log" 2>&1 &
  xvfb_pid=$!
  for _ in $(seq 100); do
    xdpyinfo -display "$display" >/dev/null 2>&1 && break
    kill -0 "$xvfb_pid" 2>/dev/null || { cat "$work/xvfb.log" >&2; die "Xvfb $display did not start"; }
    sleep 0.1
  done
  xdpyinfo -display "$display" >/dev/null 2>&1 || die "Xvfb $display did not answer within 10 s"
fi
screen=$(xdpyinfo -display "$display" | awk '/dimensions:/ && !seen {print $2; seen = 1}')
screen_w=${screen%x*}
screen_h=${screen#*x}

export DISPLAY=$display QT_QPA_PLATFORM=xcb READER_SETTINGS="$work/settings.ini"
unset WAYLAND_DISPLAY
"${app_cmd[@]}" "$@" >"$work/app.log" 2>&1 &
app_pid=$!

wid=""
deadline=$((SECONDS + window_timeout))
while [ -z "$wid" ]; do
  if ! kill -0 "$app_pid" 2>/dev/null; then
    app_log_tail
    die "the app exited before showing a window: ${app_cmd[*]} $*"
  fi
  [ "$SECONDS" -ge "$deadline" ] && { app_log_tail; die "no window appeared within ${window_timeout} s"; }
  wid=$(xdotool search --onlyvisible --pid "$app_pid" 2>/dev/null | tail -n 1 || true)
  if [ -z "$wid" ]; then  # a wrapper may have started the app as a child process
    wid=$(xdotool search --onlyvisible --class "${WINDOW_CLASS:-reader}" 2>/dev/null | tail -n 1 || true)
  fi
  [ -n "$wid" ] || sleep 0.2
done

if [ "${FILL_SCREEN:-1}" = 1 ]; then
  xdotool windowmove "$wid" 0 0 windowsize "$wid" "$screen_w" "$screen_h" >/dev/null 2>&1 || true
fi
xdotool windowraise "$wid" >/dev/null 2>&1 || true
sleep "$settle"
kill -0 "$app_pid" 2>/dev/null || { app_log_tail; die "the app exited while starting up"; }

mkdir -p "$(dirname "$out")"
import -display "$display" -window root "$out" || die "import could not save $out"
echo "saved $out (${screen_w}x${screen_h}) from window $wid of: ${app_cmd[*]} $*"
