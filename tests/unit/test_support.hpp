#pragma once
// Shared helpers for the unit suites: where the real data is, and reading a sample.

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "pantau/data/data_location.hpp"
#include "pantau/data/file_io.hpp"
#include "pantau/data/sirekap_parser.hpp"

namespace pantau::test {

/// A file name of this test process alone: ctest -j runs the tests of one binary as parallel
/// processes, which must never share a scratch file.
inline std::string tempPath(const std::string& name) {
  return testing::TempDir() + "pantau_" + std::to_string(::getpid()) + "_" + name;
}

/// shared/data as the binaries find it ($PANTAU_DATA or ../shared/data beside the repository).
inline std::filesystem::path dataDir() {
  auto dir = data::findDataDir(std::nullopt);
  if (!dir) {
    ADD_FAILURE() << dir.error().message;
    return {};
  }
  return *dir;
}

inline std::string readSample(const std::string& name) {
  auto bytes = data::readFile(dataDir() / "kpu2024" / "samples" / name, 1 << 24, data::SirekapParser::kPadding);
  if (!bytes) {
    ADD_FAILURE() << bytes.error().message;
    return {};
  }
  return std::move(*bytes);
}

}  // namespace pantau::test
