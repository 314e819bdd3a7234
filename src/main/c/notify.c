/*
 * libjdaemon-notify.so: the one thing jdaemon needs that Java 17 and 21 cannot do, sending a datagram
 * to systemd's notification socket (sd_notify(3)), which is AF_UNIX and SOCK_DGRAM. Two system calls,
 * no state, no library but libc: org.jdaemon.NativeNotifySocket loads it only under systemd.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <jni.h>
#include <stddef.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

/* systemd's own limit for one notification is larger; jdaemon's are a few hundred bytes. */
#define MAX_MESSAGE 4096

static void throw_io(JNIEnv *env, const char *what, int error)
{
    char buffer[256];
    char message[320];
    jclass io = (*env)->FindClass(env, "java/io/IOException");

    if (io == NULL)
        return;
    snprintf(message, sizeof message, "%s: %s", what, strerror_r(error, buffer, sizeof buffer));
    (*env)->ThrowNew(env, io, message);
}

/* An address starting with '@' names a socket in the abstract namespace: a leading NUL byte. */
JNIEXPORT void JNICALL
Java_org_jdaemon_NativeNotifySocket_send(JNIEnv *env, jclass class, jbyteArray address, jbyteArray message)
{
    struct sockaddr_un socket_address;
    char data[MAX_MESSAGE];
    jsize address_length = (*env)->GetArrayLength(env, address);
    jsize message_length = (*env)->GetArrayLength(env, message);
    int fd;
    ssize_t sent;
    int error;

    (void) class;
    if (address_length < 1 || (size_t) address_length >= sizeof socket_address.sun_path) {
        throw_io(env, "notification socket address", ENAMETOOLONG);
        return;
    }
    if (message_length > MAX_MESSAGE) {
        throw_io(env, "notification", EMSGSIZE);
        return;
    }
    memset(&socket_address, 0, sizeof socket_address);
    socket_address.sun_family = AF_UNIX;
    (*env)->GetByteArrayRegion(env, address, 0, address_length, (jbyte *) socket_address.sun_path);
    (*env)->GetByteArrayRegion(env, message, 0, message_length, (jbyte *) data);
    if (socket_address.sun_path[0] == '@')
        socket_address.sun_path[0] = '\0';

    fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        throw_io(env, "socket", errno);
        return;
    }
    sent = sendto(fd, data, (size_t) message_length, MSG_NOSIGNAL, (struct sockaddr *) &socket_address,
                  (socklen_t) (offsetof(struct sockaddr_un, sun_path) + (size_t) address_length));
    error = errno;
    close(fd);
    if (sent < 0)
        throw_io(env, "sendto", error);
}
