#pragma once
// Reading typed values out of simdjson On-Demand with errors that name the field. Private to the
// data library. Every function returns a Status; none throws. `ctx` is the field's path
// ("table.1101.100025"), built only when an error is reported.

#include <simdjson.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "pantau/data/result.hpp"
#include "pantau/data/sirekap_types.hpp"

namespace pantau::data::json {

namespace od = simdjson::ondemand;

/// A field path built lazily: parent and key are joined only when an error is reported.
struct Path {
  std::string_view parent;
  std::string_view key;
  int index = -1;  ///< for array elements

  Path() = default;
  explicit Path(std::string_view p, std::string_view k = {}, int i = -1) : parent(p), key(k), index(i) {}
  std::string str() const;
};

Error fromSimdjson(simdjson::error_code e, const Path& where);
const char* typeName(od::json_type t);

/// The key of an object field, without copying when it has no escapes (codes and ids never do).
Status keyOf(simdjson::simdjson_result<od::field>& field, std::string_view& key, const Path& where);

Status typeOf(od::value& v, od::json_type& t, const Path& where);
Status expectType(od::value& v, od::json_type want, const Path& where, const char* what);

/// A vote or voter count: a whole number in 0..2^31-1.
Status readCount(od::value& v, uint32_t& out, const Path& where);
/// A count that may be null (read as 0, the way Sirekap shows unfilled fields).
Status readCountOrNull(od::value& v, uint32_t& out, const Path& where);
/// A percentage as served (integer or float), 0..1e6; null leaves `present` false.
Status readPersen(od::value& v, double& out, bool& present, const Path& where);
Status readBoolOrNull(od::value& v, bool& out, const Path& where);
Status readString(od::value& v, std::string_view& out, std::size_t maxBytes, const Path& where);
/// `ts`: "YYYY-MM-DD HH:MM:SS" (WIB) or null.
Status readTimestamp(od::value& v, Timestamp& out, const Path& where);
Status readPsu(od::value& v, Psu& out, const Path& where);

/// Candidate ids are numeric keys ("100025"); false for "persen", "null", "psu", ...
bool parseCandidateId(std::string_view key, CandidateId& id);

/// Fails with Duplicate if a candidate appears twice in votes[begin, end).
Status checkDistinctCandidates(const VoteCount* begin, const VoteCount* end, const Path& where);

/// Parses "YYYY-MM-DD HH:MM:SS" as WIB into `out`; false if it is not exactly that.
bool parseTimestamp(std::string_view text, Timestamp& out);

}  // namespace pantau::data::json
