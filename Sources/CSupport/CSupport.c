// The header's inline functions are the whole library; SwiftPM needs one C source file.
#include "CSupport.h"
