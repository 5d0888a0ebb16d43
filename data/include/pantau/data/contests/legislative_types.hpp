#pragma once
/// Typed forms of the legislative documents (sirekap-pileg.md): the DPR's TPS document with votes
/// by party and by caleg, the per-dapil recap (`hhcd/pdpr`), the party list with `is_aceh`, the
/// caleg lists and the dapil list. The DPD's TPS document and every `hhcw/pdpr|pdpd` aggregate have
/// the presidential shapes (TpsDetail, Aggregate, with party or DPD candidate ids as keys).
///
/// Plain data: the LegislativeParser fills them; nothing here is shared or synchronised.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pantau/data/contests/seats.hpp"
#include "pantau/data/sirekap/sirekap_types.hpp"

namespace pantau::data {

/// The contests Pantau reads, by their API slug.
enum class Contest : uint8_t { Ppwp, Pdpr, Pdpd };
const char* toString(Contest c);  ///< "ppwp", "pdpr", "pdpd"
std::optional<Contest> parseContest(std::string_view slug);

/// A party's line of a DPR count: `jml_suara_total` (party-only ballots plus its caleg's votes)
/// and `jml_suara_partai` (the party-only ballots).
struct PartyTally {
  PartyId party = 0;
  uint32_t total = 0;
  uint32_t partyOnly = 0;
};

struct CalegTally {
  PartyId party = 0;
  CalegId caleg = 0;
  uint32_t votes = 0;
};

/// `/pemilu/hhcw/pdpr/{p}/{k}/{c}/{d}/{t}.json`: one TPS's DPR count.
struct PdprTps {
  Timestamp ts;
  bool hasMode = false;
  bool chartPresent = false;      ///< false when `chart` is null
  std::vector<PartyTally> chart;  ///< by party, in document order
  std::string kodeDapil;          ///< "" when null
  std::vector<CalegTally> caleg;  ///< by party then caleg, the "null" keys excluded
  std::vector<std::optional<std::string>> images;
  std::optional<Administrasi> administrasi;
  Psu psu = Psu::Absent;
  bool statusSuara = false;
  bool statusAdm = false;
};

/// `/pemilu/hhcd/pdpr/{dapil}.json` (and `0.json` for the nation): a dapil's recap.
struct DapilRecap {
  Timestamp ts;
  bool hasMode = false;
  std::vector<VoteCount> chart;  ///< party votes (`jml_suara_total`), "persen" excluded
  double chartPersen = 0;
  bool hasChartPersen = false;
  bool hasProgress = false;
  uint32_t progressTotal = 0;
  uint32_t progressReported = 0;
  std::vector<PartyTally> table;  ///< table's party rows (absent in `0.json`)
  std::vector<CalegTally> caleg;  ///< table's caleg votes
};

/// `/pemilu/partai.json`: one party.
struct Party {
  PartyId id = 0;         ///< `id_pilihan`, the key
  uint32_t idPartai = 0;  ///< 1000NN
  bool isAceh = false;    ///< an Aceh local party: DPRD Aceh only, never the DPR
  std::string nama;
  std::string namaLengkap;
  std::string warna;  ///< "#RRGGBB" as served
  uint32_t rgb = 0;
  uint32_t nomorUrut = 0;
};
struct PartyList {
  std::vector<Party> parties;  ///< by nomor_urut
  const Party* find(PartyId id) const;
};

/// One candidate of `/pemilu/caleg/partai/{dapil}.json` (party set) or `/pemilu/caleg/dpd/{p}.json`
/// (party 0).
struct CalegEntry {
  CalegId id = 0;
  PartyId party = 0;
  std::string dapil;  ///< from caleg_dpr.tsv; "" from the API's per-dapil list (the path names it)
  std::string nama;
  uint32_t nomorUrut = 0;
  char jenisKelamin = '?';  ///< 'L' or 'P'
  std::string tempatTinggal;
};
struct CalegList {
  std::vector<CalegEntry> caleg;  ///< by party, then nomor_urut
};

/// `/wilayah/pemilu/pdpr/dapil_dpr.json`: `[{"nama", "id", "kode"}]`.
struct DapilEntry {
  std::string kode;  ///< 4 digits: the province's two, then the dapil's number
  std::string nama;
  uint32_t id = 0;
};
struct DapilList {
  std::vector<DapilEntry> dapil;
};

}  // namespace pantau::data
