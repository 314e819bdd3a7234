# shellcheck shell=sh
# Fault group "config" (issue 4): a bad configuration at `service jdaemon
# start`, `restart` and `reload`. Sourced by packaging/test-faults, which
# provides the test system, fault_case, service_cmd and the checks.
#
# A bad file fails start and restart within START_LIMIT_S with ONE line
# `jdaemon: FILE: ...` that names the file (and the key and the value where
# there is one) and leaves nothing running; a bad file at reload fails the
# reload with that line while the running settings keep writing, in the same
# JVM. No Java stack trace anywhere. The line is read where an admin reads
# it: the command's output (sysv), or the journal and `systemctl status`
# (systemd).

readonly START_LIMIT_S=5
readonly LOG4J_CONFIG=/etc/jdaemon/log4j2.xml
readonly DEFAULTS=/etc/default/jdaemon
readonly JSVC_LOG=/var/log/jdaemon/jsvc.log
# What a stack trace leaves in a log.
readonly TRACE_PATTERN='at org\.|Exception in thread|	at '

# The cases, one a line: NAME|ACTIONS|FILE|EXPECTED|BREAK
#   ACTIONS   the service commands tried, each a case of its own
#             (start-NAME, restart-NAME, reload-NAME)
#   FILE      properties, log4j or defaults: the file broken and named
#   EXPECTED  what follows "jdaemon: FILE: " in the one line; "-" when the
#             file is not bad after all and the command must succeed
#   BREAK     a command line run in the test system; props writes its
#             arguments as the lines of jdaemon.properties
# log4j2.xml and /etc/default/jdaemon are read at start only, so a reload
# does not try them.
CONFIG_CASES=$(
    cat <<'EOF'
missing-file|start restart reload|properties|no such file|rm -f /etc/jdaemon/jdaemon.properties
unreadable-file|start reload|properties|permission denied|chmod 000 /etc/jdaemon/jdaemon.properties
unreadable-by-user|start restart reload|properties|permission denied|chmod 0600 /etc/jdaemon/jdaemon.properties
binary-garbage|start reload|properties|line 2: control character \u0000: binary data|printf 'output.interval = 1s\n\000\001\002\003\n' >/etc/jdaemon/jdaemon.properties
invalid-utf8|start reload|properties|not valid UTF-8 text (line 2)|printf 'output.interval = 1s\noutput.message = caf\351\n' >/etc/jdaemon/jdaemon.properties
empty-file|start reload|properties|-|: >/etc/jdaemon/jdaemon.properties
unknown-key|start reload|properties|colour: unknown key (known keys: |props 'colour = red'
misspelt-key|start restart reload|properties|output.intervall: unknown key, did you mean 'output.interval'?|props 'output.intervall = 1s'
duplicate-key|start reload|properties|output.interval: set more than once|props 'output.interval = 1s' 'output.interval = 2s'
interval-unit|start reload|properties|output.interval: bad value '1d': not a duration|props 'output.interval = 1d'
interval-unit-word|start reload|properties|output.interval: bad value '10 seconds': not a duration|props 'output.interval = 10 seconds'
interval-zero|start restart reload|properties|output.interval: bad value '0ms': must be a positive duration|props 'output.interval = 0ms'
interval-negative|start reload|properties|output.interval: bad value '-5s': not a duration|props 'output.interval = -5s'
interval-huge|start reload|properties|output.interval: bad value '25h': too large (at most 24h)|props 'output.interval = 25h'
interval-overflow|start reload|properties|output.interval: bad value '99999999999999s': not a duration|props 'output.interval = 99999999999999s'
interval-fraction|start reload|properties|output.interval: bad value '1.5s': not a duration|props 'output.interval = 1.5s'
interval-spaces|start reload|properties|output.interval: bad value '1 s': not a duration|props 'output.interval = 1 s'
interval-empty|start reload|properties|output.interval: bad value '': empty|props 'output.interval ='
message-newline|start restart reload|properties|output.message: bad value 'a\nb': must be one line|props 'output.message = a\nb'
message-placeholder|start reload|properties|output.message: bad value '${nope}': unknown placeholder '${nope}'|props 'output.message = ${nope}'
message-unclosed|start reload|properties|output.message: bad value 'x ${seq': placeholder '${' is not closed|props 'output.message = x ${seq'
message-empty|start reload|properties|output.message: bad value '': empty|props 'output.message ='
file-relative|start reload|properties|output.file: bad value 'var/lib/jdaemon/x.txt': not an absolute path|props 'output.file = var/lib/jdaemon/x.txt'
file-dot-dot|start reload|properties|output.file: bad value '/var/lib/jdaemon/../x.txt': not a plain file path|props 'output.file = /var/lib/jdaemon/../x.txt'
file-directory|start restart reload|properties|output.file: bad value '/var/lib/jdaemon': exists and is not a regular file|props 'output.file = /var/lib/jdaemon'
file-missing-directory|start reload|properties|output.file: bad value '/var/lib/jdaemon/none/x.txt': directory /var/lib/jdaemon/none does not exist|props 'output.file = /var/lib/jdaemon/none/x.txt'
file-unwritable-directory|start reload|properties|output.file: bad value '/etc/jdaemon/x.txt': directory /etc/jdaemon is not writable by user _jdaemon|props 'output.file = /etc/jdaemon/x.txt'
file-unwritable-file|start reload|properties|output.file: bad value '/var/lib/jdaemon/ro.txt': not writable by user _jdaemon|install -m 0644 /dev/null /var/lib/jdaemon/ro.txt && props 'output.file = /var/lib/jdaemon/ro.txt'
file-empty|start reload|properties|output.file: bad value '': empty|props 'output.file ='
metrics-relative|start reload|properties|metrics.file: bad value 'jdaemon.prom': not an absolute path|props 'metrics.file = jdaemon.prom'
metrics-suffix|start restart reload|properties|metrics.file: bad value '/var/lib/jdaemon/metrics.txt': must end in .prom|props 'metrics.file = /var/lib/jdaemon/metrics.txt'
metrics-missing-directory|start reload|properties|metrics.file: bad value '/var/lib/jdaemon/none/jdaemon.prom': directory /var/lib/jdaemon/none does not exist|props 'metrics.file = /var/lib/jdaemon/none/jdaemon.prom'
metrics-unwritable-directory|start reload|properties|metrics.file: bad value '/etc/jdaemon/jdaemon.prom': directory /etc/jdaemon is not writable by user _jdaemon|props 'metrics.file = /etc/jdaemon/jdaemon.prom'
metrics-directory|start reload|properties|metrics.file: bad value '/var/lib/jdaemon/': not a plain file path|props 'metrics.file = /var/lib/jdaemon/'
metrics-empty|start reload|properties|-|props 'metrics.file ='
fsync-word|start reload|properties|output.fsync: bad value 'yes': must be true or false|props 'output.fsync = yes'
fsync-empty|start reload|properties|output.fsync: bad value '': empty|props 'output.fsync ='
log4j-malformed|start restart|log4j|line 3, column 1: not well-formed XML|printf '<Configuration>\n  <Appenders>\n' >/etc/jdaemon/log4j2.xml
log4j-not-log4j|start|log4j|root element is <html>, not log4j2's <Configuration>|echo '<html/>' >/etc/jdaemon/log4j2.xml
log4j-missing|start|log4j|no such file|rm /etc/jdaemon/log4j2.xml
log4j-unreadable|start|log4j|permission denied|chmod 0600 /etc/jdaemon/log4j2.xml
defaults-syntax-error|start restart|defaults|line 2: Syntax error: Unterminated quoted string|printf 'JAVA_OPTS="-Xmx64m\n' >/etc/default/jdaemon
defaults-unquoted|start|defaults|line 1: -Xint: not found|echo 'JAVA_OPTS=-Xmx64m -Xint' >/etc/default/jdaemon
defaults-heap-unit|start restart|defaults|JAVA_OPTS: bad value '-Xmx64': Too small maximum heap|echo 'JAVA_OPTS="-Xmx64"' >/etc/default/jdaemon
defaults-unknown-option|start restart|defaults|JAVA_OPTS: bad value '-Xint -XX:+NoSuchOption': Unrecognized VM option 'NoSuchOption'|echo 'JAVA_OPTS="-Xint -XX:+NoSuchOption"' >/etc/default/jdaemon
defaults-not-an-option|start|defaults|JAVA_OPTS: bad value '-Xint Xmx64m': 'Xmx64m' is not an option|echo 'JAVA_OPTS="-Xint Xmx64m"' >/etc/default/jdaemon
defaults-jsvc-pidfile|start restart|defaults|JSVC_OPTS: bad value '-debug -pidfile /run/other.pid': jdaemon sets '-pidfile' itself|echo 'JSVC_OPTS="-debug -pidfile /run/other.pid"' >/etc/default/jdaemon
defaults-java-home|start|defaults|JAVA_HOME: bad value '/nonexistent': no bin/java there|echo 'JAVA_HOME=/nonexistent' >/etc/default/jdaemon
defaults-deleted|start restart|defaults|-|rm /etc/default/jdaemon
EOF
)

# The path a FILE column names.
config_path() {
    case "$1" in
        properties) echo "$CONFIG" ;;
        log4j) echo "$LOG4J_CONFIG" ;;
        defaults) echo "$DEFAULTS" ;;
        *) die "unknown file $1 in CONFIG_CASES" ;;
    esac
}

