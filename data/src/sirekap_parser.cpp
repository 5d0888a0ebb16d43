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

#include "pantau/data/sirekap_parser.hpp"

#include <algorithm>
#include <cstring>

#include "json_read.hpp"

namespace pantau::data {

using json::Path;
namespace od = simdjson::ondemand;
static_assert(SirekapParser::kPadding >= simdjson::SIMDJSON_PADDING);

//-----------------------------------------------------------------------------
// [SECTION] Buffers and entry points
//-----------------------------------------------------------------------------

struct SirekapParser::Impl {
  Limits limits;
  od::parser parser;
  std::string buffer;                 // padded copy for callers without spare capacity
  std::vector<RegionCode> codeScratch;  // duplicate-key check of table codes

  explicit Impl(Limits l) : limits(l), parser(l.maxDocumentBytes) {}

  Status tooLarge(std::size_t size) const {
    return Error{ErrorCode::TooLarge, "document: " + std::to_string(size) +
                                          " bytes is over the limit of " +
                                          std::to_string(limits.maxDocumentBytes)};
  }

  /// Starts On-Demand over `json`, in place when it has padding, else over a padded copy.
  Status begin(std::string_view json, std::size_t capacity, od::document& doc) {
    if (json.size() > limits.maxDocumentBytes) return tooLarge(json.size());
    simdjson::padded_string_view view;
    if (capacity >= json.size() + kPadding) {
      view = simdjson::padded_string_view(json.data(), json.size(), capacity);
    } else {
      buffer.resize(json.size() + kPadding);
      std::memcpy(buffer.data(), json.data(), json.size());
      std::memset(buffer.data() + json.size(), ' ', kPadding);
      view = simdjson::padded_string_view(buffer.data(), json.size(), buffer.size());
    }
    if (auto e = parser.iterate(view).get(doc)) return json::fromSimdjson(e, Path{});
    return Status::success();
  }

  Status beginObject(od::document& doc, od::object& obj, const char* what) {
    od::json_type t;
    if (auto e = doc.type().get(t)) return json::fromSimdjson(e, Path{});
    if (t != od::json_type::object)
      return Error{ErrorCode::Type, std::string("document: expected ") + what + ", got " + json::typeName(t)};
    if (auto e = doc.get_object().get(obj)) return json::fromSimdjson(e, Path{});
    return Status::success();
  }

  static Status end(od::document& doc) {
    // simdjson 3.0 has no document::at_end(); current_location() fails once past the last token.
    if (!doc.current_location().error())
      return Error{ErrorCode::Syntax, "document: unexpected content after the top-level value"};
    return Status::success();
  }

