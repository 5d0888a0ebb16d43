// What the live client's scheduler and change index keep per document (issue 14 item 4: the RSS of
// a window that has read every TPS of the nation). Polls every counts document of the nation, as a
// window on the integrity layer does (914k: the nation down to the TPS), marks each read with
// validators like the origin's (an 18-character ETag and an HTTP date), and prints the resident
// memory they add (RSS after less RSS before, the tree loaded already), in all and per document.
// No timing: `build/bin/pantau-bench-poll-memory`.

#include <unistd.h>

#include <cstdio>

#include "pantau/data/base/data_location.hpp"
#include "pantau/data/model/region_tree.hpp"
#include "pantau/data/model/snapshot.hpp"
#include "pantau/data/source/change_index.hpp"
#include "pantau/data/source/live_client.hpp"
#include "pantau/data/source/poll_scheduler.hpp"

using namespace pantau::data;

/// The process's resident memory, bytes (/proc/self/statm).
std::size_t residentBytes() {
  long pages = 0, resident = 0;
  if (FILE* f = std::fopen("/proc/self/statm", "r")) {
    if (std::fscanf(f, "%ld %ld", &pages, &resident) != 2) resident = 0;
    std::fclose(f);
  }
  return static_cast<std::size_t>(resident) * static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
}

int main() {
  auto dir = findDataDir(std::nullopt);
  if (!dir) return std::fprintf(stderr, "%s\n", dir.error().message.c_str()), 1;
  auto load = loadRegionTree(*dir);
  if (!load) return std::fprintf(stderr, "%s\n", load.error().message.c_str()), 1;
  const std::shared_ptr<const RegionTree> tree = std::move(load->tree);
  const RegionTree& t = *tree;
  const std::size_t before = residentBytes();
  {
    const ChangeIndexOptions o = LiveOptions{}.changeIndex;
    ChangeIndex index(tree, o);
    PollScheduler s(index.slowPolicy({}), 1);
    for (RegionId r = 0; r < t.size(); ++r) index.track(r, s.add(countsPath(t, r), r, t.level(r), 0));
    index.spreadSlowRefresh(s);
    for (PollScheduler::DocId id = 0; id < s.size(); ++id)
      s.succeeded(id, 1, Validators{"\"0123456789abcdef\"", "Wed, 14 Feb 2024 17:00:00 GMT"});
    const std::size_t held = residentBytes() - before;
    std::printf("documents %zu, scheduler and change index %.1f MB, %.0f bytes a document\n", s.size(),
                static_cast<double>(held) / 1e6, static_cast<double>(held) / static_cast<double>(s.size()));
  }
  return 0;
}
