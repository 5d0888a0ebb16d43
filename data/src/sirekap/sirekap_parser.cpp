// Sirekap document parsers on simdjson On-Demand. Each walks its document once, field by field
// (never by lookup, so a duplicate key is seen, and unknown fields cost one skip), and writes
// straight into the typed struct. See sirekap-api.md for the shapes and quirks handled here.
//
// [SECTION] Buffers and entry points
// [SECTION] Votes (chart, table rows)
// [SECTION] Aggregate
// [SECTION] TPS detail
// [SECTION] Candidates
// [SECTION] Region list
// [SECTION] Kind detection

#include "pantau/data/sirekap/sirekap_parser.hpp"

#include <algorithm>
#include <cstring>

#include "sirekap/json_read.hpp"

namespace pantau::data {

using json::Path;
namespace od = simdjson::ondemand;
static_assert(SirekapParser::kPadding >= simdjson::SIMDJSON_PADDING);

//-----------------------------------------------------------------------------
// [SECTION] Buffers and entry points
//-----------------------------------------------------------------------------

struct SirekapParser::Impl {
  Limits limits;
  json::DocumentInput input;            // simdjson's parser and the padded copy
  std::vector<RegionCode> codeScratch;  // duplicate-key check of table codes

  explicit Impl(Limits l) : limits(l), input(l.maxDocumentBytes, kPadding) {}

  /// Starts On-Demand over `json`, in place when it has padding, else over a padded copy.
  Status begin(std::string_view json, std::size_t capacity, od::document& doc) {
    return input.begin(json, capacity, doc);
  }
  static Status beginObject(od::document& doc, od::object& obj, const char* what) {
    return json::DocumentInput::beginObject(doc, obj, what);
  }
  static Status end(od::document& doc) { return json::DocumentInput::end(doc); }

