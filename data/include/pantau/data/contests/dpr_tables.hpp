#pragma once
/// KPU's DPR reference lists as shipped in shared/data/kpu2024/pileg/ (sirekap-pileg.md "Reference
/// lists"): the 84 dapil with their seats and regencies, the 9,916 caleg, the 24 parties. Seats per
/// dapil are not in any API document; this table is where the projection gets them.
///
/// Loaded once, then read-only: share it between threads freely.

#include <filesystem>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "pantau/data/base/result.hpp"
#include "pantau/data/contests/legislative_types.hpp"

namespace pantau::data {

struct DapilInfo {
  std::string kode;  ///< "1101"
  std::string nama;  ///< "ACEH I"
  uint32_t seats = 0;
  std::vector<std::string> regencies;  ///< 4-char regency codes; "99" stands for all of Luar Negeri
};

struct DprTables {
  std::vector<DapilInfo> dapil;   ///< in file order (by code)
  std::vector<CalegEntry> caleg;  ///< by dapil, party, nomor_urut
  PartyList parties;
  uint32_t totalSeats = 0;

  const DapilInfo* findDapil(std::string_view kode) const;
  /// The dapil a regency (4-char code, or any code under "99") votes in; nullptr if none.
  const DapilInfo* dapilOfRegency(std::string_view regency) const;

 private:
  friend Result<DprTables> loadDprTables(const std::filesystem::path& dataDir);
  std::unordered_map<std::string, std::size_t> m_byRegency;
};

/// Reads kpu2024/pileg/{dapil_dpr.tsv, caleg_dpr.tsv, partai.json} under `dataDir`. Errors name the
/// file and line ("caleg_dpr.tsv:17: party '30' is not in partai.json").
Result<DprTables> loadDprTables(const std::filesystem::path& dataDir);

}  // namespace pantau::data
