#pragma once
// Runs `pantau --headless ... --screenshot` and reads the JSON sidecar written beside the PNG.

#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>

#include "pantau/data/base/file_io.hpp"
#include "test_support.hpp"

namespace pantau::test {

struct HeadlessShot {
  int status = -1;
  std::string err;
  nlohmann::json sidecar;
};

/// `args` after --headless; a photo cache of this shot's own, so nothing cached by an earlier run
/// hides a fault.
inline HeadlessShot shootHeadless(const std::string& args, const std::string& name) {
  const std::string png = tempPath(name + ".png");
  std::filesystem::remove(png + ".json");
  const std::string cache = tempPath(name + "_images");
  std::filesystem::remove_all(cache);
  // Mesa keeps ~240 bytes past exit in a module LeakSanitizer cannot name: leaks stay checked in our code.
  auto run = runCommand("ASAN_OPTIONS=detect_leaks=0 PANTAU_IMAGE_CACHE=" + cache + " " + std::string(PANTAU_BIN_DIR) +
                        "/pantau --headless " + args + " --screenshot " + png);
  HeadlessShot s{run.status, run.err, nullptr};
  if (auto j = data::readFile(png + ".json", 1 << 24)) s.sidecar = nlohmann::json::parse(*j);
  return s;
}

}  // namespace pantau::test
