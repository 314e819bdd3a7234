# shellcheck shell=sh
# shellcheck disable=SC2034 # NOTE is read by check() in lib/checks.sh
# Security (sourced by packaging/test-faults): what the service user can
# change, the modes of what the service creates, the JVM's capabilities, and
# links planted where root or the service writes.

# Where the service user may write: its own directories, and what every user
# may (the sticky temporary directories, /dev's null and the like).
readonly SERVICE_WRITABLE='^/(var/lib/jdaemon|var/log/jdaemon|run/jdaemon/state|tmp|var/tmp|dev/shm|run/lock|dev)(/|$)'
# A user of the host who is not the service's.
readonly OTHER_USER=mallory

# Runs a command as the service user, without root's groups.
as_service_user() {
    in_chroot setpriv --reuid="$SERVICE_USER" --regid="$SERVICE_USER" --init-groups "$@"
}

# Every file and directory the service user could write to or replace is one
# of its own: the pidfile, the jars, the configuration, the init files, the
# class-sharing archive the JVM maps are all out of its reach.
case_service_user_writes_only_its_own() {
    fresh_service || return
    # A link is not written through unless its target is writable, which find checks on its own.
    _so_all=$(as_service_user find / -xdev \( -path /proc -o -path /sys \) -prune -o \
        -writable ! -type l -print 2>/dev/null) || true
    _so_writable=$(printf '%s\n' "$_so_all" | grep -Ev "$SERVICE_WRITABLE") || true
    [ -z "$_so_writable" ] || why "$SERVICE_USER can write: $(echo "$_so_writable" | head -n 5 | paste -sd' ' -)" || return
    for _so_path in "$PIDFILE" /usr/share/jdaemon/jdaemon.jar /usr/libexec/jdaemon/jdaemon-jsvc "$CONFIG" \
        /etc/jdaemon/log4j2.xml /etc/default/jdaemon /etc/init.d/jdaemon /lib/systemd/system/jdaemon.service \
        /var/cache/jdaemon/jdaemon.jsa; do
        in_chroot test -e "$_so_path" || why "$_so_path is missing: the list above is out of date" || return
    done
    # /dev's null and the like are everyone's: left out of the note.
    NOTE="writable: $(printf '%s\n' "$_so_all" | grep -Ev '^/dev(/|$)' |
        sed 's,^\(/[^/]*/[^/]*\).*,\1,' | sort -u | paste -sd' ' -)"
}

# The files the service and its init script create, and their owners.
case_created_files_0640() {
    fresh_service || return
    in_chroot rm -f "$RECORDS"
    wait_for 5 in_chroot test -s "$RECORDS" || why "no new records file" || return
    # log4j2 starts, and creates its log, once the service is ready.
    wait_for 5 in_chroot test -s /var/log/jdaemon/jdaemon.log || why "no jdaemon.log 5 s after the start" || return
    _cf_files="$RECORDS /var/log/jdaemon/jdaemon.log"
    if [ "$MODE" = sysv ]; then
        _cf_files="$_cf_files /var/log/jdaemon/jsvc.log"
    fi
    for _cf_file in $_cf_files; do
        _cf_stat=$(in_chroot stat -c '%a %U:%G' "$_cf_file") || why "no $_cf_file" || return
        [ "$_cf_stat" = "640 $SERVICE_USER:$SERVICE_USER" ] || why "$_cf_file is $_cf_stat" || return
        NOTE="${NOTE:+$NOTE, }${_cf_file##*/} $_cf_stat"
    done
}

# After init() jsvc drops every capability of the JVM; the controller, root,
# keeps what it needs to signal and restart it.
case_jvm_no_capabilities() {
    fresh_service || return
    find_single_jvm || return
    _jc_caps=$(in_chroot grep -E '^Cap(Inh|Prm|Eff|Amb):' "/proc/$JVM_PID/status" | awk '{ print $2 }' | sort -u)
    [ "$_jc_caps" = 0000000000000000 ] ||
        why "JVM capabilities: $(in_chroot grep '^Cap' "/proc/$JVM_PID/status" | paste -sd' ' -)" || return
    _jc_user=$(in_chroot ps -o user= -p "$JVM_PID")
    [ "$_jc_user" = "$SERVICE_USER" ] || why "the JVM runs as $_jc_user"
    NOTE="JVM $JVM_PID as $_jc_user, CapInh/Prm/Eff/Amb 0"
}

