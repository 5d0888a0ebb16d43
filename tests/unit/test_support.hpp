#pragma once
// Shared helpers for the unit suites: where the real data is, and reading a sample.

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "pantau/data/base/data_location.hpp"
#include "pantau/data/base/file_io.hpp"
#include "pantau/data/model/region_tree.hpp"
#include "pantau/data/sirekap/sirekap_parser.hpp"

namespace pantau::test {

/// A file name of this test process alone: ctest -j runs the tests of one binary as parallel
/// processes, which must never share a scratch file.
inline std::string tempPath(const std::string& name) {
  return testing::TempDir() + "pantau_" + std::to_string(::getpid()) + "_" + name;
}

/// tempPath(name) as an empty start: whatever an earlier run left there is removed.
inline std::filesystem::path freshDir(const std::string& name) {
  const std::filesystem::path d = tempPath(name);
  std::filesystem::remove_all(d);
  return d;
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

/// KPU's region tree, loaded once per test process (0.4 s); null when the data is missing.
inline const std::shared_ptr<const data::RegionTree>& sharedTree() {
  static auto load = data::loadRegionTree(dataDir());
  static std::shared_ptr<const data::RegionTree> t = load ? load->tree : nullptr;
  return t;
}

inline std::string readSample(const std::string& name) {
  auto bytes = data::readFile(dataDir() / "kpu2024" / "samples" / name, 1 << 24, data::SirekapParser::kPadding);
  if (!bytes) {
    ADD_FAILURE() << bytes.error().message;
    return {};
  }
  return std::move(*bytes);
}

struct CommandRun {
  int status = -1;  ///< exit status, -1 when it did not exit normally
  std::string out, err;
};

/// Runs a shell command line, capturing stdout and stderr apart.
inline CommandRun runCommand(const std::string& cmd) {
  const std::string errPath = tempPath("command_stderr.txt");
  CommandRun r;
  FILE* p = popen((cmd + " 2>" + errPath).c_str(), "r");
  if (!p) return r;
  char buf[65536];
  std::size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  const int st = pclose(p);
  r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  std::ifstream f(errPath);
  std::stringstream ss;
  ss << f.rdbuf();
  r.err = ss.str();
  return r;
}

}  // namespace pantau::test
