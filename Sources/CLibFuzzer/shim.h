#include <stddef.h>
#include <stdint.h>

// libFuzzer's driver (in the runtime -sanitize=fuzzer links), for a program that keeps its own
// main: SwiftPM renames an executable's entry point on Linux, so libFuzzer's main cannot be it.
// Declared only; nothing is linked unless the fuzzer runtime is.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