# Root reads /etc/default/jdaemon as shell (the init script) and as an
# environment file (systemd): only root may write it, its directory and the
# configuration. Nothing in the configuration is ever run: a command
# substitution in a value stays text.
case_config_never_run() {
    for _cn_path in /etc/default/jdaemon /etc/default /etc/jdaemon "$CONFIG" /etc/jdaemon/log4j2.xml; do
        _cn_stat=$(in_chroot stat -c '%U %a' "$_cn_path")
        case "$_cn_stat" in
            "root "*[0145][0145] | "root "[0-7][0145][0145]) ;;
            *) why "$_cn_path is '$_cn_stat': not root's alone" || return ;;
        esac
    done
    fresh_service || return
    # Where the service user may write, also under systemd (whose /tmp is private).
    _cn_marker=/var/lib/jdaemon/config-ran
    # shellcheck disable=SC2016 # text for the daemon, never for a shell
    _cn_message='ran? $(touch /var/lib/jdaemon/config-ran) `touch /var/lib/jdaemon/config-ran` ${seq}'
    printf 'output.interval = %sms\noutput.message = %s\n' "$FAULT_INTERVAL_MS" "$_cn_message" >"$CHROOT_DIR$CONFIG"
    service_cmd reload || why "reload exits $?: $(output_tail "$OUT")" || return
    wait_for 5 has_record '^ran? ' || why "no record of the new message" || return
    ! in_chroot test -e "$_cn_marker" || why "a command in the configuration was run" || return
    _cn_record=$(in_chroot grep '^ran? ' "$RECORDS" | tail -n 1)
    [ "$_cn_record" = "${_cn_message%\$\{seq\}}${_cn_record##* }" ] || why "record '$_cn_record' is not the text" || return
    NOTE="record: $_cn_record"
}

# Another user who controls the output directory plants a link to a file
# only the service may write: the service refuses to follow it and writes
# again once the link is gone. The directory is not sticky, so the kernel's
# protected_symlinks does not step in: only jdaemon's own refusal protects.
case_output_symlink_planted() {
    fresh_service || return
    sh_in "id $OTHER_USER >/dev/null 2>&1 || useradd --no-create-home $OTHER_USER
        install -d -o $OTHER_USER -g $SERVICE_USER -m 0770 /var/lib/shared
        install -o $SERVICE_USER -g $SERVICE_USER -m 0600 /dev/null /var/lib/jdaemon/private" ||
        why "cannot prepare the shared directory" || return
    write_fault_config "$FAULT_INTERVAL_MS" "output.file = /var/lib/shared/records"
    service_cmd reload || why "reload exits $?: $(output_tail "$OUT")" || return
    wait_for 5 in_chroot test -s /var/lib/shared/records || why "no records in the shared directory" || return
    _sp_warnings=$(log_lines WARN)
    in_chroot setpriv --reuid="$OTHER_USER" --regid="$SERVICE_USER" --clear-groups \
        sh -c 'rm /var/lib/shared/records && ln -s /var/lib/jdaemon/private /var/lib/shared/records' ||
        why "$OTHER_USER cannot plant the link" || return
    sleep "$(intervals 6)"
    in_chroot test ! -s /var/lib/jdaemon/private || why "records were written through the link" || return
    [ "$(log_lines WARN)" -eq $((_sp_warnings + 1)) ] || why "not one WARN for the link" || return
    _sp_warning=$(in_chroot grep ' WARN ' "$JDAEMON_LOG" | tail -n 1)
    in_chroot rm /var/lib/shared/records
    wait_for 5 in_chroot test -f /var/lib/shared/records || why "no records after the link was removed" || return
    NOTE=$(echo "$_sp_warning" | sed 's/^.*RecordLoop: //' | cut -c1-160)
}

# A link that the service user plants where the init script writes as root
# (its jsvc.log, in the service user's log directory) must not make root
# write, create or change the owner of a file elsewhere.
case_jsvc_log_symlink_planted() {
    service_cmd stop || why "stop exits $?" || return
    sh_in "install -m 0600 /dev/null /root/target && rm -f /var/log/jdaemon/jsvc.log"
    as_service_user ln -s /root/target /var/log/jdaemon/jsvc.log || why "cannot plant the link" || return
    _jl_rc=0
    service_cmd start || _jl_rc=$?
    _jl_target=$(in_chroot stat -c '%s %U %a' /root/target)
    in_chroot rm -f /var/log/jdaemon/jsvc.log /root/target
    [ "$_jl_target" = "0 root 600" ] || why "root wrote through the link: /root/target is now $_jl_target" || return
    NOTE="start exits $_jl_rc: $(output_tail "$OUT" 1)"
    [ "$_jl_rc" -ne 0 ] || why "start ignored the link"
}

security_cases() {
    fault_case service-user-writes-only-its-own case_service_user_writes_only_its_own
    fault_case created-files-0640 case_created_files_0640
    fault_case jvm-no-capabilities case_jvm_no_capabilities
    fault_case config-never-run case_config_never_run
    fault_case output-symlink-planted case_output_symlink_planted
    if [ "$MODE" = sysv ]; then
        fault_case jsvc-log-symlink-planted case_jsvc_log_symlink_planted
    fi
}
