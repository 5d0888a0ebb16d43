// pantau-data tree [CODE]: loads KPU's region tree and prints regions per level, domestic and
// overseas apart; with CODE, the region's path and its children.

#include <chrono>
#include <cstdio>
#include <string>

#include "commands.hpp"
#include "pantau/data/base/data_location.hpp"
#include "pantau/data/model/region_tree.hpp"

namespace pantau::tools {

using namespace pantau::data;

int cmdTree(std::span<const std::string_view> args, const GlobalOptions& opts) {
  if (args.size() > 1) {
    std::fputs("usage: pantau-data tree [CODE]\n", stderr);
    return 2;
  }
  auto dir = findDataDir(opts.dataDir);
  if (!dir) {
    std::fprintf(stderr, "pantau-data: %s\n", dir.error().message.c_str());
    return 1;
  }
  const auto t0 = std::chrono::steady_clock::now();
  auto load = loadRegionTree(*dir);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (!load) {
    std::fprintf(stderr, "pantau-data: %s\n", load.error().message.c_str());
    return 1;
  }
  for (const RowError& e : load->rejected) std::fprintf(stderr, "warning: %s\n", e.toString().c_str());
  const RegionTree& tree = *load->tree;

  if (args.size() == 1) {
    RegionId id = tree.find(args[0]);
    if (id == kNoRegion) {
      std::fprintf(stderr, "pantau-data: no region has code '%.*s'%s\n", (int)args[0].size(), args[0].data(),
                   isValidCode(args[0]) ? "" : " (a code is [0-9A-Z], 2/4/6/10/13 chars)");
      return 1;
    }
    std::printf("%s %s: %s\n", levelName(tree.level(id)), std::string(tree.code(id)).c_str(), tree.path(id).c_str());
    for (RegionId c : tree.children(id))
      std::printf("  %-13s  %s\n", std::string(tree.code(c)).c_str(), std::string(tree.name(c)).c_str());
    std::printf("%zu children\n", tree.children(id).size());
    return 0;
  }

  const auto counts = tree.countByLevel();
  std::printf("%-9s %9s %9s\n", "level", "domestic", "overseas");
  for (int l = 1; l < kLevelCount; ++l)
    std::printf("%-9s %9zu %9zu\n", levelName(static_cast<Level>(l)), counts.domestic[l], counts.overseas[l]);
  std::size_t regions = 0;
  for (int l = 1; l < 5; ++l) regions += counts.domestic[l] + counts.overseas[l];
  std::printf("%zu regions and %zu TPS from %s, loaded in %.0f ms (%.1f MB)\n", regions,
              counts.domestic[5] + counts.overseas[5], dir->string().c_str(), seconds * 1000,
              static_cast<double>(tree.memoryBytes()) / 1e6);
  if (!load->rejected.empty()) std::printf("%zu malformed rows rejected\n", load->rejected.size());
  return 0;
}

}  // namespace pantau::tools
