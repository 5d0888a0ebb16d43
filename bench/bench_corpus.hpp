#pragma once
// The documents the parse benchmarks read: the real Sirekap samples, loaded once.

#include <string>
#include <vector>

#include "pantau/data/base/data_location.hpp"
#include "pantau/data/base/file_io.hpp"
#include "pantau/data/sirekap/sirekap_parser.hpp"

namespace pantau::bench {

struct Corpus {
  std::vector<std::string> aggregates;  ///< each with SirekapParser::kPadding spare capacity
  std::vector<std::string> tps;
  std::size_t aggregateBytes = 0, tpsBytes = 0;
};

inline const Corpus& corpus() {
  static const Corpus loaded = [] {
    Corpus c;
    auto dir = data::findDataDir(std::nullopt);
    if (!dir) return c;
    const char* aggregates[] = {"ppwp_hhcw_national.json", "ppwp_hhcw_regency_11-1101.json",
                                "ppwp_hhcw_regency_12-1213.json", "ppwp_hhcw_district_110101.json",
                                "ppwp_hhcw_district_110110.json", "ppwp_hhcw_district_110112.json",
                                "ppwp_hhcw_district_110201.json", "ppwp_hhcw_village_1101012001.json",
                                "ppwp_hhcw_village_1101012017_nomode.json"};
    const char* tps[] = {"ppwp_hhcw_tps_1101012001001.json", "ppwp_hhcw_tps_1101012001002_nomode.json",
                         "ppwp_hhcw_tps_1101012001003_admnull.json", "ppwp_hhcw_tps_3101011001001_full.json",
                         "ppwp_hhcw_tps_3101011001004_oneimage.json", "ppwp_hhcw_tps_3101011001008_chartonly.json",
                         "ppwp_hhcw_tps_3101011003008_ocr_anomaly.json", "ppwp_hhcw_tps_3173011002127_adm_zeros.json",
                         "ppwp_hhcw_tps_3173011005085_chartnullonly.json", "ppwp_hhcw_tps_3173011005123_admonly.json",
                         "ppwp_hhcw_tps_3173011005124_empty.json", "ppwp_hhcw_tps_9901010001010_overseas_ksk.json"};
    auto load = [&](const char* name, std::vector<std::string>& out, std::size_t& bytes) {
      auto r = data::readFile(*dir / "kpu2024" / "samples" / name, 1 << 24, data::SirekapParser::kPadding);
      if (!r) return;
      bytes += r->size();
      out.push_back(std::move(*r));
    };
    for (const char* n : aggregates) load(n, c.aggregates, c.aggregateBytes);
    for (const char* n : tps) load(n, c.tps, c.tpsBytes);
    return c;
  }();
  return loaded;
}

}  // namespace pantau::bench