  Status aggregate(od::document& doc, Aggregate& out);
  Status table(od::value& v, Aggregate& out);
  Status tps(od::document& doc, TpsDetail& out);
  Status candidates(od::document& doc, CandidateList& out);
  Status regionList(od::document& doc, RegionList& out);
  Result<DocumentKind> detect(od::document& doc);
};

SirekapParser::SirekapParser() : SirekapParser(Limits{}) {}
SirekapParser::SirekapParser(Limits limits) : m_impl(std::make_unique<Impl>(limits)) {}
SirekapParser::~SirekapParser() = default;
const SirekapParser::Limits& SirekapParser::limits() const { return m_impl->limits; }

namespace {
template <class T, class F>
Status run(SirekapParser::Impl& impl, std::string_view json, std::size_t capacity, T& out, F parse) {
  return json::runDocument(impl.input, json, capacity, out, parse, !std::is_same_v<T, Aggregate>);
}
}  // namespace

Status SirekapParser::parseAggregate(std::string_view json, Aggregate& out) {
  out.clear();
  return run(*m_impl, json, 0, out, [&](od::document& d, Aggregate& a) { return m_impl->aggregate(d, a); });
}
Status SirekapParser::parseAggregate(const std::string& json, Aggregate& out) {
  out.clear();
  return run(*m_impl, json, json.capacity(), out, [&](od::document& d, Aggregate& a) { return m_impl->aggregate(d, a); });
}
Status SirekapParser::parseTps(std::string_view json, TpsDetail& out) {
  return run(*m_impl, json, 0, out, [&](od::document& d, TpsDetail& t) { return m_impl->tps(d, t); });
}
Status SirekapParser::parseTps(const std::string& json, TpsDetail& out) {
  return run(*m_impl, json, json.capacity(), out, [&](od::document& d, TpsDetail& t) { return m_impl->tps(d, t); });
}
Status SirekapParser::parseCandidates(std::string_view json, CandidateList& out) {
  return run(*m_impl, json, 0, out, [&](od::document& d, CandidateList& c) { return m_impl->candidates(d, c); });
}
Status SirekapParser::parseRegionList(std::string_view json, RegionList& out) {
  return run(*m_impl, json, 0, out, [&](od::document& d, RegionList& r) { return m_impl->regionList(d, r); });
}

//-----------------------------------------------------------------------------
// [SECTION] Votes (chart, table rows)
//-----------------------------------------------------------------------------

namespace {

/// Appends a candidate's votes; a null figure (not yet counted) is skipped.
PANTAU_HOT Status readVote(CandidateId id, od::value& v, std::vector<VoteCount>& out, const Path& where) {
  uint32_t n = 0;
  if (Status s = json::readCount(v, n, where); !s) return json::isNull(v) ? Status::success() : s;
  out.push_back({id, n});
  return Status::success();
}

/// `chart` of an aggregate or TPS: candidate votes, plus `persen` (aggregates) and `"null": null`.
Status readChart(od::value& v, std::vector<VoteCount>& votes, double* persen, bool* hasPersen) {
  const Path at{"chart"};
  od::object obj;
  if (Status s = json::getObject(v, obj, at); !s) return s;
  uint32_t seen = 0;
  Status s = json::forEachField(obj, at, [&](std::string_view key, od::value& fv) {
    const Path where{"chart", key};
    CandidateId id = 0;
    if (json::parseCandidateId(key, id)) return readVote(id, fv, votes, where);
    if (json::is(key, "persen") && persen) {
      if (Status st = seenOnce(seen, 1, where); !st) return st;
      return json::readPersen(fv, *persen, *hasPersen, where);
    }
    return Status::success();  // "null": null, and keys a later API may add
  });
  if (!s) return s;
  return json::checkDistinctCandidates(votes.data(), votes.data() + votes.size(), at);
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Aggregate
//-----------------------------------------------------------------------------

namespace json {

Status readProgres(od::value& v, uint32_t& total, uint32_t& reported, bool& present) {
  const Path at{"progres"};
  od::object obj;
  if (Status s = json::getObject(v, obj, at); !s) return s;
  uint32_t seen = 0;
  Status s = json::forEachField(obj, at, [&](std::string_view key, od::value& fv) {
    const Path where{"progres", key};
    if (json::is(key, "total")) {
      if (Status st = seenOnce(seen, 1, where); !st) return st;
      return json::readCount(fv, total, where);
    }
    if (json::is(key, "progres")) {
      if (Status st = seenOnce(seen, 2, where); !st) return st;
      return json::readCount(fv, reported, where);
    }
    return Status::success();
  });
  if (!s) return s;
  if (seen != 3) return Error{ErrorCode::Missing, "progres: needs both 'total' and 'progres'"};
  present = true;
  return Status::success();
}

}  // namespace json

namespace {

Status readRow(od::value& v, std::string_view code, Aggregate& out, AggregateRow& row) {
  const Path at{"table", code};
  od::object obj;
  if (Status s = json::getObject(v, obj, at); !s) return s;
  row.voteBegin = static_cast<uint32_t>(out.rowVotes.size());
  uint32_t seen = 0;
  Status s = json::forEachField(obj, at, [&](std::string_view key, od::value& fv) {
    const Path where{"table", code, key};
    CandidateId id = 0;
    if (json::parseCandidateId(key, id)) return readVote(id, fv, out.rowVotes, where);
    if (json::is(key, "persen")) {
      if (Status st = seenOnce(seen, 1, where); !st) return st;
      return json::readPersen(fv, row.persen, row.hasPersen, where);
    }
    if (json::is(key, "status_progress")) {
      if (Status st = seenOnce(seen, 2, where); !st) return st;
      return json::readBoolOrNull(fv, row.statusProgress, where);
    }
    if (json::is(key, "psu")) {
      if (Status st = seenOnce(seen, 4, where); !st) return st;
      return json::readPsu(fv, row.psu, where);
    }
    return Status::success();
  });
  if (!s) return s;
  row.voteCount = static_cast<uint32_t>(out.rowVotes.size() - row.voteBegin);
  const VoteCount* b = out.rowVotes.data() + row.voteBegin;
  return json::checkDistinctCandidates(b, b + row.voteCount, at);
}

}  // namespace

Status SirekapParser::Impl::table(od::value& v, Aggregate& out) {
  const Path at{"table"};
  od::object obj;
  if (Status s = json::getObject(v, obj, at); !s) return s;
  std::size_t codeLen = 0;
  Status s = json::forEachField(obj, at, [&](std::string_view code, od::value& rv) {
    if (!isValidCode(code))
      return Status(Error{ErrorCode::BadCode, Path{"table", code}.str() +
                                                  ": key is not a region code ([0-9A-Z], 2/4/6/10/13 chars)"});
    if (codeLen == 0) codeLen = code.size();
    if (code.size() != codeLen)
      return Status(Error{ErrorCode::BadCode, Path{"table", code}.str() + ": code has " + std::to_string(code.size()) +
                                                  " chars, the table's first has " + std::to_string(codeLen)});
    AggregateRow& row = out.rows.emplace_back();
    row.code = RegionCode::from(code);
    return readRow(rv, code, out, row);
  });
  if (!s) return s;
  if (codeLen) out.childLevel = static_cast<Level>(levelOfLength(codeLen));
  // Duplicate codes. Sirekap writes tables in code order, so one pass proves there are none;
  // otherwise sort a scratch copy (rows stay in document order).
  bool ascending = true;
  for (std::size_t i = 1; i < out.rows.size() && ascending; ++i)
    ascending = out.rows[i - 1].code.view() < out.rows[i].code.view();
  if (ascending) return Status::success();
  codeScratch.clear();
  for (const AggregateRow& r : out.rows) codeScratch.push_back(r.code);
  std::sort(codeScratch.begin(), codeScratch.end(),
            [](const RegionCode& a, const RegionCode& b) { return a.view() < b.view(); });
  if (auto dup = std::adjacent_find(codeScratch.begin(), codeScratch.end()); dup != codeScratch.end())
    return Error{ErrorCode::Duplicate, "table." + std::string(dup->view()) + ": appears twice"};
  return Status::success();
}

Status SirekapParser::Impl::aggregate(od::document& doc, Aggregate& out) {
  od::object obj;
  if (Status s = beginObject(doc, obj, "an aggregate object"); !s) return s;
  enum : uint32_t { kPsu = 2, kChart = 8, kTable = 16, kProgres = 32 };
  uint32_t seen = 0;
  Status s = json::forEachField(obj, Path{}, [&](std::string_view key, od::value& v) {
    const Path where{"", key};
    if (json::is(key, "table")) {
      if (Status st = seenOnce(seen, kTable, where); !st) return st;
      return table(v, out);
    }
    if (json::is(key, "psu")) {
      if (Status st = seenOnce(seen, kPsu, where); !st) return st;
      return json::readPsu(v, out.psu, where);
    }
    if (json::is(key, "chart")) {
      if (Status st = seenOnce(seen, kChart, where); !st) return st;
      if (json::isNull(v)) return Status::success();
      return readChart(v, out.chart, &out.chartPersen, &out.hasChartPersen);
    }
    if (json::is(key, "progres")) {
      if (Status st = seenOnce(seen, kProgres, where); !st) return st;
      return json::readProgres(v, out.progressTotal, out.progressReported, out.hasProgress);
    }
    bool handled = false;
    return json::readTsOrMode(key, v, seen, out.ts, out.hasMode, handled);
  });
  if (!s) return s;
  if (!(seen & kTable)) return Error{ErrorCode::Missing, "table: missing (an aggregate has a table of its children)"};
  return Status::success();
}

//-----------------------------------------------------------------------------
// [SECTION] TPS detail
//-----------------------------------------------------------------------------

namespace json {

struct AdmField {
  std::string_view name;
  uint32_t Administrasi::*scalar;
  std::array<uint32_t, 3> Administrasi::*triple;
  int sex;
};

constexpr AdmField kAdmFields[] = {
    {"suara_sah", &Administrasi::suaraSah, nullptr, 0},
    {"suara_tidak_sah", &Administrasi::suaraTidakSah, nullptr, 0},
    {"suara_total", &Administrasi::suaraTotal, nullptr, 0},
    {"pemilih_dpt_j", nullptr, &Administrasi::pemilihDpt, 0},
    {"pemilih_dpt_l", nullptr, &Administrasi::pemilihDpt, 1},
    {"pemilih_dpt_p", nullptr, &Administrasi::pemilihDpt, 2},
    {"pengguna_dpt_j", nullptr, &Administrasi::penggunaDpt, 0},
    {"pengguna_dpt_l", nullptr, &Administrasi::penggunaDpt, 1},
    {"pengguna_dpt_p", nullptr, &Administrasi::penggunaDpt, 2},
    {"pengguna_dptb_j", nullptr, &Administrasi::penggunaDptb, 0},
    {"pengguna_dptb_l", nullptr, &Administrasi::penggunaDptb, 1},
    {"pengguna_dptb_p", nullptr, &Administrasi::penggunaDptb, 2},
    {"pengguna_non_dpt_j", nullptr, &Administrasi::penggunaNonDpt, 0},
    {"pengguna_non_dpt_l", nullptr, &Administrasi::penggunaNonDpt, 1},
    {"pengguna_non_dpt_p", nullptr, &Administrasi::penggunaNonDpt, 2},
    {"pengguna_total_j", nullptr, &Administrasi::penggunaTotal, 0},
    {"pengguna_total_l", nullptr, &Administrasi::penggunaTotal, 1},
    {"pengguna_total_p", nullptr, &Administrasi::penggunaTotal, 2},
};
static_assert(std::size(kAdmFields) <= 32);

Status readAdministrasi(od::value& v, Administrasi& adm) {
  const Path at{"administrasi"};
  od::object obj;
  if (Status s = json::getObject(v, obj, at, "an object or null"); !s) return s;
  uint32_t seen = 0;
  return json::forEachField(obj, at, [&](std::string_view key, od::value& fv) {
    for (std::size_t i = 0; i < std::size(kAdmFields); ++i) {
      const AdmField& f = kAdmFields[i];
      if (key != f.name) continue;
      const Path where{"administrasi", key};
      if (Status s = seenOnce(seen, 1u << i, where); !s) return s;
      uint32_t& slot = f.scalar ? adm.*(f.scalar) : (adm.*(f.triple))[f.sex];
      return json::readCountOrNull(fv, slot, where);
    }
    return Status::success();
  });
}

/// Form image URLs are fetched later: only http(s) URLs of printable ASCII are data.
bool isHttpUrl(std::string_view url) {
  if (!(url.starts_with("https://") || url.starts_with("http://"))) return false;
  for (unsigned char c : url)
    if (c <= 0x20 || c >= 0x7f) return false;
  return true;
}

Status readImages(od::value& v, std::vector<std::optional<std::string>>& images, std::size_t maxImages,
                  std::size_t maxString) {
  const Path at{"", "images"};
  if (json::isNull(v)) return Status::success();
  od::array arr;
  if (auto e = v.get_array().get(arr)) {
    if (e != simdjson::INCORRECT_TYPE) return json::fromSimdjson(e, at);
    return json::expectType(v, od::json_type::array, at, "an array");
  }
  int i = 0;
  for (auto elem : arr) {
    const Path where{"images", "", i++};
    if (images.size() == maxImages)
      return Error{ErrorCode::TooLarge, "images: more than " + std::to_string(maxImages) + " entries"};
    if (auto e = elem.error()) return json::fromSimdjson(e, where);
    od::value&& iv = std::move(elem).value_unsafe();
    if (json::isNull(iv)) {
      images.emplace_back(std::nullopt);
      continue;
    }
    std::string_view url;
    if (Status s = json::readString(iv, url, maxString, where); !s) return s;
    if (!isHttpUrl(url))
      return Error{ErrorCode::Refused, where.str() + ": '" + std::string(url.substr(0, 80)) + "' is not an http(s) URL"};
    images.emplace_back(std::string(url));
  }
  return Status::success();
}

}  // namespace json

Status SirekapParser::Impl::tps(od::document& doc, TpsDetail& out) {
  od::object obj;
  if (Status s = beginObject(doc, obj, "a TPS object"); !s) return s;
  enum : uint32_t { kChart = 1 };
  uint32_t seen = 0;
  return json::forEachField(obj, Path{}, [&](std::string_view key, od::value& v) {
    const Path where{"", key};
    if (json::is(key, "chart")) {
      if (Status s = seenOnce(seen, kChart, where); !s) return s;
      if (json::isNull(v)) return Status::success();
      out.chartPresent = true;
      return readChart(v, out.chart, nullptr, nullptr);
    }
    bool handled = false;
    return json::readTpsEnvelope(key, v, seen, out, limits.maxImages, limits.maxStringBytes, handled);
  });
}

//-----------------------------------------------------------------------------
// [SECTION] Candidates
//-----------------------------------------------------------------------------

namespace json {

bool parseWarna(std::string_view s, uint32_t& rgb) {
  if (s.size() != 7 || s[0] != '#') return false;
  rgb = 0;
  for (char c : s.substr(1)) {
    int d = (c >= '0' && c <= '9') ? c - '0' : (c >= 'a' && c <= 'f') ? c - 'a' + 10 : (c >= 'A' && c <= 'F') ? c - 'A' + 10 : -1;
    if (d < 0) return false;
    rgb = rgb * 16 + static_cast<uint32_t>(d);
  }
  return true;
}

}  // namespace json

namespace {

Status readCandidate(od::value& v, std::string_view id, Candidate& c, std::size_t maxString) {
  const Path at{"", id};
  od::object obj;
  if (Status s = json::getObject(v, obj, at, "a candidate object"); !s) return s;
  uint32_t seen = 0;
  Status s = json::forEachField(obj, at, [&](std::string_view key, od::value& cv) {
    const Path where{id, key};
    std::string_view str;
    if (json::is(key, "nama")) {
      if (Status st = seenOnce(seen, 1, where); !st) return st;
      if (Status st = json::readString(cv, str, maxString, where); !st) return st;
      c.nama = str;
    } else if (json::is(key, "warna")) {
      if (Status st = seenOnce(seen, 2, where); !st) return st;
      if (Status st = json::readString(cv, str, 64, where); !st) return st;
      if (!json::parseWarna(str, c.rgb))
        return Status(Error{ErrorCode::Type, where.str() + ": '" + std::string(str) + "' is not a #RRGGBB colour"});
      c.warna = str;
    } else if (json::is(key, "nomor_urut")) {
      if (Status st = seenOnce(seen, 4, where); !st) return st;
      return json::readCount(cv, c.nomorUrut, where);
    } else if (json::is(key, "ts")) {
      if (Status st = seenOnce(seen, 8, where); !st) return st;
      return json::readTimestamp(cv, c.ts, where);
    }
    return Status::success();
  });
  if (!s) return s;
  if ((seen & 7) != 7) return Error{ErrorCode::Missing, at.str() + ": a candidate needs nama, warna and nomor_urut"};
  return Status::success();
}

}  // namespace

Status SirekapParser::Impl::candidates(od::document& doc, CandidateList& out) {
  od::object obj;
  if (Status s = beginObject(doc, obj, "an object of candidates"); !s) return s;
  Status s = json::forEachField(obj, Path{}, [&](std::string_view key, od::value& v) {
    Candidate c;
    if (!json::parseCandidateId(key, c.id))
      return Status(Error{ErrorCode::Type, Path{"", key}.str() + ": key is not a candidate id (digits)"});
    if (Status st = readCandidate(v, key, c, limits.maxStringBytes); !st) return st;
    for (const Candidate& other : out.candidates)
      if (other.id == c.id) return Status(Error{ErrorCode::Duplicate, Path{"", key}.str() + ": appears twice"});
    out.candidates.push_back(std::move(c));
    return Status::success();
  });
  if (!s) return s;
  if (out.candidates.empty()) return Error{ErrorCode::Missing, "document: no candidates"};
  std::stable_sort(out.candidates.begin(), out.candidates.end(),
                   [](const Candidate& a, const Candidate& b) { return a.nomorUrut < b.nomorUrut; });
  return Status::success();
}

//-----------------------------------------------------------------------------
// [SECTION] Region list
//-----------------------------------------------------------------------------

namespace {

Status readRegionEntry(od::value& v, const std::string& at, RegionListEntry& r, std::size_t maxString) {
  od::object obj;
  if (Status s = json::getObject(v, obj, Path{at}, "a region object"); !s) return s;
  uint32_t seen = 0, tingkat = 0;
  Status s = json::forEachField(obj, Path{at}, [&](std::string_view key, od::value& fv) {
    const Path where{at, key};
    std::string_view str;
    if (json::is(key, "nama")) {
      if (Status st = seenOnce(seen, 1, where); !st) return st;
      if (Status st = json::readString(fv, str, maxString, where); !st) return st;
      r.nama = str;
    } else if (json::is(key, "kode")) {
      if (Status st = seenOnce(seen, 2, where); !st) return st;
      if (Status st = json::readString(fv, str, 64, where); !st) return st;
      if (!isValidCode(str))
        return Status(Error{ErrorCode::BadCode, where.str() + ": '" + std::string(str.substr(0, 20)) +
                                                    "' is not a region code ([0-9A-Z], 2/4/6/10/13 chars)"});
      r.kode = RegionCode::from(str);
    } else if (json::is(key, "tingkat")) {
      if (Status st = seenOnce(seen, 4, where); !st) return st;
      if (Status st = json::readCount(fv, tingkat, where); !st) return st;
      if (tingkat < 1 || tingkat > 5)
        return Status(Error{ErrorCode::Range, where.str() + ": " + std::to_string(tingkat) + " is not 1..5"});
    } else if (json::is(key, "id")) {
      if (Status st = seenOnce(seen, 8, where); !st) return st;
      return json::readCountOrNull(fv, r.id, where);
    }
    return Status::success();
  });
  if (!s) return s;
  static constexpr const char* kNames[] = {"nama", "kode", "tingkat"};
  for (int i = 0; i < 3; ++i)
    if (!(seen & (1u << i)))
      return Error{ErrorCode::Missing, at + "." + kNames[i] + ": missing (a region entry has nama, kode, tingkat)"};
  r.tingkat = static_cast<Level>(tingkat);
  if (r.kode.length != codeLength(r.tingkat))
    return Error{ErrorCode::BadCode, at + ".kode: '" + std::string(r.kode.view()) + "' has " +
                                         std::to_string(r.kode.length) + " chars, tingkat " + std::to_string(tingkat) +
                                         " needs " + std::to_string(codeLength(r.tingkat))};
  return Status::success();
}

}  // namespace

Status SirekapParser::Impl::regionList(od::document& doc, RegionList& out) {
  od::json_type t;
  if (auto e = doc.type().get(t)) return json::fromSimdjson(e, Path{});
  if (t != od::json_type::array)
    return Error{ErrorCode::Type, std::string("document: expected an array of regions, got ") + json::typeName(t)};
  od::array arr;
  if (auto e = doc.get_array().get(arr)) return json::fromSimdjson(e, Path{});
  int i = 0;
  for (auto elem : arr) {
    const std::string at = "[" + std::to_string(i++) + "]";
    if (auto e = elem.error()) return json::fromSimdjson(e, Path{at});
    od::value&& v = std::move(elem).value_unsafe();
    RegionListEntry r;
    if (Status s = readRegionEntry(v, at, r, limits.maxStringBytes); !s) return s;
    if (!out.regions.empty() && out.regions.front().tingkat != r.tingkat)
      return Error{ErrorCode::Type, at + ".tingkat: " + std::to_string(int(r.tingkat)) + " differs from the list's first entry"};
    out.regions.push_back(std::move(r));
  }
  std::vector<RegionCode> codes;
  codes.reserve(out.regions.size());
  for (const auto& r : out.regions) codes.push_back(r.kode);
  std::sort(codes.begin(), codes.end(), [](const RegionCode& a, const RegionCode& b) { return a.view() < b.view(); });
  if (auto d = std::adjacent_find(codes.begin(), codes.end()); d != codes.end())
    return Error{ErrorCode::Duplicate, "kode '" + std::string(d->view()) + "' appears twice"};
  return Status::success();
}

//-----------------------------------------------------------------------------
// [SECTION] Kind detection
//-----------------------------------------------------------------------------

Result<DocumentKind> SirekapParser::Impl::detect(od::document& doc) {
  od::json_type t;
  if (auto e = doc.type().get(t)) return json::fromSimdjson(e, Path{});
  if (t == od::json_type::array) return DocumentKind::Regions;
  if (t != od::json_type::object)
    return Error{ErrorCode::UnknownKind, std::string("document: a ") + json::typeName(t) +
                                             " is not a Sirekap document (expected an object or an array)"};
  od::object obj;
  if (auto e = doc.get_object().get(obj)) return json::fromSimdjson(e, Path{});
  bool aggregate = false, tps = false, allIds = true, any = false;
  std::string firstKey;
  Status s = json::forEachField(obj, Path{}, [&](std::string_view key, od::value&) {
    if (!any) firstKey = std::string(key.substr(0, 40));
    any = true;
    CandidateId id;
    if (json::is(key, "table") || json::is(key, "progres")) aggregate = true;
    if (json::is(key, "images") || json::is(key, "administrasi") || json::is(key, "status_suara") || json::is(key, "status_adm")) tps = true;
    if (!json::parseCandidateId(key, id)) allIds = false;
    return Status::success();
  });
  if (!s) return s.error();
  if (aggregate) return DocumentKind::Aggregate;
  if (tps) return DocumentKind::Tps;
  if (any && allIds) return DocumentKind::Candidates;
  return Error{ErrorCode::UnknownKind,
               "document: not a Sirekap document (no table/progres of an aggregate, no "
               "images/administrasi of a TPS, keys are not candidate ids; first key '" + firstKey + "')"};
}

Result<Document> SirekapParser::parseDocument(std::string_view json) {
  DocumentKind kind;
  {
    od::document doc;
    if (Status s = m_impl->begin(json, 0, doc); !s) return s.error();
    auto k = m_impl->detect(doc);
    if (!k) return k.error();
    kind = *k;
  }
  Status s;
  switch (kind) {
    case DocumentKind::Aggregate: {
      Aggregate a;
      if ((s = parseAggregate(json, a))) return Document{std::move(a)};
      break;
    }
    case DocumentKind::Tps: {
      TpsDetail t;
      if ((s = parseTps(json, t))) return Document{std::move(t)};
      break;
    }
    case DocumentKind::Candidates: {
      CandidateList c;
      if ((s = parseCandidates(json, c))) return Document{std::move(c)};
      break;
    }
    case DocumentKind::Regions: {
      RegionList r;
      if ((s = parseRegionList(json, r))) return Document{std::move(r)};
      break;
    }
  }
  return s.error();
}

}  // namespace pantau::data
