#pragma once
// Reading typed values out of simdjson On-Demand with errors that name the field. Private to the
// data library. Every function returns a Status; none throws. `ctx` is the field's path
// ("table.1101.100025"), built only when an error is reported.

#include <simdjson.h>

#include <climits>
#include <cstdint>
#include <cstring>
#include <optional>
#include <vector>
#include <string>
#include <string_view>

#include "pantau/data/base/result.hpp"
#include "pantau/data/sirekap/sirekap_types.hpp"

namespace pantau::data::json {

namespace od = simdjson::ondemand;

/// A field path built lazily: parent and key are joined only when an error is reported.
/// Never allocates until str() is called, so it costs nothing on the success path.
struct Path {
  std::string_view parent;
  std::string_view key;
  int index = -1;            ///< for array elements: parent[index].key
  std::string_view leaf;     ///< a third segment: parent.key.leaf ("table.11.persen")

  Path() = default;
  explicit Path(std::string_view p, std::string_view k = {}, int i = -1) : parent(p), key(k), index(i) {}
  Path(std::string_view p, std::string_view k, std::string_view l) : parent(p), key(k), leaf(l) {}
  std::string str() const;
};

Error fromSimdjson(simdjson::error_code e, const Path& where);
const char* typeName(od::json_type t);

#define PANTAU_HOT inline __attribute__((always_inline))

/// Key comparison against a literal: the length test first and a constant-size compare, which the
/// compiler turns into one or two integer compares instead of a memcmp call.
template <std::size_t N>
PANTAU_HOT bool is(std::string_view key, const char (&lit)[N]) {
  return key.size() == N - 1 && std::memcmp(key.data(), lit, N - 1) == 0;
}

/// Out-of-line halves of the inline readers below: they run only when the fast path failed, to
/// explain why (or to handle the rare case), and stay out of the hot loop's code.
[[gnu::cold]] Status keyOfSlow(od::field& field, std::string_view& key, const Path& where);
[[gnu::cold]] Status readCountSlow(od::value& v, simdjson::error_code e, const Path& where);
[[gnu::cold]] Status countRangeError(int64_t x, const Path& where);
[[gnu::cold]] Status readPersenSlow(od::value& v, double& out, bool& present, const Path& where);
[[gnu::cold]] Status persenRangeError(double x, const Path& where);
[[gnu::cold]] Status psuFromString(std::string_view s, Psu& out);
[[gnu::cold]] Status readBoolSlow(od::value& v, bool& out, const Path& where);

/// Marks `bit` of `seen`, or a Duplicate error when the field was there already.
PANTAU_HOT Status seenOnce(uint32_t& seen, uint32_t bit, const Path& where) {
  if (seen & bit) return Error{ErrorCode::Duplicate, where.str() + ": appears twice"};
  seen |= bit;
  return Status::success();
}

/// The key of an object field, without copying when it has no escapes (codes and ids never do).
PANTAU_HOT Status keyOf(od::field& field, std::string_view& key, const Path& where) {
  const char* p = field.key().raw();
  const char* q = p;
  while (*q != '"' && *q != '\\') ++q;  // stage 1 proved the string is closed
  if (*q == '\\') return keyOfSlow(field, key, where);
  key = {p, static_cast<std::size_t>(q - p)};
  return Status::success();
}

/// Calls f(key, value) for each field of `obj` in document order, stopping at the first error.
/// The field is used in place: copying an On-Demand value out of its simdjson_result costs a
/// store-forwarding stall per field (measured: a fifth of the aggregate parse time).
template <class F>
inline Status forEachField(od::object& obj, const Path& where, F&& f) {
  for (auto result : obj) {
    if (auto e = result.error()) return fromSimdjson(e, where);
    od::field&& field = std::move(result).value_unsafe();
    std::string_view key;
    if (Status s = keyOf(field, key, where); !s) return s;
    if (Status s = f(key, field.value()); !s) return s;
  }
  return Status::success();
}

/// True only for a JSON null (an error reading the value is not null).
inline bool isNull(od::value& v) {
  bool n = false;
  return !v.is_null().get(n) && n;
}

[[gnu::cold]] Status getObjectSlow(od::value& v, simdjson::error_code e, const Path& where, const char* what);
/// Gets the object `v` is, or a Type error naming `where` and `what` was expected.
PANTAU_HOT Status getObject(od::value& v, od::object& obj, const Path& where, const char* what = "an object") {
  if (auto e = v.get_object().get(obj)) return getObjectSlow(v, e, where, what);
  return Status::success();
}

Status typeOf(od::value& v, od::json_type& t, const Path& where);
Status expectType(od::value& v, od::json_type want, const Path& where, const char* what);

/// A vote or voter count: a whole number in 0..2^31-1.
PANTAU_HOT Status readCount(od::value& v, uint32_t& out, const Path& where) {
  int64_t x = 0;
  if (auto e = v.get_int64().get(x)) return readCountSlow(v, e, where);
  if (x < 0 || x > INT32_MAX) return countRangeError(x, where);
  out = static_cast<uint32_t>(x);
  return Status::success();
}
/// A count that may be null (read as 0, the way Sirekap shows unfilled fields).
Status readCountOrNull(od::value& v, uint32_t& out, const Path& where);
/// A percentage as served (integer or float), 0..1e6; null leaves `present` false.
PANTAU_HOT Status readPersen(od::value& v, double& out, bool& present, const Path& where) {
  // A successful get_* consumes the value, so the slow path only ever sees an unread one.
  double x = 0;
  if (v.get_double().get(x)) return readPersenSlow(v, out, present, where);
  if (!(x >= 0 && x <= 1e6)) return persenRangeError(x, where);
  out = x;
  present = true;
  return Status::success();
}
PANTAU_HOT Status readBoolOrNull(od::value& v, bool& out, const Path& where) {
  if (!v.get_bool().get(out)) return Status::success();
  return readBoolSlow(v, out, where);
}
Status readString(od::value& v, std::string_view& out, std::size_t maxBytes, const Path& where);
/// `ts`: "YYYY-MM-DD HH:MM:SS" (WIB) or null.
Status readTimestamp(od::value& v, Timestamp& out, const Path& where);
[[gnu::cold]] Status readPsuSlow(od::value& v, Psu& out, const Path& where);
PANTAU_HOT Status readPsu(od::value& v, Psu& out, const Path& where) {
  std::string_view s;
  if (v.get_string().get(s)) return readPsuSlow(v, out, where);  // null, or not a string
  if (is(s, "Reguler")) {  // nearly every row
    out = Psu::Reguler;
    return Status::success();
  }
  return psuFromString(s, out);
}

using data::parseCandidateId;  // the public one (sirekap_types.hpp)

/// Fails with Duplicate if a candidate appears twice in votes[begin, end).
Status checkDistinctCandidates(const VoteCount* begin, const VoteCount* end, const Path& where);

/// `progres`: {"total", "progres"}, both required; sets `present`.
Status readProgres(od::value& v, uint32_t& total, uint32_t& reported, bool& present);
/// "#RRGGBB" to 0xRRGGBB; false for anything else.
bool parseWarna(std::string_view s, uint32_t& rgb);

/// `administrasi` of a TPS (every contest's TPS document carries the same one).
Status readAdministrasi(od::value& v, Administrasi& adm);
/// `images`: C1 page URLs (http(s) only) or null entries, at most `maxImages`.
Status readImages(od::value& v, std::vector<std::optional<std::string>>& images, std::size_t maxImages,
                  std::size_t maxString);

/// `ts` and `mode`, which every document with a count carries (their duplicate bits are 1 << 22
/// and 1 << 23 in `seen`). Sets `handled` when `key` is one of them.
inline Status readTsOrMode(std::string_view key, od::value& v, uint32_t& seen, Timestamp& ts, bool& hasMode, bool& handled) {
  const Path where{"", key};
  handled = true;
  if (is(key, "ts")) {
    if (Status s = seenOnce(seen, 1u << 22, where); !s) return s;
    return readTimestamp(v, ts, where);
  }
  if (is(key, "mode")) {
    if (Status s = seenOnce(seen, 1u << 23, where); !s) return s;
    std::string_view mode;
    hasMode = true;
    return readString(v, mode, 64, where);
  }
  handled = false;
  return Status::success();
}

/// The fields every contest's TPS document shares: ts, mode, images, administrasi, psu,
/// status_suara, status_adm (their duplicate bits are 1 << 24 and up in `seen`). Sets `handled`
/// when `key` is one of them.
template <class Tps>
Status readTpsEnvelope(std::string_view key, od::value& v, uint32_t& seen, Tps& out, std::size_t maxImages,
                       std::size_t maxString, bool& handled) {
  enum : uint32_t { kImages = 1u << 26, kAdm = 1u << 27, kPsu = 1u << 28, kSuara = 1u << 29, kAdmSt = 1u << 30 };
  const Path where{"", key};
  if (Status s = readTsOrMode(key, v, seen, out.ts, out.hasMode, handled); !s || handled) return s;
  handled = true;
  if (is(key, "images")) {
    if (Status s = seenOnce(seen, kImages, where); !s) return s;
    return readImages(v, out.images, maxImages, maxString);
  }
  if (is(key, "administrasi")) {
    if (Status s = seenOnce(seen, kAdm, where); !s) return s;
    if (isNull(v)) return Status::success();
    Administrasi adm;
    if (Status s = readAdministrasi(v, adm); !s) return s;
    out.administrasi = adm;
    return Status::success();
  }
  if (is(key, "psu")) {
    if (Status s = seenOnce(seen, kPsu, where); !s) return s;
    return readPsu(v, out.psu, where);
  }
  if (is(key, "status_suara")) {
    if (Status s = seenOnce(seen, kSuara, where); !s) return s;
    return readBoolOrNull(v, out.statusSuara, where);
  }
  if (is(key, "status_adm")) {
    if (Status s = seenOnce(seen, kAdmSt, where); !s) return s;
    return readBoolOrNull(v, out.statusAdm, where);
  }
  handled = false;
  return Status::success();
}

/// simdjson's parser and a padded copy of the input, reused from document to document (one per
/// parser, so one per thread).
struct DocumentInput {
  od::parser parser;
  std::string buffer;  ///< padded copy for callers without spare capacity
  std::size_t maxBytes;
  std::size_t padding;

  DocumentInput(std::size_t maxDocumentBytes, std::size_t pad) : parser(maxDocumentBytes), maxBytes(maxDocumentBytes), padding(pad) {}
  /// Starts On-Demand over `json`, in place when `capacity` leaves the padding, else over a copy.
  Status begin(std::string_view json, std::size_t capacity, od::document& doc);
  static Status beginObject(od::document& doc, od::object& obj, const char* what);
  /// Fails when anything follows the top-level value.
  static Status end(od::document& doc);
};

/// Runs one document parser over `json`, resetting `out` first (when `reset`) so a failure never
/// leaves a half-filled struct that looks valid.
template <class T, class F>
Status runDocument(DocumentInput& input, std::string_view json, std::size_t capacity, T& out, F parse, bool reset = true) {
  if (reset) out = T{};
  od::document doc;
  Status s = input.begin(json, capacity, doc);
  if (s) s = parse(doc, out);
  if (s) s = DocumentInput::end(doc);
  if (!s) out = T{};
  return s;
}

}  // namespace pantau::data::json
