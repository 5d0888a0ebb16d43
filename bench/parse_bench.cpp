// Parsing Sirekap documents into Pantau's structs: Pantau's simdjson On-Demand parser against
// nlohmann/json and RapidJSON (Debian's packages) filling the same structs from the same bytes.
// Figures: bytes_per_second (MB/s) and items_per_second (documents/s).

#include <benchmark/benchmark.h>
#include <rapidjson/document.h>

#include <nlohmann/json.hpp>

#include "bench_corpus.hpp"
#include "pantau/data/sirekap/region_code.hpp"

using namespace pantau::data;
using pantau::bench::corpus;

namespace {

bool candidateId(std::string_view key, CandidateId& id) { return parseCandidateId(key, id); }

Psu psuOf(std::string_view s) { return s == "Reguler" ? Psu::Reguler : Psu::Other; }

// ---------------------------------------------------------------- nlohmann/json

bool fillFromNlohmann(const nlohmann::json& j, Aggregate& out) {
  out.clear();
  if (!j.is_object()) return false;
  if (auto it = j.find("ts"); it != j.end() && it->is_string()) parseTimestamp(it->get_ref<const std::string&>(), out.ts);
  if (auto it = j.find("psu"); it != j.end() && it->is_string()) out.psu = psuOf(it->get_ref<const std::string&>());
  out.hasMode = j.contains("mode");
  if (auto it = j.find("chart"); it != j.end() && it->is_object()) {
    for (auto& [k, v] : it->items()) {
      CandidateId id;
      if (candidateId(k, id) && v.is_number_integer()) out.chart.push_back({id, v.get<uint32_t>()});
      else if (k == "persen" && v.is_number()) out.chartPersen = v.get<double>(), out.hasChartPersen = true;
    }
  }
  auto table = j.find("table");
  if (table == j.end() || !table->is_object()) return false;
  for (auto& [code, row] : table->items()) {
    if (!isValidCode(code) || !row.is_object()) return false;
    AggregateRow r;
    r.code = RegionCode::from(code);
    r.voteBegin = static_cast<uint32_t>(out.rowVotes.size());
    for (auto& [k, v] : row.items()) {
      CandidateId id;
      if (candidateId(k, id)) {
        if (!v.is_number_unsigned()) return false;
        out.rowVotes.push_back({id, v.get<uint32_t>()});
      } else if (k == "persen" && v.is_number()) {
        r.persen = v.get<double>();
        r.hasPersen = true;
      } else if (k == "status_progress" && v.is_boolean()) {
        r.statusProgress = v.get<bool>();
      } else if (k == "psu" && v.is_string()) {
        r.psu = psuOf(v.get_ref<const std::string&>());
      }
    }
    r.voteCount = static_cast<uint32_t>(out.rowVotes.size()) - r.voteBegin;
    out.rows.push_back(r);
  }
  if (auto it = j.find("progres"); it != j.end() && it->is_object()) {
    out.progressTotal = it->value("total", 0u);
    out.progressReported = it->value("progres", 0u);
    out.hasProgress = true;
  }
  return true;
}

bool fillFromNlohmann(const nlohmann::json& j, TpsDetail& out) {
  out = TpsDetail{};
  if (!j.is_object()) return false;
  if (auto it = j.find("ts"); it != j.end() && it->is_string()) parseTimestamp(it->get_ref<const std::string&>(), out.ts);
  out.hasMode = j.contains("mode");
  if (auto it = j.find("chart"); it != j.end() && it->is_object()) {
    out.chartPresent = true;
    for (auto& [k, v] : it->items()) {
      CandidateId id;
      if (candidateId(k, id) && v.is_number_unsigned()) out.chart.push_back({id, v.get<uint32_t>()});
    }
  }
  if (auto it = j.find("images"); it != j.end() && it->is_array())
    for (auto& v : *it) out.images.push_back(v.is_string() ? std::optional<std::string>(v.get<std::string>()) : std::nullopt);
  if (auto it = j.find("administrasi"); it != j.end() && it->is_object()) {
    Administrasi a;
    a.suaraSah = it->value("suara_sah", 0u);
    a.suaraTidakSah = it->value("suara_tidak_sah", 0u);
    a.suaraTotal = it->value("suara_total", 0u);
    const char* sexes[] = {"j", "l", "p"};
    for (int s = 0; s < 3; ++s) {
      a.pemilihDpt[s] = it->value(std::string("pemilih_dpt_") + sexes[s], 0u);
      a.penggunaDpt[s] = it->value(std::string("pengguna_dpt_") + sexes[s], 0u);
      a.penggunaDptb[s] = it->value(std::string("pengguna_dptb_") + sexes[s], 0u);
      a.penggunaNonDpt[s] = it->value(std::string("pengguna_non_dpt_") + sexes[s], 0u);
      a.penggunaTotal[s] = it->value(std::string("pengguna_total_") + sexes[s], 0u);
    }
    out.administrasi = a;
  }
  if (auto it = j.find("status_suara"); it != j.end() && it->is_boolean()) out.statusSuara = it->get<bool>();
  if (auto it = j.find("status_adm"); it != j.end() && it->is_boolean()) out.statusAdm = it->get<bool>();
  return true;
}

// ---------------------------------------------------------------- RapidJSON

using RValue = rapidjson::Value;

bool fillFromRapid(const RValue& j, Aggregate& out) {
  out.clear();
  if (!j.IsObject()) return false;
  for (auto m = j.MemberBegin(); m != j.MemberEnd(); ++m) {
    std::string_view key(m->name.GetString(), m->name.GetStringLength());
    const RValue& v = m->value;
    if (key == "ts" && v.IsString()) {
      parseTimestamp({v.GetString(), v.GetStringLength()}, out.ts);
    } else if (key == "psu" && v.IsString()) {
      out.psu = psuOf({v.GetString(), v.GetStringLength()});
    } else if (key == "mode") {
      out.hasMode = true;
    } else if (key == "chart" && v.IsObject()) {
      for (auto c = v.MemberBegin(); c != v.MemberEnd(); ++c) {
        CandidateId id;
        std::string_view k(c->name.GetString(), c->name.GetStringLength());
        if (candidateId(k, id) && c->value.IsUint()) out.chart.push_back({id, c->value.GetUint()});
        else if (k == "persen" && c->value.IsNumber()) out.chartPersen = c->value.GetDouble(), out.hasChartPersen = true;
      }
    } else if (key == "table" && v.IsObject()) {
      for (auto rm = v.MemberBegin(); rm != v.MemberEnd(); ++rm) {
        std::string_view code(rm->name.GetString(), rm->name.GetStringLength());
        if (!isValidCode(code) || !rm->value.IsObject()) return false;
        AggregateRow r;
        r.code = RegionCode::from(code);
        r.voteBegin = static_cast<uint32_t>(out.rowVotes.size());
        for (auto f = rm->value.MemberBegin(); f != rm->value.MemberEnd(); ++f) {
          std::string_view k(f->name.GetString(), f->name.GetStringLength());
          CandidateId id;
          if (candidateId(k, id)) {
            if (!f->value.IsUint()) return false;
            out.rowVotes.push_back({id, f->value.GetUint()});
          } else if (k == "persen" && f->value.IsNumber()) {
            r.persen = f->value.GetDouble();
            r.hasPersen = true;
          } else if (k == "status_progress" && f->value.IsBool()) {
            r.statusProgress = f->value.GetBool();
          } else if (k == "psu" && f->value.IsString()) {
            r.psu = psuOf({f->value.GetString(), f->value.GetStringLength()});
          }
        }
        r.voteCount = static_cast<uint32_t>(out.rowVotes.size()) - r.voteBegin;
        out.rows.push_back(r);
      }
    } else if (key == "progres" && v.IsObject()) {
      if (v.HasMember("total") && v["total"].IsUint()) out.progressTotal = v["total"].GetUint();
      if (v.HasMember("progres") && v["progres"].IsUint()) out.progressReported = v["progres"].GetUint();
      out.hasProgress = true;
    }
  }
  return true;
}

bool fillFromRapid(const RValue& j, TpsDetail& out) {
  out = TpsDetail{};
  if (!j.IsObject()) return false;
  for (auto m = j.MemberBegin(); m != j.MemberEnd(); ++m) {
    std::string_view key(m->name.GetString(), m->name.GetStringLength());
    const RValue& v = m->value;
    if (key == "ts" && v.IsString()) {
      parseTimestamp({v.GetString(), v.GetStringLength()}, out.ts);
    } else if (key == "mode") {
      out.hasMode = true;
    } else if (key == "chart" && v.IsObject()) {
      out.chartPresent = true;
      for (auto c = v.MemberBegin(); c != v.MemberEnd(); ++c) {
        CandidateId id;
        if (candidateId({c->name.GetString(), c->name.GetStringLength()}, id) && c->value.IsUint())
          out.chart.push_back({id, c->value.GetUint()});
      }
    } else if (key == "images" && v.IsArray()) {
      for (auto& e : v.GetArray())
        out.images.push_back(e.IsString() ? std::optional<std::string>(std::string(e.GetString(), e.GetStringLength())) : std::nullopt);
    } else if (key == "administrasi" && v.IsObject()) {
      Administrasi a;
      for (auto f = v.MemberBegin(); f != v.MemberEnd(); ++f) {
        std::string_view k(f->name.GetString(), f->name.GetStringLength());
        uint32_t n = f->value.IsUint() ? f->value.GetUint() : 0;
        if (k == "suara_sah") a.suaraSah = n;
        else if (k == "suara_tidak_sah") a.suaraTidakSah = n;
        else if (k == "suara_total") a.suaraTotal = n;
        else {
          int sex = k.ends_with("_j") ? 0 : k.ends_with("_l") ? 1 : 2;
          if (k.starts_with("pemilih_dpt_")) a.pemilihDpt[sex] = n;
          else if (k.starts_with("pengguna_dptb_")) a.penggunaDptb[sex] = n;
          else if (k.starts_with("pengguna_dpt_")) a.penggunaDpt[sex] = n;
          else if (k.starts_with("pengguna_non_dpt_")) a.penggunaNonDpt[sex] = n;
          else if (k.starts_with("pengguna_total_")) a.penggunaTotal[sex] = n;
        }
      }
      out.administrasi = a;
    } else if (key == "status_suara" && v.IsBool()) {
      out.statusSuara = v.GetBool();
    } else if (key == "status_adm" && v.IsBool()) {
      out.statusAdm = v.GetBool();
    }
  }
  return true;
}

// ---------------------------------------------------------------- benchmarks

template <class Doc>
const std::vector<std::string>& docs();
template <>
const std::vector<std::string>& docs<Aggregate>() { return corpus().aggregates; }
template <>
const std::vector<std::string>& docs<TpsDetail>() { return corpus().tps; }

template <class Doc>
std::size_t bytesOf() {
  return std::is_same_v<Doc, Aggregate> ? corpus().aggregateBytes : corpus().tpsBytes;
}

template <class Doc>
void finish(benchmark::State& state) {
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytesOf<Doc>()));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * docs<Doc>().size()));
}

