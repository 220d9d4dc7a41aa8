#ifndef CBUILDINFO_H
#define CBUILDINFO_H

/// The git commit a release build was made from (scripts/release.sh sets it through Package.swift); "" otherwise.
const char *bktool_build_commit(void);

#endif
