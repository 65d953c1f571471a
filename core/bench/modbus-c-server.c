/*
 * libmodbus's own Modbus TCP server, the reference for core/bench/modbus-fc03.bench.ts.
 *
 * One process, one select() loop over the listening socket and every connection, which is how
 * libmodbus serves several clients; each readable connection gets one modbus_receive() and one
 * modbus_reply() from a holding-register table filled with 0, 1, 2, ...
 *
 *   modbus-c-server [registers]     listens on 127.0.0.1, an ephemeral port; prints "port N"
 *
 * Built by the bench with gcc against Debian's libmodbus-dev; never part of the product.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <modbus.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <unistd.h>

int main(int argc, char **argv) {
    int registers = argc > 1 ? atoi(argv[1]) : 10000;
    modbus_t *ctx = modbus_new_tcp("127.0.0.1", 0);
    modbus_mapping_t *mapping = modbus_mapping_new(0, 0, registers, 0);
    if (ctx == NULL || mapping == NULL) {
        fprintf(stderr, "modbus-c-server: %s\n", modbus_strerror(errno));
        return 1;
    }
    for (int i = 0; i < registers; i++) mapping->tab_registers[i] = (uint16_t)i;

    int listener = modbus_tcp_listen(ctx, 64);
    if (listener < 0) {
        fprintf(stderr, "modbus-c-server: listen: %s\n", modbus_strerror(errno));
        return 1;
    }
    struct sockaddr_in bound;
    socklen_t len = sizeof bound;
    getsockname(listener, (struct sockaddr *)&bound, &len);
    printf("port %d\n", ntohs(bound.sin_port));
    fflush(stdout);

    fd_set open_fds;
    FD_ZERO(&open_fds);
    FD_SET(listener, &open_fds);
    int max_fd = listener;
    uint8_t query[MODBUS_TCP_MAX_ADU_LENGTH];

    for (;;) {
        fd_set ready = open_fds;
        if (select(max_fd + 1, &ready, NULL, NULL, NULL) < 0) {
            if (errno == EINTR) continue;
            perror("modbus-c-server: select");
            return 1;
        }
        for (int fd = 0; fd <= max_fd; fd++) {
            if (!FD_ISSET(fd, &ready)) continue;
            if (fd == listener) {
                int client = accept(listener, NULL, NULL);
                if (client < 0) continue;
                FD_SET(client, &open_fds);
                if (client > max_fd) max_fd = client;
                continue;
            }
            modbus_set_socket(ctx, fd);
            int rc = modbus_receive(ctx, query);
            if (rc > 0) {
                modbus_reply(ctx, query, rc, mapping);
            } else if (rc == -1) {
                close(fd);
                FD_CLR(fd, &open_fds);
            }
        }
    }
}
