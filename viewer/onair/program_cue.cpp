#include "program_cue.hpp"

#include <simdjson.h>

#include <algorithm>

#include "pantau/data/base/json_writer.hpp"
#include "pantau/data/base/small_json.hpp"
#include "pantau/data/contests/legislative_types.hpp"

namespace pantau::viewer::onair {

using data::Error;
using data::ErrorCode;
using data::Result;
using data::Status;

namespace {

constexpr std::string_view kWhat = "/program: ";

Error bad(ErrorCode code, std::string message) {
  return Error{code, std::string(kWhat) + std::move(message)};
}

/// A region code is digits only (13 for a TPS; on air shows villages and above).
bool isRegionCode(std::string_view s) {
  return s.size() <= 13 && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

/// A layer as --layer takes it ("winner", "share:2", "party:PDIP"): short, printable ASCII
/// without quotes or spaces (the tile checks the name itself against its layers).
bool isLayerName(std::string_view s) {
  return !s.empty() && s.size() <= 64 &&
         std::all_of(s.begin(), s.end(), [](char c) { return c > ' ' && c < 127 && c != '"' && c != '\\'; });
}

}  // namespace

Result<ProgramCue> parseProgramCue(std::string_view json) {
  data::SmallJsonObject doc{std::string(kWhat)};
  if (Status s = doc.parse(json, kProgramCueMaxBytes); !s) return s.error();
  ProgramCue c;
  int64_t item = 0;
  std::string_view name, view, layer, map, contest, caption;
  for (Status s : {doc.field("seq", c.seq), doc.field("item", item), doc.field("name", name, false),
                   doc.field("view", view), doc.field("layer", layer), doc.field("map", map),
                   doc.field("contest", contest), doc.field("caption", caption, false),
                   doc.field("breaking", c.breaking, false), doc.field("apply_at_ms", c.applyAtMs)})
    if (!s) return s.error();
  if (c.seq == 0) return bad(ErrorCode::Range, "seq 0 (a cue's seq starts at 1)");
  if (item < -1 || item > 100000)
    return bad(ErrorCode::Range, "item " + std::to_string(item) + ", not in -1..100000");
  if (name.size() > 256) return bad(ErrorCode::TooLarge, "name over 256 bytes");
  if (caption.size() > 256) return bad(ErrorCode::TooLarge, "caption over 256 bytes");
  if (!isRegionCode(view)) return bad(ErrorCode::Syntax, "view is not a region code (digits)");
  if (!isLayerName(layer)) return bad(ErrorCode::Syntax, "layer is not a layer name");
  if (map != "regions" && map != "tiles")
    return bad(ErrorCode::Syntax, "map is neither \"regions\" nor \"tiles\"");
  if (!data::parseContest(contest)) return bad(ErrorCode::Syntax, "contest is not ppwp, pdpr or pdpd");
  // 2001 to 2286 in ms: a clock in seconds or microseconds is caught here, not on the wall.
  if (c.applyAtMs < 1'000'000'000'000 || c.applyAtMs > 9'999'999'999'999)
    return bad(ErrorCode::Range, "apply_at_ms " + std::to_string(c.applyAtMs) +
                                     " is not a wall-clock time in ms");
  c.item = static_cast<int>(item);
  c.name = name, c.view = view, c.layer = layer, c.map = map, c.contest = contest;
  c.caption = caption;
  return c;
}

Status cueFollows(const ProgramCue* known, const ProgramCue& next) {
  if (!known || next.seq > known->seq || next == *known) return {};
  if (next.seq < known->seq)
    return bad(ErrorCode::Range, "seq " + std::to_string(next.seq) + " after " +
                                     std::to_string(known->seq) + ": a cue from the past");
  return bad(ErrorCode::Range,
             "seq " + std::to_string(next.seq) + " again, saying something else");
}

std::string programCueJson(const ProgramCue& c) {
  std::string out;
  data::JsonWriter w(out);
  w.beginObject()
      .key("seq").number(c.seq)
      .key("item").number(c.item)
      .key("name").string(c.name)
      .key("view").string(c.view)
      .key("layer").string(c.layer)
      .key("map").string(c.map)
      .key("contest").string(c.contest)
      .key("caption").string(c.caption)
      .key("breaking").boolean(c.breaking)
      .key("apply_at_ms").number(c.applyAtMs)
      .endObject();
  return out;
}

}  // namespace pantau::viewer::onair
