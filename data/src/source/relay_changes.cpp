// The relay's /v/V/changes document (see relay_changes.hpp).

#include "pantau/data/source/relay_changes.hpp"

#include <simdjson.h>

#include <algorithm>

#include "pantau/data/base/json_writer.hpp"
#include "pantau/data/source/source.hpp"

namespace pantau::data {

namespace {

Error refused(ErrorCode code, const std::string& why) {
  return Error{code, "relay /changes: " + why};
}

}  // namespace

Result<RelayChanges> parseRelayChanges(std::string_view json) {
  if (json.size() > kRelayChangesMaxBytes)
    return refused(ErrorCode::TooLarge, std::to_string(json.size()) + " bytes, over the " +
                                            std::to_string(kRelayChangesMaxBytes) + "-byte limit");
  simdjson::dom::parser parser;
  simdjson::padded_string padded(json);
  simdjson::dom::element root;
  if (auto e = parser.parse(padded).get(root); e)
    return refused(ErrorCode::Syntax, simdjson::error_message(e));
  simdjson::dom::object o;
  if (root.get(o)) return refused(ErrorCode::Type, "not a JSON object");
  RelayChanges out;
  simdjson::dom::array paths;
  for (auto [key, value] : {std::pair{"version", &out.version}, std::pair{"since", &out.since}})
    if (auto e = o[key].get(*value); e)
      return refused(e == simdjson::NO_SUCH_FIELD ? ErrorCode::Missing : ErrorCode::Type,
                     std::string(key) + ": " + simdjson::error_message(e));
  if (auto e = o["paths"].get(paths); e)
    return refused(e == simdjson::NO_SUCH_FIELD ? ErrorCode::Missing : ErrorCode::Type,
                   std::string("paths: ") + simdjson::error_message(e));
  if (out.version == 0) return refused(ErrorCode::Range, "version 0 (versions start at 1)");
  if (out.since >= out.version)
    return refused(ErrorCode::Range, "since " + std::to_string(out.since) +
                                         " does not come before version " +
                                         std::to_string(out.version));
  if (paths.size() > kRelayChangesMaxPaths)
    return refused(ErrorCode::TooLarge, std::to_string(paths.size()) + " paths, over the " +
                                            std::to_string(kRelayChangesMaxPaths) + " limit");
  for (simdjson::dom::element p : paths) {
    std::string_view path;
    if (p.get(path)) return refused(ErrorCode::Type, "paths: an entry is not a string");
    if (!isSafeApiPath(path))
      return refused(ErrorCode::Syntax, "paths: \"" + std::string(path.substr(0, 80)) +
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