# Runs a BREAK command line in the test system.
break_config() {
    # shellcheck disable=SC2016 # expanded by the test system's shell
    sh_in 'props() { printf "%s\n" "$@" >'"$CONFIG"'; }; '"$1" || why "cannot break the file: $1"
}

# Where the case's logs start, so that the checks read only what it caused:
# the journal's cursor (systemd); jsvc.log and jdaemon.log are emptied by
# fresh_service (sysv).
mark_logs() {
    JOURNAL_CURSOR=
    if [ "$MODE" = systemd ]; then
        JOURNAL_CURSOR=$(in_chroot journalctl -u jdaemon -n 0 --show-cursor --no-pager | sed -n 's/^-- cursor: //p')
    fi
}

# What the service printed since mark_logs, where an admin finds it.
service_messages() {
    if [ "$MODE" = systemd ]; then
        in_chroot journalctl -u jdaemon --after-cursor="$JOURNAL_CURSOR" -o cat --no-pager 2>/dev/null
    else
        cat "$OUT"
    fi
}

# Exactly one line `jdaemon: FILE: EXPECTED...`, and no other `jdaemon: /`
# line. Under systemd the journal may take a moment, and `systemctl status`
# must show the line too.
one_error_line() {
    _ol_want="jdaemon: $1: $2"
    wait_for 3 error_line_logged "$_ol_want" ||
        why "no '$_ol_want' line in $3: $(service_messages | grep 'jdaemon: /' | tail -n 2 | paste -sd'|' -)" || return
    _ol_count=$(service_messages | grep -c 'jdaemon: /')
    [ "$_ol_count" = 1 ] ||
        why "$_ol_count 'jdaemon: /' lines in $3: $(service_messages | grep 'jdaemon: /' | paste -sd'|' - | cut -c1-300)" ||
        return
    if [ "$MODE" = systemd ]; then
        in_chroot systemctl status --no-pager -n 20 jdaemon >"$OUT.status" 2>&1 || true
        grep -qF "$_ol_want" "$OUT.status" || why "systemctl status does not show '$_ol_want'" || return
    fi
    NOTE="${NOTE:+$NOTE, }$(service_messages | grep -o 'jdaemon: /.*' | cut -c1-160)"
}

