#include "sirekap/json_read.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>

namespace pantau::data::json {

std::string Path::str() const {
  std::string s(parent);
  if (index >= 0) {
    s += '[';  // appended piecewise: GCC 12 warns falsely (-Wrestrict) on "[" + std::string
    s += std::to_string(index);
    s += ']';
  }
  if (!key.empty()) {
    if (!s.empty()) s += '.';
    // A hostile key may be long or hold control bytes; show a bounded, printable form.
    for (char c : key.substr(0, 64)) s += (static_cast<unsigned char>(c) < 0x20) ? '?' : c;
    if (key.size() > 64) s += "...";
  }
  if (!leaf.empty()) {
    s += '.';
    for (char c : leaf.substr(0, 64)) s += (static_cast<unsigned char>(c) < 0x20) ? '?' : c;
  }
  return s.empty() ? "document" : s;
}

Error fromSimdjson(simdjson::error_code e, const Path& where) {
  using namespace simdjson;
  ErrorCode code = ErrorCode::Syntax;
  std::string what;
  switch (e) {
    case UTF8_ERROR: code = ErrorCode::Utf8; what = "invalid UTF-8"; break;
    case DEPTH_ERROR: code = ErrorCode::Depth; what = "nested too deep"; break;
    case INCORRECT_TYPE: code = ErrorCode::Type; what = "wrong type"; break;
    case NUMBER_OUT_OF_RANGE: code = ErrorCode::Range; what = "number out of range"; break;
    case CAPACITY: code = ErrorCode::TooLarge; what = "document too large"; break;
    case EMPTY: what = "empty document"; break;
    case INCOMPLETE_ARRAY_OR_OBJECT:
    case TAPE_ERROR:
    case UNCLOSED_STRING: what = "truncated or malformed JSON (" + std::string(error_message(e)) + ")"; break;
    default: what = "malformed JSON (" + std::string(error_message(e)) + ")"; break;
  }
  return {code, where.str() + ": " + what};
}

const char* typeName(od::json_type t) {
  switch (t) {
    case od::json_type::array: return "array";
    case od::json_type::object: return "object";
    case od::json_type::number: return "number";
    case od::json_type::string: return "string";
    case od::json_type::boolean: return "boolean";
    case od::json_type::null: return "null";
  }
  return "?";
}

Status keyOfSlow(od::field& field, std::string_view& key, const Path& where) {
  if (auto e = field.unescaped_key().get(key)) return fromSimdjson(e, where);
  return Status::success();
}

Status getObjectSlow(od::value& v, simdjson::error_code e, const Path& where, const char* what) {
  if (e != simdjson::INCORRECT_TYPE) return fromSimdjson(e, where);
  return expectType(v, od::json_type::object, where, what);
}

Status typeOf(od::value& v, od::json_type& t, const Path& where) {
  if (auto e = v.type().get(t)) return fromSimdjson(e, where);
  return Status::success();
}

Status expectType(od::value& v, od::json_type want, const Path& where, const char* what) {
  od::json_type t;
  if (Status s = typeOf(v, t, where); !s) return s;
  if (t != want)
    return Error{ErrorCode::Type, where.str() + ": expected " + what + ", got " + typeName(t)};
  return Status::success();
}

Status readCountSlow(od::value& v, simdjson::error_code e, const Path& where) {
  od::json_type t;
  if (Status s = typeOf(v, t, where); !s) return s;
  if (t != od::json_type::number)
    return Error{ErrorCode::Type, where.str() + ": expected a count, got " + typeName(t)};
  if (e == simdjson::INCORRECT_TYPE) {
    // Not an int64: a fraction, or an integer too big for 64 bits (simdjson reads it as a double).
    double d = 0;
    if (!v.get_double().get(d) && d == std::floor(d))
      return Error{ErrorCode::Range, where.str() + ": count out of range (expected 0..2147483647)"};
    return Error{ErrorCode::Type, where.str() + ": expected a whole number, got a fraction"};
  }
  if (e == simdjson::NUMBER_OUT_OF_RANGE)
    return Error{ErrorCode::Range, where.str() + ": count out of range (expected 0..2147483647)"};
  return fromSimdjson(e, where);
}

Status countRangeError(int64_t x, const Path& where) {
  if (x < 0)
    return Error{ErrorCode::Range, where.str() + ": count is " + std::to_string(x) + ", cannot be negative"};
  return Error{ErrorCode::Range, where.str() + ": count is " + std::to_string(x) + ", past 2^31-1"};
}

Status readCountOrNull(od::value& v, uint32_t& out, const Path& where) {
  od::json_type t;
  if (Status s = typeOf(v, t, where); !s) return s;
  if (t == od::json_type::null) {
    out = 0;
    return Status::success();
  }
  return readCount(v, out, where);
}

Status readPersenSlow(od::value& v, double& out, bool& present, const Path& where) {
  // Only reached when get_double failed, so the value is still unread.
  od::json_type t;
  if (Status s = typeOf(v, t, where); !s) return s;
  if (t == od::json_type::null) {
    present = false;
    return Status::success();
  }
  if (t != od::json_type::number)
    return Error{ErrorCode::Type, where.str() + ": expected a percentage, got " + typeName(t)};
  double x = 0;
  if (auto e = v.get_double().get(x)) return fromSimdjson(e, where);
  if (!(x >= 0 && x <= 1e6)) return persenRangeError(x, where);
  out = x;
  present = true;
  return Status::success();
}

Status persenRangeError(double x, const Path& where) {
  return Error{ErrorCode::Range, where.str() + ": percentage " + std::to_string(x) + " is out of range"};
}

Status readBoolSlow(od::value& v, bool& out, const Path& where) {
  od::json_type t;
  if (Status s = typeOf(v, t, where); !s) return s;
  if (t == od::json_type::null) {
    out = false;
    return Status::success();
  }
  return Error{ErrorCode::Type, where.str() + ": expected true or false, got " + typeName(t)};
}

Status readString(od::value& v, std::string_view& out, std::size_t maxBytes, const Path& where) {
  if (auto e = v.get_string().get(out)) {
    if (e != simdjson::INCORRECT_TYPE) return fromSimdjson(e, where);
    return expectType(v, od::json_type::string, where, "a string");
  }
  if (out.size() > maxBytes)
    return Error{ErrorCode::TooLarge, where.str() + ": string of " + std::to_string(out.size()) +
                                          " bytes is over the limit of " + std::to_string(maxBytes)};
  return Status::success();
}

Status readTimestamp(od::value& v, Timestamp& out, const Path& where) {
  od::json_type t;
  if (Status s = typeOf(v, t, where); !s) return s;
  if (t == od::json_type::null) {
    out = {};
    return Status::success();
  }
  std::string_view s;
  if (Status st = readString(v, s, 64, where); !st) return st;
  if (!parseTimestamp(s, out))
    return Error{ErrorCode::Type, where.str() + ": '" + std::string(s) + "' is not YYYY-MM-DD HH:MM:SS"};
  return Status::success();
}

Status readPsuSlow(od::value& v, Psu& out, const Path& where) {
  // Only reached when get_string failed, so the value is still unread.
  od::json_type t;
  if (Status st = typeOf(v, t, where); !st) return st;
  if (t == od::json_type::null) {
    out = Psu::Absent;
    return Status::success();
  }
  std::string_view s;
  if (Status st = readString(v, s, 64, where); !st) return st;
  return psuFromString(s, out);
}

Status psuFromString(std::string_view s, Psu& out) {
  static constexpr std::pair<std::string_view, Psu> kNames[] = {
      {"Reguler", Psu::Reguler},
      {"Pemungutan Suara Ulang", Psu::PemungutanSuaraUlang},
      {"Penghitungan Suara Ulang", Psu::PenghitunganSuaraUlang},
      {"Pemungutan Suara Susulan", Psu::PemungutanSuaraSusulan},
      {"Pemungutan Suara Lanjutan", Psu::PemungutanSuaraLanjutan},
      {"Penghitungan Suara Susulan", Psu::PenghitunganSuaraSusulan},
  };
  out = Psu::Other;  // a new kind of re-vote is data, not an error
  for (const auto& [name, psu] : kNames)
    if (s == name) out = psu;
  return Status::success();
}

Status checkDistinctCandidates(const VoteCount* begin, const VoteCount* end, const Path& where) {
  const std::size_t n = static_cast<std::size_t>(end - begin);
  auto dup = [&](CandidateId id) {
    return Error{ErrorCode::Duplicate, where.str() + ": candidate " + std::to_string(id) + " appears twice"};
  };
  if (n <= 16) {  // the common case (3 candidates): no allocation
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t j = i + 1; j < n; ++j)
        if (begin[i].candidate == begin[j].candidate) return dup(begin[i].candidate);
    return Status::success();
  }
  std::vector<CandidateId> ids(n);
  for (std::size_t i = 0; i < n; ++i) ids[i] = begin[i].candidate;
  std::sort(ids.begin(), ids.end());
  auto it = std::adjacent_find(ids.begin(), ids.end());
  if (it != ids.end()) return dup(*it);
  return Status::success();
}

