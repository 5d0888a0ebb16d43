#pragma once
/// Typed forms of the Sirekap recap API's documents (sirekap-api.md "Shapes"). Plain data: the
/// parser fills them, everything downstream reads them. Vote lists are flat vectors of
/// (candidate, votes) pairs so that a reused document costs no allocation per row.

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "pantau/data/sirekap/region_code.hpp"

namespace pantau::data {

/// Sirekap's candidate ids are numeric strings ("100025"); DPD and party ids too.
using CandidateId = uint32_t;

/// A candidate id as Sirekap writes it in keys: 1-9 digits ("100025"). False for "persen",
/// "null", "psu", ... Inline: the parser calls it for every key of every table row.
inline bool parseCandidateId(std::string_view key, CandidateId& id) {
  if (key.empty() || key.size() > 9) return false;
  CandidateId v = 0;
  for (char c : key) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + static_cast<CandidateId>(c - '0');
  }
  id = v;
  return true;
}

struct VoteCount {
  CandidateId candidate = 0;
  uint32_t votes = 0;
  friend bool operator==(const VoteCount&, const VoteCount&) = default;
};

/// `psu`: the kind of (re)vote a figure comes from. Absent = field missing or null.
enum class Psu : uint8_t {
  Absent,
  Reguler,
  PemungutanSuaraUlang,
  PenghitunganSuaraUlang,
  PemungutanSuaraSusulan,
  PemungutanSuaraLanjutan,
  PenghitunganSuaraSusulan,
  Other,  ///< a string KPU had not used in 2024: kept as data, not an error
};
const char* toString(Psu psu);

/// `ts` as served: "YYYY-MM-DD HH:MM:SS" in WIB (UTC+7), no zone.
struct Timestamp {
  int64_t epochUtc = 0;  ///< seconds since 1970-01-01 UTC
  std::array<char, 19> text{};
  bool present = false;
  std::string_view view() const { return present ? std::string_view(text.data(), text.size()) : std::string_view(); }
};

/// Parses "YYYY-MM-DD HH:MM:SS" as WIB into `out`; false if it is not exactly that.
bool parseTimestamp(std::string_view text, Timestamp& out);
/// "YYYY-MM-DD HH:MM" in WIB (how people give a moment: --at, --since) as epoch ms; none if not.
std::optional<int64_t> parseMinuteMs(std::string_view text);
/// Formats epoch seconds as Sirekap's WIB "YYYY-MM-DD HH:MM:SS".
std::string formatTimestamp(int64_t epochUtc);

struct Candidate {
  CandidateId id = 0;
  std::string nama;
  std::string warna;  ///< "#RRGGBB" as served
  uint32_t rgb = 0;   ///< warna as 0xRRGGBB
  uint32_t nomorUrut = 0;
  Timestamp ts;
};

/// A candidate's name, or its id where the source named none (candidatesById): what a report
/// or an export writes.
inline std::string candidateLabel(const Candidate& c) { return c.nama.empty() ? std::to_string(c.id) : c.nama; }

/// `/pemilu/ppwp.json` (and the same shape of `/pemilu/partai.json`), ordered by nomor_urut.
struct CandidateList {
  std::vector<Candidate> candidates;
};

struct RegionListEntry {
  RegionCode kode;
  std::string nama;
  uint32_t id = 0;
  Level tingkat = Level::Nation;
};

/// `/wilayah/pemilu/ppwp/...json`: the children of one region, in the order served.
struct RegionList {
  std::vector<RegionListEntry> regions;
};

struct AggregateRow {
  RegionCode code;
  double persen = 0;           ///< share of the child's TPS reported, as served
  bool hasPersen = false;
  bool statusProgress = false; ///< as served; real files hold rows where it contradicts the votes
  Psu psu = Psu::Absent;
  uint32_t voteBegin = 0;      ///< into Aggregate::rowVotes
  uint32_t voteCount = 0;
  /// A row "reports" when it carries candidate votes (the only thing that can be trusted: see
  /// sirekap-api.md on rows with votes but persen 0.0, and persen 100.0 without votes).
  bool reported() const { return voteCount > 0; }
};

/// `/pemilu/hhcw/ppwp.json` down to a village: chart for the region, table by child code.
struct Aggregate {
  Timestamp ts;
  Psu psu = Psu::Absent;
  bool hasMode = false;              ///< `mode` is missing in files made before 16 Feb 2024 16:00
  std::vector<VoteCount> chart;      ///< candidate votes, "persen" excluded
  double chartPersen = 0;            ///< share of TPS reported (not a vote share)
  bool hasChartPersen = false;
  bool hasProgress = false;
  uint32_t progressTotal = 0;        ///< `progres.total`: TPS in the region
  uint32_t progressReported = 0;     ///< `progres.progres`: TPS reported
  Level childLevel = Level::Nation;  ///< level of the table's codes (Nation when the table is empty)
  std::vector<AggregateRow> rows;    ///< in document order
  std::vector<VoteCount> rowVotes;   ///< all rows' votes, sliced by voteBegin/voteCount

  std::span<const VoteCount> votes(const AggregateRow& row) const {
    return {rowVotes.data() + row.voteBegin, row.voteCount};
  }
  void clear();  ///< empties, keeping capacity (a parser reuses one Aggregate per thread)
};

/// `administrasi` of a TPS. `_j` total, `_l` male, `_p` female. Unfilled fields are 0 as served.
struct Administrasi {
  enum Sex { J = 0, L = 1, P = 2 };
  uint32_t suaraSah = 0;
  uint32_t suaraTidakSah = 0;
  uint32_t suaraTotal = 0;
  std::array<uint32_t, 3> pemilihDpt{};     ///< registered voters (DPT)
  std::array<uint32_t, 3> penggunaDpt{};    ///< voters from the DPT
  std::array<uint32_t, 3> penggunaDptb{};   ///< voters from the supplementary list
  std::array<uint32_t, 3> penggunaNonDpt{}; ///< voters on neither list (DPK)
  std::array<uint32_t, 3> penggunaTotal{};
};

/// `/pemilu/hhcw/ppwp/{p}/{k}/{c}/{d}/{t}.json`: one TPS.
struct TpsDetail {
  Timestamp ts;
  bool hasMode = false;
  bool chartPresent = false;                       ///< false when `chart` is null
  std::vector<VoteCount> chart;                    ///< the `"null": null` key excluded
  std::vector<std::optional<std::string>> images;  ///< C1 pages in order; null entries kept as nullopt
  std::optional<Administrasi> administrasi;        ///< null until digitised
  Psu psu = Psu::Absent;
  bool statusSuara = false;
  bool statusAdm = false;
};

enum class DocumentKind : uint8_t { Candidates, Regions, Aggregate, Tps };
const char* toString(DocumentKind kind);

using Document = std::variant<CandidateList, RegionList, Aggregate, TpsDetail>;
inline DocumentKind kindOf(const Document& d) { return static_cast<DocumentKind>(d.index()); }

}  // namespace pantau::data