error_line_logged() {
    service_messages | grep -qF "$1"
}

where_shown() {
    if [ "$MODE" = systemd ]; then
        echo "the journal"
    else
        echo "the command's output"
    fi
}

# No Java stack trace in the command's output or any log of the case.
no_stack_trace() {
    _ns_where=
    for _ns_file in "$OUT" "$CHROOT_DIR$JDAEMON_LOG" "$CHROOT_DIR$JSVC_LOG"; do
        if grep -qE "$TRACE_PATTERN" "$_ns_file" 2>/dev/null; then
            _ns_where="$_ns_where ${_ns_file#"$CHROOT_DIR"}"
        fi
    done
    if [ "$MODE" = systemd ] && service_messages | grep -qE "$TRACE_PATTERN"; then
        _ns_where="$_ns_where journal"
    fi
    [ -z "$_ns_where" ] || why "a stack trace in$_ns_where"
}

# No JVM or controller, no pidfile; under systemd the unit failed and was
# not restarted.
nothing_running() {
    no_jsvc_process || return
    no_pidfile || return
    if [ "$MODE" = systemd ]; then
        _nr_state=$(in_chroot systemctl show -P ActiveState jdaemon)
        _nr_restarts=$(in_chroot systemctl show -P NRestarts jdaemon)
        if [ "$_nr_state" != failed ] || [ "$_nr_restarts" != 0 ]; then
            why "unit is $_nr_state after $_nr_restarts restarts, want failed after 0"
        fi
    fi
}

