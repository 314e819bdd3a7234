# shellcheck shell=sh
# What the package tests (test-scenario, test-faults) share: named checks
# with a PASS/FAIL line each, and probes of the installed service inside a
# test system made with lib/chroot.sh (source that first).
#
#   check NAME FUNCTION [ARG...]   runs one check; FUNCTION sets WHY on
#                                  failure (`test || why "..." || return`)
#                                  and may set NOTE with what it measured
#   checks_summary                 prints `N passed, N failed`, returns 1 if
#                                  a check failed
# CHECK_SCOPE, when set, comes before every name (`trixie/sysv/scenario`):
# the stages of both releases and init systems print their cases side by side.
# OUT must name a file inside the test system's tree for command output.

# shellcheck disable=SC2034 # for the scripts that source this file
{
    readonly PIDFILE=/run/jdaemon/jdaemon.pid
    readonly CONFIG=/etc/jdaemon/jdaemon.properties
    readonly RECORDS=/var/lib/jdaemon/test.txt
    readonly RECORDS_DIR=/var/lib/jdaemon
    readonly LOG_DIR=/var/log/jdaemon
    readonly SERVICE_USER=_jdaemon
    # Records packaging/faults/check-records judges: `fault SEQ TIME PID`.
    # shellcheck disable=SC2016 # the daemon's placeholders
    readonly RECORDS_MESSAGE='fault ${seq} ${time} ${pid}'
}
# A service command that takes longer than this is hung.
readonly COMMAND_TIMEOUT=120

PASSED=0
FAILED=0
CHECK_SCOPE=
WHY=
NOTE=
OUT=

# printf, not echo: dash's echo would turn a message's escapes (a\nb) into
# line breaks.
check() {
    _check_name=${CHECK_SCOPE:+$CHECK_SCOPE/}$1
    shift
    WHY=
    NOTE=
    if "$@"; then
        PASSED=$((PASSED + 1))
        printf '%s\n' "PASS $_check_name${NOTE:+ ($NOTE)}"
    else
        FAILED=$((FAILED + 1))
        printf '%s\n' "FAIL $_check_name: ${WHY:-no reason given}${NOTE:+ ($NOTE)}"
    fi
}

checks_summary() {
    echo "$PASSED passed, $FAILED failed"
    [ "$FAILED" -eq 0 ]
}

# Sets the failure reason and fails.
why() {
    WHY=$*
    return 1
}

# The last lines of a command's output, on one line, for a failure reason.
output_tail() {
    tail -n "${2:-3}" "$1" | tr '\n' ' ' | cut -c1-400
}

# Runs a shell command line in the test system.
sh_in() {
    in_chroot sh -c "$1"
}

# service_cmd ACTION: `service jdaemon ACTION` as an admin types it, output
# in $OUT; returns its exit status.
service_cmd() {
    in_chroot timeout "$COMMAND_TIMEOUT" service jdaemon "$1" </dev/null >"$OUT" 2>&1
}

# Milliseconds since the epoch.
now_ms() {
    echo $(($(date +%s%N) / 1000000))
}

# wait_for SECONDS FUNCTION [ARG...]: polls FUNCTION until it succeeds.
wait_for() {
    _wf_deadline=$(($(date +%s) + $1))
    shift
    until "$@"; do
        [ "$(date +%s)" -lt "$_wf_deadline" ] || return 1
        sleep 0.05
    done
}

# Prints `pid ppid user sid` of each live jsvc process (zombies excluded).
jsvc_processes() {
    in_chroot ps -eo pid=,ppid=,stat=,user=,sid=,comm= |
        awk '$6 == "jsvc" && $3 !~ /^Z/ { print $1, $2, $4, $5 }'
}

# Prints the PIDs of the JVMs: jsvc processes forked by a jsvc controller.
jvm_pids() {
    jsvc_processes | awk '{ pid[$1] = 1; parent[$1] = $2 }
        END { for (p in pid) if (parent[p] in pid) print p }'
}

# Prints the PIDs of the controllers: jsvc processes whose parent is not jsvc.
controller_pids() {
    jsvc_processes | awk '{ pid[$1] = 1; parent[$1] = $2 }
        END { for (p in pid) if (!(parent[p] in pid)) print p }'
}

# single_process WHAT PID...: sets SINGLE_PID to the one PID given, failing
# with a reason that names WHAT when there are none or several.
single_process() {
    _sp_what=$1
    shift
    case "$#" in
        0) why "no $_sp_what is running" ;;
        1) SINGLE_PID=$1 ;;
        *) why "several ${_sp_what}s are running: $*" ;;
    esac
}

