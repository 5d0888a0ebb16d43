#include "json_read.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>

namespace pantau::data::json {

std::string Path::str() const {
  std::string s(parent);
  if (index >= 0) {
    s += "[" + std::to_string(index) + "]";
  }
  if (!key.empty()) {
    if (!s.empty()) s += '.';
    // A hostile key may be long or hold control bytes; show a bounded, printable form.
    for (char c : key.substr(0, 64)) s += (static_cast<unsigned char>(c) < 0x20) ? '?' : c;
    if (key.size() > 64) s += "...";
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

Status keyOf(simdjson::simdjson_result<od::field>& field, std::string_view& key, const Path& where) {
  od::raw_json_string raw;
  if (auto e = field.key().get(raw)) return fromSimdjson(e, where);
  const char* p = raw.raw();
  const char* q = p;
  while (*q != '"' && *q != '\\') ++q;  // stage 1 proved the string is closed
  if (*q == '"') {
    key = {p, static_cast<std::size_t>(q - p)};
    return Status::success();
  }
  if (auto e = field.unescaped_key().get(key)) return fromSimdjson(e, where);
  return Status::success();
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

Status readCount(od::value& v, uint32_t& out, const Path& where) {
  od::json_type t;
  if (Status s = typeOf(v, t, where); !s) return s;
  if (t != od::json_type::number)
    return Error{ErrorCode::Type, where.str() + ": expected a count, got " + typeName(t)};
  int64_t x = 0;
  if (auto e = v.get_int64().get(x)) {
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
  if (x < 0)
    return Error{ErrorCode::Range, where.str() + ": count is " + std::to_string(x) + ", cannot be negative"};
  if (x > INT32_MAX)
    return Error{ErrorCode::Range, where.str() + ": count is " + std::to_string(x) + ", past 2^31-1"};
  out = static_cast<uint32_t>(x);
  return Status::success();
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

Status readPersen(od::value& v, double& out, bool& present, const Path& where) {
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
  if (!(x >= 0 && x <= 1e6))
    return Error{ErrorCode::Range, where.str() + ": percentage " + std::to_string(x) + " is out of range"};
  out = x;
  present = true;
  return Status::success();
}

Status readBoolOrNull(od::value& v, bool& out, const Path& where) {
  od::json_type t;
  if (Status s = typeOf(v, t, where); !s) return s;
  if (t == od::json_type::null) {
    out = false;
    return Status::success();
  }
  if (t != od::json_type::boolean)
    return Error{ErrorCode::Type, where.str() + ": expected true or false, got " + typeName(t)};
  if (auto e = v.get_bool().get(out)) return fromSimdjson(e, where);
  return Status::success();
}

Status readString(od::value& v, std::string_view& out, std::size_t maxBytes, const Path& where) {
  if (Status s = expectType(v, od::json_type::string, where, "a string"); !s) return s;
  if (auto e = v.get_string().get(out)) return fromSimdjson(e, where);
  if (out.size() > maxBytes)
    return Error{ErrorCode::TooLarge, where.str() + ": string of " + std::to_string(out.size()) +
                                          " bytes is over the limit of " + std::to_string(maxBytes)};
  return Status::success();
}

namespace {
bool digits(std::string_view s, std::size_t at, std::size_t n, int& v) {
  v = 0;
  for (std::size_t i = at; i < at + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  return true;
}

// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
int64_t daysFromCivil(int y, int m, int d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return int64_t(era) * 146097 + doe - 719468;
}
}  // namespace

bool parseTimestamp(std::string_view s, Timestamp& out) {
  if (s.size() != 19 || s[4] != '-' || s[7] != '-' || s[10] != ' ' || s[13] != ':' || s[16] != ':')
    return false;
  int y, mo, d, h, mi, se;
  if (!digits(s, 0, 4, y) || !digits(s, 5, 2, mo) || !digits(s, 8, 2, d) || !digits(s, 11, 2, h) ||
      !digits(s, 14, 2, mi) || !digits(s, 17, 2, se))
    return false;
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 60) return false;
  constexpr int64_t kWibOffset = 7 * 3600;
  out.epochUtc = daysFromCivil(y, mo, d) * 86400 + h * 3600 + mi * 60 + se - kWibOffset;
  std::memcpy(out.text.data(), s.data(), 19);
  out.present = true;
  return true;
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

Status readPsu(od::value& v, Psu& out, const Path& where) {
  od::json_type t;
  if (Status s = typeOf(v, t, where); !s) return s;
  if (t == od::json_type::null) {
    out = Psu::Absent;
    return Status::success();
  }
  std::string_view s;
  if (Status st = readString(v, s, 64, where); !st) return st;
  static constexpr std::pair<std::string_view, Psu> kNames[] = {
      {"Reguler", Psu::Reguler},
      {"Pemungutan Suara Ulang", Psu::PemungutanSuaraUlang},
      {"Penghitungan Suara Ulang", Psu::PenghitunganSuaraUlang},
      {"Pemungutan Suara Susulan", Psu::PemungutanSuaraSusulan},
      {"Pemungutan Suara Lanjutan", Psu::PemungutanSuaraLanjutan},
      {"Penghitungan Suara Susulan", Psu::PenghitunganSuaraSusulan},
  };
  out = Psu::Other;
  for (const auto& [name, psu] : kNames)
    if (s == name) out = psu;
  return Status::success();
}

bool parseCandidateId(std::string_view key, CandidateId& id) {
  if (key.empty() || key.size() > 9) return false;
  for (char c : key)
    if (c < '0' || c > '9') return false;
  std::from_chars(key.data(), key.data() + key.size(), id);
  return true;
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

}  // namespace pantau::data::json
