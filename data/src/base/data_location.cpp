#include "pantau/data/base/data_location.hpp"

#include <cstdlib>
#include <system_error>

namespace pantau::data {

namespace {
bool holdsData(const std::filesystem::path& dir) {
  std::error_code ec;
  return std::filesystem::is_regular_file(dir / "kpu2024" / "wilayah.tsv", ec);
}
}  // namespace

std::filesystem::path defaultDataDir() {
  // The binary lives in <repo>/build/bin/; the data in <repo>/../shared/data. Fall back to the
  // source tree the binary was configured from when it was copied elsewhere.
  std::error_code ec;
  auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    auto candidate = exe.parent_path().parent_path().parent_path().parent_path() / "shared" / "data";
    if (holdsData(candidate)) return candidate;
  }
  return std::filesystem::path(PANTAU_SOURCE_DIR).parent_path() / "shared" / "data";
}

std::filesystem::path defaultCacheDir() {
  if (const char* x = std::getenv("XDG_CACHE_HOME"); x && *x) return std::filesystem::path(x) / "pantau";
  if (const char* h = std::getenv("HOME"); h && *h) return std::filesystem::path(h) / ".cache" / "pantau";
  return "/tmp/pantau-cache";
}

Result<std::filesystem::path> findDataDir(const std::optional<std::filesystem::path>& flag) {
  const char* env = std::getenv("PANTAU_DATA");
  std::filesystem::path chosen;
  const char* which = nullptr;
  if (flag) {
    chosen = *flag;
    which = "--data";
  } else if (env && *env) {
    chosen = env;
    which = "$PANTAU_DATA";
  } else {
    chosen = defaultDataDir();
    which = "the default";
  }
  if (holdsData(chosen)) return chosen;
  std::string msg = "KPU data not found: " + std::string(which) + " (" + chosen.string() +
                    ") has no kpu2024/wilayah.tsv. Pantau reads its data from, in order, the "
                    "--data DIR flag (" + (flag ? flag->string() : std::string("not given")) +
                    "), the PANTAU_DATA environment variable (" +
                    (env && *env ? std::string(env) : std::string("not set")) +
                    "), or ../shared/data beside the repository root (" + defaultDataDir().string() +
                    "). Point one of them at the folder that holds kpu2024/ and geo/.";
  return Error{ErrorCode::Missing, msg};
}

}  // namespace pantau::data