# Sets JVM_PID to the single running JVM, failing with a reason otherwise.
find_single_jvm() {
    # shellcheck disable=SC2046 # a list of PIDs
    single_process JVM $(jvm_pids) || return
    # shellcheck disable=SC2034 # JVM_PID is the caller's result
    JVM_PID=$SINGLE_PID
}

# Sets CONTROLLER_PID to the single jsvc controller, failing with a reason
# otherwise.
find_single_controller() {
    # shellcheck disable=SC2046 # a list of PIDs
    single_process "jsvc controller" $(controller_pids) || return
    # shellcheck disable=SC2034 # CONTROLLER_PID is the caller's result
    CONTROLLER_PID=$SINGLE_PID
}

# Whether the pidfile holds exactly PID and a newline.
pidfile_holds() {
    _ph_content=$(in_chroot cat "$PIDFILE" 2>/dev/null && echo x) || why "no pidfile" || return
    [ "$_ph_content" = "$1
x" ] || why "pidfile holds '$(printf '%s' "${_ph_content%x}" | od -An -c | tr -s ' ')', not '$1\\n'"
}

no_jsvc_process() {
    [ -z "$(jsvc_processes)" ] || why "jsvc processes left: $(jsvc_processes | paste -sd, -)"
}

no_pidfile() {
    ! in_chroot test -e "$PIDFILE" || why "$PIDFILE is left behind"
}

# Whether a record containing TEXT is in the records file.
has_record() {
    in_chroot grep -q -e "$1" "$RECORDS" 2>/dev/null
}

# Records containing TEXT; 0 when there is no records file.
count_records() {
    _cr_count=$(in_chroot grep -c -e "$1" "$RECORDS" 2>/dev/null) || true
    echo "${_cr_count:-0}"
}

# apt_in DIR ARG...: `apt-get -y ARG...` run in DIR of the test system (where
# ./NAME.deb is found), output in $OUT.
apt_in() {
    _ai_dir=$1
    shift
    in_chroot sh -c "cd $_ai_dir && timeout $COMMAND_TIMEOUT apt-get -y $*" </dev/null >"$OUT" 2>&1
}

# An admin's changes of the service's directories, which upgrades must keep
# (admin_dir_changes_kept).
change_dirs_as_admin() {
    in_chroot sh -c "chmod 0700 $RECORDS_DIR && chgrp adm $LOG_DIR && chmod 2750 $LOG_DIR" ||
        why "cannot change the directories as an admin would"
}

admin_dir_changes_kept() {
    _dk_dirs=$(service_dirs)
    [ "$_dk_dirs" = "$RECORDS_DIR _jdaemon:_jdaemon 700 $LOG_DIR _jdaemon:adm 2750" ] ||
        why "the admin's owner and mode were not kept: $_dk_dirs"
}

# The owner, group and mode of the service's directories, on one line.
service_dirs() {
    in_chroot stat -c '%n %U:%G %a' "$RECORDS_DIR" "$LOG_DIR" | paste -sd' ' -
}

# Copies the package into the test system and installs it with apt-get.
install_package() {
    _ip_dir=/root/package
    mkdir -p "$CHROOT_DIR$_ip_dir"
    cp "$1" "$CHROOT_DIR$_ip_dir/"
    apt_in "$_ip_dir" install "./${1##*/}"
}

# records_judged INTERVAL_MS [check-records OPTION...] [FILE...]: check-records
# over records files of the test system (default: the output file), read
# inside it, where a test may have mounted something over them; its line as
# NOTE or its problems as WHY.
records_judged() {
    _rj_options="--interval $1"
    shift
    while :; do
        case "${1:-}" in
            --partial) _rj_options="$_rj_options $1" && shift ;;
            --allow | --lossy) _rj_options="$_rj_options $1 $2" && shift 2 ;;
            *) break ;;
        esac
    done
    [ "$#" -gt 0 ] || set -- "$RECORDS"
    _rj_copies=$CHROOT_DIR/root/records-judged
    rm -rf "$_rj_copies"
    mkdir "$_rj_copies"
    _rj_files=
    for _rj_file in "$@"; do
        in_chroot cat "$_rj_file" >"$_rj_copies/${_rj_file##*/}" || why "cannot read $_rj_file" || return
        _rj_files="$_rj_files $_rj_copies/${_rj_file##*/}"
    done
    # shellcheck disable=SC2086 # word lists built above from paths without blanks
    _rj_out=$("$PACKAGING_DIR/faults/check-records" $_rj_options $_rj_files) ||
        why "$(echo "$_rj_out" | paste -sd';' - | cut -c1-400)" || return
    NOTE=${NOTE:+$NOTE, }$(echo "$_rj_out" | head -n 1)
}
