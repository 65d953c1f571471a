/*
 * FC03 load client for core/bench/modbus-fc03.bench.ts: CLIENTS threads, each with its own libmodbus
 * TCP connection, read COUNT holding registers from address 0 back to back (one request in flight per
 * connection, as an HMI polls) for SECONDS, after all of them have connected. The same client measures
 * every server, so the client's own cost is the same on both sides of the ratio.
 *
 *   modbus-c-load HOST PORT CLIENTS SECONDS COUNT
 *   prints {"clients":N,"requests":N,"errors":N,"seconds":S}
 *
 * Built by the bench with gcc against Debian's libmodbus-dev; never part of the product.
 */
#include <errno.h>
#include <modbus.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

struct worker {
    const char *host;
    int port;
    int count;
    double seconds;
    long requests;
    long errors;
    int failed;
};

static pthread_barrier_t start_line;

static double now_seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void *run(void *arg) {
    struct worker *w = arg;
    uint16_t registers[MODBUS_MAX_READ_REGISTERS];
    modbus_t *ctx = modbus_new_tcp(w->host, w->port);
    /* Unit id 1: RelayGate's default, which it checks; libmodbus's server answers any. */
    if (ctx != NULL) modbus_set_slave(ctx, 1);
    if (ctx == NULL || modbus_connect(ctx) == -1) {
        fprintf(stderr, "modbus-c-load: connect: %s\n", modbus_strerror(errno));
        w->failed = 1;
    }
    pthread_barrier_wait(&start_line);
    if (w->failed) return NULL;
    double end = now_seconds() + w->seconds;
    while (now_seconds() < end) {
        if (modbus_read_registers(ctx, 0, w->count, registers) == w->count) w->requests++;
        else w->errors++;
    }
    modbus_close(ctx);
    modbus_free(ctx);
    return NULL;
}

int main(int argc, char **argv) {
    if (argc != 6) {
        fprintf(stderr, "usage: modbus-c-load HOST PORT CLIENTS SECONDS COUNT\n");
        return 2;
    }
    int clients = atoi(argv[3]);
    struct worker *workers = calloc((size_t)clients, sizeof *workers);
    pthread_t *threads = calloc((size_t)clients, sizeof *threads);
    pthread_barrier_init(&start_line, NULL, (unsigned)clients + 1);
    for (int i = 0; i < clients; i++) {
        workers[i] = (struct worker){argv[1], atoi(argv[2]), atoi(argv[5]), atof(argv[4]), 0, 0, 0};
        pthread_create(&threads[i], NULL, run, &workers[i]);
    }
    pthread_barrier_wait(&start_line);
    double started = now_seconds();
    long requests = 0, errors = 0;
    int failed = 0;
    for (int i = 0; i < clients; i++) {
        pthread_join(threads[i], NULL);
        requests += workers[i].requests;
        errors += workers[i].errors;
        failed += workers[i].failed;
    }
    printf("{\"clients\":%d,\"requests\":%ld,\"errors\":%ld,\"failed\":%d,\"seconds\":%.3f}\n", clients, requests, errors,
           failed, now_seconds() - started);
    return failed > 0 ? 1 : 0;
}
