// The header's inline functions, and the registry of temporary files.
#include "CSupport.h"

#include <signal.h>
#include <string.h>
#include <unistd.h>

#define ABC_TEMP_SLOTS 32
#define ABC_TEMP_PATH 4096

static char abc_temp_paths[ABC_TEMP_SLOTS][ABC_TEMP_PATH];
static char abc_temp_inside[ABC_TEMP_SLOTS][ABC_TEMP_PATH];
/// 0 free, 1 being written, 2 a live file, 3 a live folder (with `inside`).
static volatile sig_atomic_t abc_temp_state[ABC_TEMP_SLOTS];

int abc_temp_register(const char *path, const char *inside) {
    if (strlen(path) >= ABC_TEMP_PATH || (inside && strlen(inside) >= ABC_TEMP_PATH)) return -1;
    for (int i = 0; i < ABC_TEMP_SLOTS; i++) {
        if (__sync_bool_compare_and_swap(&abc_temp_state[i], 0, 1)) {
            strcpy(abc_temp_paths[i], path);
            if (inside) strcpy(abc_temp_inside[i], inside); else abc_temp_inside[i][0] = 0;
            __sync_synchronize();
            abc_temp_state[i] = inside ? 3 : 2;
            return i;
        }
    }
    return -1;
}

void abc_temp_unregister(int slot) {
    if (slot >= 0 && slot < ABC_TEMP_SLOTS) abc_temp_state[slot] = 0;
}

static void abc_temp_remove_slots(void) {
    for (int i = 0; i < ABC_TEMP_SLOTS; i++) {
        sig_atomic_t state = abc_temp_state[i];
        if (state == 2) unlink(abc_temp_paths[i]);
        if (state == 3) {
            unlink(abc_temp_inside[i]);
            rmdir(abc_temp_paths[i]);
        }
    }
}

void abc_temp_remove_all(void) {
    abc_temp_remove_slots();
    for (int i = 0; i < ABC_TEMP_SLOTS; i++) abc_temp_state[i] = 0;
}

static void abc_temp_on_signal(int sig) {
    abc_temp_remove_slots();
    signal(sig, SIG_DFL);
    raise(sig);
}

void abc_temp_install_cleanup(void) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = abc_temp_on_signal;
    sigemptyset(&action.sa_mask);
    int signals[] = {SIGTERM, SIGHUP, SIGINT};
    for (int k = 0; k < 3; k++) {
        struct sigaction old;
        if (sigaction(signals[k], NULL, &old) == 0 && old.sa_handler == SIG_DFL) sigaction(signals[k], &action, NULL);
    }
    signal(SIGXFSZ, SIG_IGN);
}
