// The header's inline function is the whole library; SwiftPM needs one C source file.
#include "CPrefetch.h"
