#pragma once
/// A small JSON control document read whole: a relay's /latest and /v/V/changes, an on-air
/// /program cue. Each is refused the same way (over its size limit, not JSON, not an object, a
/// field missing or of the wrong type), with every message prefixed by what the document is
/// ("relay /latest: documents: INCORRECT_TYPE"), so one reader serves them all.

#include <simdjson.h>

#include <string>
#include <string_view>

#include "pantau/data/base/result.hpp"

namespace pantau::data {

class SmallJsonObject {
 public:
  /// `what` prefixes every error: "relay /latest: ".
  explicit SmallJsonObject(std::string what) : m_what(std::move(what)) {}
  SmallJsonObject(const SmallJsonObject&) = delete;  // the object points into the parser
  SmallJsonObject& operator=(const SmallJsonObject&) = delete;

  /// Refused over `maxBytes` (TooLarge), when not JSON (Syntax) or not an object (Type).
  Status parse(std::string_view json, std::size_t maxBytes);

  /// Reads `key` into `value`: Missing when absent (nothing, when not `required`), Type when of
  /// another type; the message names the key.
  template <class T>
  Status field(const char* key, T& value, bool required = true) const {
    auto e = m_object[key].get(value);
    if (!e || (!required && e == simdjson::NO_SUCH_FIELD)) return {};
    return error(e == simdjson::NO_SUCH_FIELD ? ErrorCode::Missing : ErrorCode::Type,
                 std::string(key) + ": " + simdjson::error_message(e));
  }

  /// An error about this document: its name, then `why`.
  Error error(ErrorCode code, const std::string& why) const { return Error{code, m_what + why}; }

 private:
  std::string m_what;
  simdjson::dom::parser m_parser;
  simdjson::padded_string m_padded;
  simdjson::dom::object m_object;
};

}  // namespace pantau::data