Status DocumentInput::begin(std::string_view json, std::size_t capacity, od::document& doc) {
  if (json.size() > maxBytes)
    return Error{ErrorCode::TooLarge, "document: " + std::to_string(json.size()) + " bytes is over the limit of " +
                                          std::to_string(maxBytes)};
  simdjson::padded_string_view view;
  if (capacity >= json.size() + padding) {
    view = simdjson::padded_string_view(json.data(), json.size(), capacity);
  } else {
    buffer.resize(json.size() + padding);
    std::memcpy(buffer.data(), json.data(), json.size());
    std::memset(buffer.data() + json.size(), ' ', padding);
    view = simdjson::padded_string_view(buffer.data(), json.size(), buffer.size());
  }
  if (auto e = parser.iterate(view).get(doc)) return fromSimdjson(e, Path{});
  return Status::success();
}

Status DocumentInput::beginObject(od::document& doc, od::object& obj, const char* what) {
  od::json_type t;
  if (auto e = doc.type().get(t)) return fromSimdjson(e, Path{});
  if (t != od::json_type::object)
    return Error{ErrorCode::Type, std::string("document: expected ") + what + ", got " + typeName(t)};
  if (auto e = doc.get_object().get(obj)) return fromSimdjson(e, Path{});
  return Status::success();
}

Status DocumentInput::end(od::document& doc) {
  // simdjson 3.0 has no document::at_end(); current_location() fails once past the last token.
  if (!doc.current_location().error())
    return Error{ErrorCode::Syntax, "document: unexpected content after the top-level value"};
  return Status::success();
}

}  // namespace pantau::data::json
