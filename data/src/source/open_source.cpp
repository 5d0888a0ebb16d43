// openSource: a source spec (URL, archive:DIR or mirror directory) to the Source that reads it.

#include <filesystem>

#include "pantau/data/archive/archive.hpp"
#include "pantau/data/source/relay_source.hpp"
#include "pantau/data/source/source.hpp"

namespace pantau::data {

Result<std::unique_ptr<Source>> openSource(const std::string& spec, const SourceOptions& options) {
  if (spec.starts_with("http://") || spec.starts_with("https://")) {
    std::string base = spec;
    while (!base.empty() && base.back() == '/') base.pop_back();
    return makeHttpSource(base, options);
  }
  if (spec.starts_with("relay+http://") || spec.starts_with("relay+https://")) return makeRelaySource(spec.substr(6), options);
  if (spec.starts_with("archive:")) {
    auto archive = ArchiveReader::open(spec.substr(8));
    if (!archive) return Error{archive.error().code, "source '" + spec + "': " + archive.error().message};
    return makeArchiveSource(std::move(*archive), options.archiveAtMs);
  }
  std::error_code ec;
  if (!std::filesystem::is_directory(spec, ec))
    return Error{ErrorCode::Missing, "source '" + spec + "' is neither an http(s) URL, relay+http://HOST:PORT, a directory nor archive:DIR"};
  std::string dir = spec;
  while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
  return makeDirSource(dir);
}

}  // namespace pantau::data