  Status aggregate(od::document& doc, Aggregate& out);
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
/// Runs one document parser over `json`, resetting `out` first so a failure never leaves a
/// half-filled struct that looks valid.
template <class T, class F>
Status run(SirekapParser::Impl& impl, std::string_view json, std::size_t capacity, T& out, F parse) {
  if constexpr (!std::is_same_v<T, Aggregate>) out = T{};  // Aggregate: cleared by the caller, keeping capacity
  od::document doc;
  Status s = impl.begin(json, capacity, doc);
  if (s) s = parse(doc, out);
  if (s) s = SirekapParser::Impl::end(doc);
  if (!s) out = T{};
  return s;
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

/// Handles one field of a chart or table row if it is a candidate's votes. Returns handled=false
/// for other keys ("persen", "psu", "null", ...), which the caller deals with or skips.
Status voteField(std::string_view key, od::value& v, std::vector<VoteCount>& out, bool& handled,
                 std::string_view parent) {
  CandidateId id = 0;
  handled = json::parseCandidateId(key, id);
  if (!handled) return Status::success();
  od::json_type t;
  Path where{parent, key};
  if (Status s = json::typeOf(v, t, where); !s) return s;
  if (t == od::json_type::null) return Status::success();  // no figure for this candidate yet
  uint32_t n = 0;
  if (Status s = json::readCount(v, n, where); !s) return s;
  out.push_back({id, n});
  return Status::success();
}

/// `chart` of an aggregate or TPS: candidate votes, plus `persen` (aggregates) and `"null": null`.
Status readChart(od::value& v, std::vector<VoteCount>& votes, double* persen, bool* hasPersen) {
  od::object obj;
  if (Status s = json::expectType(v, od::json_type::object, Path{"chart"}, "an object"); !s) return s;
  if (auto e = v.get_object().get(obj)) return json::fromSimdjson(e, Path{"chart"});
  bool seenPersen = false;
  for (auto field : obj) {
    std::string_view key;
    if (Status s = json::keyOf(field, key, Path{"chart"}); !s) return s;
    od::value fv;
    if (auto e = field.value().get(fv)) return json::fromSimdjson(e, Path{"chart", key});
    bool handled = false;
    if (Status s = voteField(key, fv, votes, handled, "chart"); !s) return s;
    if (!handled && key == "persen" && persen) {
      if (seenPersen) return Error{ErrorCode::Duplicate, "chart.persen: appears twice"};
      seenPersen = true;
      if (Status s = json::readPersen(fv, *persen, *hasPersen, Path{"chart", key}); !s) return s;
    }
  }
  return json::checkDistinctCandidates(votes.data(), votes.data() + votes.size(), Path{"chart"});
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Aggregate
//-----------------------------------------------------------------------------

namespace {

enum AggregateKey : uint32_t { kTs = 1, kPsu = 2, kMode = 4, kChart = 8, kTable = 16, kProgres = 32 };

Status seenOnce(uint32_t& seen, uint32_t bit, std::string_view key) {
  if (seen & bit) return Error{ErrorCode::Duplicate, std::string(key) + ": appears twice"};
  seen |= bit;
  return Status::success();
}

Status readProgres(od::value& v, Aggregate& out) {
  if (Status s = json::expectType(v, od::json_type::object, Path{"progres"}, "an object"); !s) return s;
  od::object obj;
  if (auto e = v.get_object().get(obj)) return json::fromSimdjson(e, Path{"progres"});
  uint32_t seen = 0;
  for (auto field : obj) {
    std::string_view key;
    if (Status s = json::keyOf(field, key, Path{"progres"}); !s) return s;
    od::value fv;
    if (auto e = field.value().get(fv)) return json::fromSimdjson(e, Path{"progres", key});
    if (key == "total") {
      if (Status s = seenOnce(seen, 1, "progres.total"); !s) return s;
      if (Status s = json::readCount(fv, out.progressTotal, Path{"progres", key}); !s) return s;
    } else if (key == "progres") {
      if (Status s = seenOnce(seen, 2, "progres.progres"); !s) return s;
      if (Status s = json::readCount(fv, out.progressReported, Path{"progres", key}); !s) return s;
    }
  }
  if (seen != 3) return Error{ErrorCode::Missing, "progres: needs both 'total' and 'progres'"};
  out.hasProgress = true;
  return Status::success();
}

Status readRow(od::value& v, std::string_view code, Aggregate& out, AggregateRow& row) {
  // Path of the row for messages: "table.<code>".
  std::string parent;  // built only on the error path below
  auto where = [&](std::string_view key) {
    parent = "table." + std::string(code);
    return Path{parent, key};
  };
  od::json_type t;
  if (Status s = json::typeOf(v, t, Path{"table", code}); !s) return s;
  if (t != od::json_type::object)
    return Error{ErrorCode::Type, "table." + std::string(code) + ": expected an object, got " + json::typeName(t)};
  od::object obj;
  if (auto e = v.get_object().get(obj)) return json::fromSimdjson(e, Path{"table", code});
  row.voteBegin = static_cast<uint32_t>(out.rowVotes.size());
  uint32_t seen = 0;
  for (auto field : obj) {
    std::string_view key;
    if (Status s = json::keyOf(field, key, Path{"table", code}); !s) return s;
    od::value fv;
    if (auto e = field.value().get(fv)) return json::fromSimdjson(e, where(key));
    CandidateId id = 0;
    if (json::parseCandidateId(key, id)) {
      od::json_type vt;
      if (Status s = json::typeOf(fv, vt, where(key)); !s) return s;
      if (vt == od::json_type::null) continue;
      uint32_t n = 0;
      if (Status s = json::readCount(fv, n, where(key)); !s) return s;
      out.rowVotes.push_back({id, n});
    } else if (key == "persen") {
      if (Status s = seenOnce(seen, 1, "table." + std::string(code) + ".persen"); !s) return s;
      if (Status s = json::readPersen(fv, row.persen, row.hasPersen, where(key)); !s) return s;
    } else if (key == "status_progress") {
      if (Status s = seenOnce(seen, 2, "table." + std::string(code) + ".status_progress"); !s) return s;
      if (Status s = json::readBoolOrNull(fv, row.statusProgress, where(key)); !s) return s;
    } else if (key == "psu") {
      if (Status s = seenOnce(seen, 4, "table." + std::string(code) + ".psu"); !s) return s;
      if (Status s = json::readPsu(fv, row.psu, where(key)); !s) return s;
    }
  }
  row.voteCount = static_cast<uint32_t>(out.rowVotes.size() - row.voteBegin);
  const VoteCount* b = out.rowVotes.data() + row.voteBegin;
  if (row.voteCount > 1) {
    parent = "table." + std::string(code);
    return json::checkDistinctCandidates(b, b + row.voteCount, Path{parent});
  }
  return Status::success();
}

}  // namespace

Status SirekapParser::Impl::aggregate(od::document& doc, Aggregate& out) {
  od::object obj;
  if (Status s = beginObject(doc, obj, "an aggregate object"); !s) return s;
  uint32_t seen = 0;
  for (auto field : obj) {
    std::string_view key;
    if (Status s = json::keyOf(field, key, Path{}); !s) return s;
    od::value v;
    if (auto e = field.value().get(v)) return json::fromSimdjson(e, Path{"", key});
    if (key == "ts") {
      if (Status s = seenOnce(seen, kTs, key); !s) return s;
      if (Status s = json::readTimestamp(v, out.ts, Path{"", key}); !s) return s;
    } else if (key == "psu") {
      if (Status s = seenOnce(seen, kPsu, key); !s) return s;
      if (Status s = json::readPsu(v, out.psu, Path{"", key}); !s) return s;
    } else if (key == "mode") {
      if (Status s = seenOnce(seen, kMode, key); !s) return s;
      std::string_view mode;
      if (Status s = json::readString(v, mode, 64, Path{"", key}); !s) return s;
      out.hasMode = true;
    } else if (key == "chart") {
      if (Status s = seenOnce(seen, kChart, key); !s) return s;
      od::json_type t;
      if (Status s = json::typeOf(v, t, Path{"", key}); !s) return s;
      if (t != od::json_type::null)
        if (Status s = readChart(v, out.chart, &out.chartPersen, &out.hasChartPersen); !s) return s;
    } else if (key == "table") {
      if (Status s = seenOnce(seen, kTable, key); !s) return s;
      if (Status s = json::expectType(v, od::json_type::object, Path{"table"}, "an object"); !s) return s;
      od::object table;
      if (auto e = v.get_object().get(table)) return json::fromSimdjson(e, Path{"table"});
      std::size_t codeLen = 0;
      for (auto rowField : table) {
        std::string_view code;
        if (Status s = json::keyOf(rowField, code, Path{"table"}); !s) return s;
        if (!isValidCode(code))
          return Error{ErrorCode::BadCode, Path{"table", code}.str() +
                                               ": key is not a region code ([0-9A-Z], 2/4/6/10/13 chars)"};
        if (codeLen == 0) codeLen = code.size();
        if (code.size() != codeLen)
          return Error{ErrorCode::BadCode, Path{"table", code}.str() + ": code has " +
                                               std::to_string(code.size()) + " chars, the table's first has " +
                                               std::to_string(codeLen)};
        od::value rv;
        if (auto e = rowField.value().get(rv)) return json::fromSimdjson(e, Path{"table", code});
        AggregateRow row;
        row.code = RegionCode::from(code);
        if (Status s = readRow(rv, code, out, row); !s) return s;
        out.rows.push_back(row);
      }
      if (codeLen) out.childLevel = static_cast<Level>(levelOfLength(codeLen));
      // Duplicate codes: sort a scratch copy (rows stay in document order).
      codeScratch.clear();
      for (const AggregateRow& r : out.rows) codeScratch.push_back(r.code);
      std::sort(codeScratch.begin(), codeScratch.end(),
                [](const RegionCode& a, const RegionCode& b) { return a.view() < b.view(); });
      auto dup = std::adjacent_find(codeScratch.begin(), codeScratch.end());
      if (dup != codeScratch.end())
        return Error{ErrorCode::Duplicate, "table." + std::string(dup->view()) + ": appears twice"};
    } else if (key == "progres") {
      if (Status s = seenOnce(seen, kProgres, key); !s) return s;
      if (Status s = readProgres(v, out); !s) return s;
    }
  }
  if (!(seen & kTable)) return Error{ErrorCode::Missing, "table: missing (an aggregate has a table of its children)"};
  return Status::success();
}

//-----------------------------------------------------------------------------
// [SECTION] TPS detail
//-----------------------------------------------------------------------------

namespace {

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
  if (Status s = json::expectType(v, od::json_type::object, Path{"administrasi"}, "an object or null"); !s) return s;
  od::object obj;
  if (auto e = v.get_object().get(obj)) return json::fromSimdjson(e, Path{"administrasi"});
  uint32_t seen = 0;
  for (auto field : obj) {
    std::string_view key;
    if (Status s = json::keyOf(field, key, Path{"administrasi"}); !s) return s;
    od::value fv;
    if (auto e = field.value().get(fv)) return json::fromSimdjson(e, Path{"administrasi", key});
    for (std::size_t i = 0; i < std::size(kAdmFields); ++i) {
      const AdmField& f = kAdmFields[i];
      if (key != f.name) continue;
      if (Status s = seenOnce(seen, 1u << i, "administrasi." + std::string(key)); !s) return s;
      uint32_t& slot = f.scalar ? adm.*(f.scalar) : (adm.*(f.triple))[f.sex];
      if (Status s = json::readCountOrNull(fv, slot, Path{"administrasi", key}); !s) return s;
      break;
    }
  }
  return Status::success();
}

/// Form image URLs are fetched later: only http(s) URLs of printable ASCII are data.
bool isHttpUrl(std::string_view url) {
  if (!(url.starts_with("https://") || url.starts_with("http://"))) return false;
  for (unsigned char c : url)
    if (c <= 0x20 || c >= 0x7f) return false;
  return true;
}

}  // namespace

Status SirekapParser::Impl::tps(od::document& doc, TpsDetail& out) {
  od::object obj;
  if (Status s = beginObject(doc, obj, "a TPS object"); !s) return s;
  enum : uint32_t { kTsK = 1, kModeK = 2, kChartK = 4, kImagesK = 8, kAdmK = 16, kPsuK = 32, kSuaraK = 64, kAdmStK = 128 };
  uint32_t seen = 0;
  for (auto field : obj) {
    std::string_view key;
    if (Status s = json::keyOf(field, key, Path{}); !s) return s;
    od::value v;
    if (auto e = field.value().get(v)) return json::fromSimdjson(e, Path{"", key});
    const Path where{"", key};
    od::json_type t;
    if (key == "ts") {
      if (Status s = seenOnce(seen, kTsK, key); !s) return s;
      if (Status s = json::readTimestamp(v, out.ts, where); !s) return s;
    } else if (key == "mode") {
      if (Status s = seenOnce(seen, kModeK, key); !s) return s;
      std::string_view mode;
      if (Status s = json::readString(v, mode, 64, where); !s) return s;
      out.hasMode = true;
    } else if (key == "chart") {
      if (Status s = seenOnce(seen, kChartK, key); !s) return s;
      if (Status s = json::typeOf(v, t, where); !s) return s;
      if (t != od::json_type::null) {
        out.chartPresent = true;
        if (Status s = readChart(v, out.chart, nullptr, nullptr); !s) return s;
      }
    } else if (key == "images") {
      if (Status s = seenOnce(seen, kImagesK, key); !s) return s;
      if (Status s = json::typeOf(v, t, where); !s) return s;
      if (t == od::json_type::null) continue;
      if (t != od::json_type::array)
        return Error{ErrorCode::Type, "images: expected an array, got " + std::string(json::typeName(t))};
      od::array arr;
      if (auto e = v.get_array().get(arr)) return json::fromSimdjson(e, where);
      int i = 0;
      for (auto elem : arr) {
        const Path at{"images", "", i};
        if (out.images.size() == limits.maxImages)
          return Error{ErrorCode::TooLarge, "images: more than " + std::to_string(limits.maxImages) + " entries"};
        od::value iv;
        if (auto e = elem.get(iv)) return json::fromSimdjson(e, at);
        if (Status s = json::typeOf(iv, t, at); !s) return s;
        if (t == od::json_type::null) {
          out.images.emplace_back(std::nullopt);
        } else {
          std::string_view url;
          if (Status s = json::readString(iv, url, limits.maxStringBytes, at); !s) return s;
          if (!isHttpUrl(url))
            return Error{ErrorCode::Refused, at.str() + ": '" + std::string(url.substr(0, 80)) + "' is not an http(s) URL"};
          out.images.emplace_back(std::string(url));
        }
        ++i;
      }
    } else if (key == "administrasi") {
      if (Status s = seenOnce(seen, kAdmK, key); !s) return s;
      if (Status s = json::typeOf(v, t, where); !s) return s;
      if (t != od::json_type::null) {
        Administrasi adm;
        if (Status s = readAdministrasi(v, adm); !s) return s;
        out.administrasi = adm;
      }
    } else if (key == "psu") {
      if (Status s = seenOnce(seen, kPsuK, key); !s) return s;
      if (Status s = json::readPsu(v, out.psu, where); !s) return s;
    } else if (key == "status_suara") {
      if (Status s = seenOnce(seen, kSuaraK, key); !s) return s;
      if (Status s = json::readBoolOrNull(v, out.statusSuara, where); !s) return s;
    } else if (key == "status_adm") {
      if (Status s = seenOnce(seen, kAdmStK, key); !s) return s;
      if (Status s = json::readBoolOrNull(v, out.statusAdm, where); !s) return s;
    }
  }
  return Status::success();
}

//-----------------------------------------------------------------------------
// [SECTION] Candidates
//-----------------------------------------------------------------------------

namespace {

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

}  // namespace

Status SirekapParser::Impl::candidates(od::document& doc, CandidateList& out) {
  od::object obj;
  if (Status s = beginObject(doc, obj, "an object of candidates"); !s) return s;
  for (auto field : obj) {
    std::string_view key;
    if (Status s = json::keyOf(field, key, Path{}); !s) return s;
    Candidate c;
    if (!json::parseCandidateId(key, c.id))
      return Error{ErrorCode::Type, Path{"", key}.str() + ": key is not a candidate id (digits)"};
    const std::string id(key);
    od::value v;
    if (auto e = field.value().get(v)) return json::fromSimdjson(e, Path{"", id});
    if (Status s = json::expectType(v, od::json_type::object, Path{"", id}, "a candidate object"); !s) return s;
    od::object cobj;
    if (auto e = v.get_object().get(cobj)) return json::fromSimdjson(e, Path{"", id});
    uint32_t seen = 0;
    for (auto cf : cobj) {
      std::string_view ck;
      if (Status s = json::keyOf(cf, ck, Path{id}); !s) return s;
      od::value cv;
      if (auto e = cf.value().get(cv)) return json::fromSimdjson(e, Path{id, ck});
      const Path where{id, ck};
      std::string_view str;
      if (ck == "nama") {
        if (Status s = seenOnce(seen, 1, id + ".nama"); !s) return s;
        if (Status s = json::readString(cv, str, limits.maxStringBytes, where); !s) return s;
        c.nama = str;
      } else if (ck == "warna") {
        if (Status s = seenOnce(seen, 2, id + ".warna"); !s) return s;
        if (Status s = json::readString(cv, str, 64, where); !s) return s;
        if (!parseWarna(str, c.rgb))
          return Error{ErrorCode::Type, where.str() + ": '" + std::string(str) + "' is not a #RRGGBB colour"};
        c.warna = str;
      } else if (ck == "nomor_urut") {
        if (Status s = seenOnce(seen, 4, id + ".nomor_urut"); !s) return s;
        if (Status s = json::readCount(cv, c.nomorUrut, where); !s) return s;
      } else if (ck == "ts") {
        if (Status s = seenOnce(seen, 8, id + ".ts"); !s) return s;
        if (Status s = json::readTimestamp(cv, c.ts, where); !s) return s;
      }
    }
    if ((seen & 7) != 7)
      return Error{ErrorCode::Missing, id + ": a candidate needs nama, warna and nomor_urut"};
    for (const Candidate& other : out.candidates)
      if (other.id == c.id) return Error{ErrorCode::Duplicate, id + ": appears twice"};
    out.candidates.push_back(std::move(c));
  }
  if (out.candidates.empty()) return Error{ErrorCode::Missing, "document: no candidates"};
  std::stable_sort(out.candidates.begin(), out.candidates.end(),
                   [](const Candidate& a, const Candidate& b) { return a.nomorUrut < b.nomorUrut; });
  return Status::success();
}

//-----------------------------------------------------------------------------
// [SECTION] Region list
//-----------------------------------------------------------------------------

Status SirekapParser::Impl::regionList(od::document& doc, RegionList& out) {
  od::json_type t;
  if (auto e = doc.type().get(t)) return json::fromSimdjson(e, Path{});
  if (t != od::json_type::array)
    return Error{ErrorCode::Type, std::string("document: expected an array of regions, got ") + json::typeName(t)};
  od::array arr;
  if (auto e = doc.get_array().get(arr)) return json::fromSimdjson(e, Path{});
  int i = 0;
  for (auto elem : arr) {
    const Path at{"", "", i};
    od::value v;
    if (auto e = elem.get(v)) return json::fromSimdjson(e, at);
    if (Status s = json::expectType(v, od::json_type::object, at, "a region object"); !s) return s;
    od::object obj;
    if (auto e = v.get_object().get(obj)) return json::fromSimdjson(e, at);
    RegionListEntry r;
    uint32_t seen = 0, tingkat = 0;
    std::string_view kode;
    const std::string atStr = at.str();
    for (auto field : obj) {
      std::string_view key;
      if (Status s = json::keyOf(field, key, at); !s) return s;
      od::value fv;
      if (auto e = field.value().get(fv)) return json::fromSimdjson(e, Path{atStr, key});
      const Path where{atStr, key};
      std::string_view str;
      if (key == "nama") {
        if (Status s = seenOnce(seen, 1, where.str()); !s) return s;
        if (Status s = json::readString(fv, str, limits.maxStringBytes, where); !s) return s;
        r.nama = str;
      } else if (key == "kode") {
        if (Status s = seenOnce(seen, 2, where.str()); !s) return s;
        if (Status s = json::readString(fv, kode, 64, where); !s) return s;
        if (!isValidCode(kode))
          return Error{ErrorCode::BadCode, where.str() + ": '" + std::string(kode.substr(0, 20)) +
                                               "' is not a region code ([0-9A-Z], 2/4/6/10/13 chars)"};
        r.kode = RegionCode::from(kode);
      } else if (key == "tingkat") {
        if (Status s = seenOnce(seen, 4, where.str()); !s) return s;
        if (Status s = json::readCount(fv, tingkat, where); !s) return s;
        if (tingkat < 1 || tingkat > 5)
          return Error{ErrorCode::Range, where.str() + ": " + std::to_string(tingkat) + " is not 1..5"};
      } else if (key == "id") {
        if (Status s = seenOnce(seen, 8, where.str()); !s) return s;
        if (Status s = json::readCountOrNull(fv, r.id, where); !s) return s;
      }
    }
    if ((seen & 1) == 0) return Error{ErrorCode::Missing, atStr + ".nama: missing (a region entry has nama, kode, tingkat)"};
    if ((seen & 2) == 0) return Error{ErrorCode::Missing, atStr + ".kode: missing (a region entry has nama, kode, tingkat)"};
    if ((seen & 4) == 0) return Error{ErrorCode::Missing, atStr + ".tingkat: missing (a region entry has nama, kode, tingkat)"};
    r.tingkat = static_cast<Level>(tingkat);
    if (r.kode.length != codeLength(r.tingkat))
      return Error{ErrorCode::BadCode, atStr + ".kode: '" + std::string(r.kode.view()) + "' has " +
                                           std::to_string(r.kode.length) + " chars, tingkat " +
                                           std::to_string(tingkat) + " needs " + std::to_string(codeLength(r.tingkat))};
    if (!out.regions.empty() && out.regions.front().tingkat != r.tingkat)
      return Error{ErrorCode::Type, atStr + ".tingkat: " + std::to_string(tingkat) + " differs from the list's first entry"};
    out.regions.push_back(std::move(r));
    ++i;
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
  for (auto field : obj) {
    std::string_view key;
    if (Status s = json::keyOf(field, key, Path{}); !s) return s.error();
    if (!any) firstKey = std::string(key.substr(0, 40));
    any = true;
    CandidateId id;
    if (key == "table" || key == "progres") aggregate = true;
    if (key == "images" || key == "administrasi" || key == "status_suara" || key == "status_adm") tps = true;
    if (!json::parseCandidateId(key, id)) allIds = false;
  }
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
