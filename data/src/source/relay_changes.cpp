// The relay's /v/V/changes document (see relay_changes.hpp).

#include "pantau/data/source/relay_changes.hpp"

#include <simdjson.h>

#include <algorithm>

#include "pantau/data/base/json_writer.hpp"
#include "pantau/data/base/small_json.hpp"
#include "pantau/data/source/source.hpp"

namespace pantau::data {

Result<RelayChanges> parseRelayChanges(std::string_view json) {
  SmallJsonObject doc("relay /changes: ");
  if (Status s = doc.parse(json, kRelayChangesMaxBytes); !s) return s.error();
  RelayChanges out;
  simdjson::dom::array paths;
  for (Status s : {doc.field("version", out.version), doc.field("since", out.since),
                   doc.field("paths", paths)})
    if (!s) return s.error();
  if (out.version == 0) return doc.error(ErrorCode::Range, "version 0 (versions start at 1)");
  if (out.since >= out.version)
    return doc.error(ErrorCode::Range, "since " + std::to_string(out.since) +
                                         " does not come before version " +
                                         std::to_string(out.version));
  if (paths.size() > kRelayChangesMaxPaths)
    return doc.error(ErrorCode::TooLarge, std::to_string(paths.size()) + " paths, over the " +
                                            std::to_string(kRelayChangesMaxPaths) + " limit");
  for (simdjson::dom::element p : paths) {
    std::string_view path;
    if (p.get(path)) return doc.error(ErrorCode::Type, "paths: an entry is not a string");
    if (!isSafeApiPath(path))
      return doc.error(ErrorCode::Syntax, "paths: \"" + std::string(path.substr(0, 80)) +
                                            "\" is not a Sirekap API path");
    out.paths.emplace_back(path);
  }
  std::sort(out.paths.begin(), out.paths.end());
  out.paths.erase(std::unique(out.paths.begin(), out.paths.end()), out.paths.end());
  return out;
}

std::string relayChangesJson(const RelayChanges& c) {
  std::string out;
  JsonWriter w(out);
  w.beginObject().key("version").number(c.version).key("since").number(c.since).key("paths");
  w.beginArray();
  for (const std::string& p : c.paths) w.string(p);
  w.endArray().endObject();
  return out;
}

}  // namespace pantau::data
