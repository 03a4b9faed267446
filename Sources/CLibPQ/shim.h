#include <libpq-fe.h>
#include <poll.h>

/// Waits until the connection's socket can be read, or `milliseconds` pass: the query loop
/// wakes up to check for Ctrl-C between reads. Returns poll's result (0 on timeout).
static inline int abc_pq_wait_readable(PGconn *connection, int milliseconds) {
    struct pollfd fd = { .fd = PQsocket(connection), .events = POLLIN, .revents = 0 };
    return poll(&fd, 1, milliseconds);
}