# Runs `service jdaemon ACTION`, setting TOOK_MS and ACTION_STATUS.
timed_service_cmd() {
    _ts_start=$(now_ms)
    ACTION_STATUS=0
    service_cmd "$1" || ACTION_STATUS=$?
    TOOK_MS=$(($(now_ms) - _ts_start))
    NOTE="exit $ACTION_STATUS after $TOOK_MS ms"
}

# A refused start or restart: non-zero within the limit, one line, nothing
# left running, no stack trace.
refused_start() {
    [ "$ACTION_STATUS" != 0 ] || why "exits 0" || return
    [ "$TOOK_MS" -le $((START_LIMIT_S * 1000)) ] || why "took over $START_LIMIT_S s" || return
    one_error_line "$1" "$2" "$(where_shown)" || return
    nothing_running || return
    no_stack_trace
}

# A file that is not bad after all: the command succeeds and records follow.
accepted_start() {
    [ "$ACTION_STATUS" = 0 ] || why "exits $ACTION_STATUS: $(output_tail "$OUT")" || return
    wait_for 5 in_chroot test -s "$RECORDS" || why "no record within 5 s" || return
    find_single_jvm || return
    no_stack_trace
}

# judge_start FILE EXPECTED: the start or restart just timed, accepted when
# EXPECTED is "-", refused with the line naming FILE otherwise.
judge_start() {
    if [ "$2" = - ]; then
        accepted_start
    else
        refused_start "$1" "$2"
    fi
}

# start-NAME: the service stopped, the file broken, then started.
start_case() {
    fresh_stopped_service || return
    break_config "$3" || return
    mark_logs
    timed_service_cmd start
    judge_start "$1" "$2"
}

# restart-NAME: the service running, the file broken, then restarted.
restart_case() {
    fresh_service || return
    break_config "$3" || return
    in_chroot rm -f "$RECORDS"
    mark_logs
    timed_service_cmd restart
    judge_start "$1" "$2"
}

# reload-NAME: the service running with the fault records, the file broken,
# then reloaded: refused, and the same JVM keeps writing the old records.
reload_case() {
    fresh_service || return
    find_single_jvm || return
    _rc_jvm=$JVM_PID
    break_config "$3" || return
    mark_logs
    timed_service_cmd reload
    if [ "$2" = - ]; then
        [ "$ACTION_STATUS" = 0 ] || why "exits $ACTION_STATUS: $(output_tail "$OUT")" || return
        # The empty file's defaults: the message "hello", written at once.
        wait_for 5 has_record '^hello$' || why "no record with the default message within 5 s" || return
    else
        [ "$ACTION_STATUS" != 0 ] || why "exits 0" || return
        one_error_line "$1" "$2" "$(where_shown)" || return
        records_resume 2 || return
        in_chroot tail -n 1 "$RECORDS" | grep -q "^fault [0-9]* .* $_rc_jvm\$" ||
            why "newest record is not the old settings' from JVM $_rc_jvm: $(in_chroot tail -n 1 "$RECORDS")" || return
    fi
    find_single_jvm || return
    [ "$JVM_PID" = "$_rc_jvm" ] || why "JVM changed $_rc_jvm -> $JVM_PID" || return
    no_stack_trace
}

# The table is read on fd 3, not through a pipe: a pipeline's subshell would
# lose the counts of passed and failed cases, and stdin would feed the cases'
# commands.
config_cases() {
    while IFS='|' read -r _cc_name _cc_actions _cc_file _cc_expected _cc_break <&3; do
        _cc_path=$(config_path "$_cc_file")
        for _cc_action in $_cc_actions; do
            fault_case "$_cc_action-$_cc_name" "${_cc_action}_case" "$_cc_path" "$_cc_expected" "$_cc_break"
        done
    done 3<<EOF
$CONFIG_CASES
EOF
}