template <class Doc>
void BM_Pantau(benchmark::State& state) {
  SirekapParser parser;
  Doc out;
  if (docs<Doc>().empty()) return state.SkipWithError("samples not found");
  for (auto _ : state) {
    for (const std::string& d : docs<Doc>()) {
      Status s;
      if constexpr (std::is_same_v<Doc, Aggregate>) s = parser.parseAggregate(d, out);
      else s = parser.parseTps(d, out);
      if (!s) return state.SkipWithError(s.error().message.c_str());
      benchmark::DoNotOptimize(out);
    }
  }
  finish<Doc>(state);
}

template <class Doc>
void BM_Nlohmann(benchmark::State& state) {
  Doc out;
  for (auto _ : state) {
    for (const std::string& d : docs<Doc>()) {
      auto j = nlohmann::json::parse(d, nullptr, false);
      if (j.is_discarded() || !fillFromNlohmann(j, out)) return state.SkipWithError("nlohmann failed");
      benchmark::DoNotOptimize(out);
    }
  }
  finish<Doc>(state);
}

template <class Doc>
void BM_RapidJson(benchmark::State& state) {
  Doc out;
  rapidjson::Document j;  // reused, as a careful RapidJSON user would
  for (auto _ : state) {
    for (const std::string& d : docs<Doc>()) {
      j.Parse(d.data(), d.size());
      if (j.HasParseError() || !fillFromRapid(j, out)) return state.SkipWithError("rapidjson failed");
      benchmark::DoNotOptimize(out);
    }
  }
  finish<Doc>(state);
}

}  // namespace

BENCHMARK(BM_Pantau<Aggregate>)->Name("aggregate/pantau_simdjson");
BENCHMARK(BM_RapidJson<Aggregate>)->Name("aggregate/rapidjson");
BENCHMARK(BM_Nlohmann<Aggregate>)->Name("aggregate/nlohmann");
BENCHMARK(BM_Pantau<TpsDetail>)->Name("tps/pantau_simdjson");
BENCHMARK(BM_RapidJson<TpsDetail>)->Name("tps/rapidjson");
BENCHMARK(BM_Nlohmann<TpsDetail>)->Name("tps/nlohmann");
BENCHMARK_MAIN();
