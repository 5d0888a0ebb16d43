#pragma once
/// The mirror's validators file (DIR/.pantau-mirror/validators.tsv): one "path TAB etag TAB
/// last-modified" line per document, so that a re-run asks only for what changed. Read from disk
/// that anyone may have edited: lines that are not three fields with a safe API path are skipped,
/// and no field may be longer than a validator is (256 bytes). Fuzzed (fuzz/fuzz_validators.cpp).
///
/// Threading: pure functions.

#include <string>
#include <string_view>
#include <unordered_map>

#include "pantau/data/source/source.hpp"

namespace pantau::data {

using ValidatorMap = std::unordered_map<std::string, Validators>;

ValidatorMap parseValidatorsFile(std::string_view text);
std::string formatValidatorsFile(const ValidatorMap& map);

}  // namespace pantau::data
