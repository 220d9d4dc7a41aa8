#include "CBuildInfo.h"

// Package.swift defines BKTOOL_BUILD_COMMIT from the environment variable of the same name.
#ifndef BKTOOL_BUILD_COMMIT
#define BKTOOL_BUILD_COMMIT ""
#endif

const char *bktool_build_commit(void) { return BKTOOL_BUILD_COMMIT; }
