#include "night_model.hpp"

#include <algorithm>
#include <cmath>

namespace pantau::sim {

using namespace pantau::data;

uint64_t mix(uint64_t x) {
  x += 0x9e3779b97f4a7c15ull;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
  return x ^ (x >> 31);
}

const char* toString(Anomaly a) {
  switch (a) {
    case Anomaly::None: return "none";
    case Anomaly::HundredsDigit: return "hundreds_digit";
    case Anomaly::SumMismatch: return "sum_mismatch";
    case Anomaly::DptMisread: return "dpt_misread";
  }
  return "?";
}

namespace {

int64_t wib(const char* text) {
  Timestamp t;
  parseTimestamp(text, t);
  return t.epochUtc;
}

/// Polls close at 13:00 local time: WIB (UTC+7), WITA (UTC+8), WIT (UTC+9), in WIB terms.
int64_t pollClose(std::string_view provinceCode) {
  static const int64_t kWib = wib("2024-02-14 13:00:00");
  static const std::string_view kWita[] = {"51", "52", "53", "63", "64", "65", "71", "72", "73", "74", "75", "76"};
  if (provinceCode == "99") return kWib;  // overseas voted earlier; their counts open with Jakarta's
  if (provinceCode[0] == '8' || provinceCode[0] == '9') return kWib - 2 * 3600;
  for (auto w : kWita)
    if (provinceCode == w) return kWib - 3600;
  return kWib;
}

/// Splits x into (male, female) with a hash-chosen odd unit.
std::pair<uint32_t, uint32_t> split(uint32_t x, uint64_t h) {
  uint32_t l = x / 2 + ((x & 1) && (h & 1) ? 1 : 0);
  return {l, x - l};
}

}  // namespace

double gauss(uint64_t h) {
  double s = 0;
  for (int i = 0; i < 4; ++i) {
    h = mix(h);
    s += unit(h);
  }
  return (s - 2.0) * std::sqrt(3.0);
}

int64_t NightModel::nightBegin() { return wib("2024-02-14 11:00:00"); }
int64_t NightModel::nightEnd() { return wib("2024-02-15 00:00:00"); }

NightModel::NightModel(std::shared_ptr<const RegionTree> tree, const Aggregate& national, NightOptions options)
    : m_tree(std::move(tree)), m_options(options) {
  // Candidate ids and each province's shares from the real national table.
  for (int c = 0; c < kCandidates; ++c) m_candidateIds[c] = c < (int)national.chart.size() ? national.chart[c].candidate : 100025u + c;
  std::array<double, kCandidates> nationShare{};
  double nationSum = 0;
  for (int c = 0; c < kCandidates; ++c) nationSum += c < (int)national.chart.size() ? national.chart[c].votes : 1;
  for (int c = 0; c < kCandidates; ++c) nationShare[c] = (c < (int)national.chart.size() ? national.chart[c].votes : 1) / nationSum;

  const RegionTree& t = *m_tree;
  std::vector<std::array<double, kCandidates>> provinceShares(t.size(), nationShare);
  for (const AggregateRow& row : national.rows) {
    RegionId p = t.find(row.code.view());
    if (p == kNoRegion || !row.reported()) continue;
    double sum = 0;
    std::array<double, kCandidates> s{};
    for (const VoteCount& v : national.votes(row))
      for (int c = 0; c < kCandidates; ++c)
        if (v.candidate == m_candidateIds[c]) s[c] = v.votes, sum += v.votes;
    if (sum > 0) {
      for (double& x : s) x /= sum;
      provinceShares[p] = s;
    }
  }

  m_tpsTotal.assign(t.size(), 0);
  for (RegionId id = t.levelBegin(Level::Tps); id < t.levelEnd(Level::Tps); ++id)
    for (RegionId r = t.parent(id); r != kNoRegion; r = t.parent(r)) m_tpsTotal[r]++;

  // Calibrate: regional noise favours the smaller candidates a little (a ratio of noisy shares is
  // not the ratio of shares), so scale every province's shares until the night's national result
  // matches the real table. Two rounds bring it within 0.1 point.
  for (int round = 0; round < 3; ++round) {
    buildTps(provinceShares);
    if (round == 2) break;
    std::array<double, kCandidates> total{};
    double sum = 0;
    for (const TpsResult& r : m_tps)
      if (r.reportedAt != INT64_MAX)
        for (int c = 0; c < kCandidates; ++c) total[c] += r.trueVotes[c], sum += r.trueVotes[c];
    if (sum == 0) break;
    for (auto& shares : provinceShares)
      for (int c = 0; c < kCandidates; ++c) shares[c] *= nationShare[c] / (total[c] / sum);
  }
}

void NightModel::buildTps(const std::vector<std::array<double, kCandidates>>& provinceShares) {
  const RegionTree& t = *m_tree;
  const uint64_t seed = mix(m_options.seed);
  const RegionId first = t.levelBegin(Level::Tps), last = t.levelEnd(Level::Tps);
  m_tps.resize(last - first);

  // Per-region, per-candidate multipliers: regional variation that shrinks down the tree.
  auto multiplier = [&](RegionId r, int c) {
    static constexpr double kSigma[] = {0, 0, 0.30, 0.15, 0.10, 0.12};
    return std::exp(kSigma[static_cast<int>(t.level(r))] * gauss(seed ^ mix(uint64_t(r) * 8 + c)));
  };

  for (RegionId id = first; id < last; ++id) {
    TpsResult& r = m_tps[id - first];
    const uint64_t h = mix(seed ^ (uint64_t(id) << 20));
    RegionId village = t.parent(id), district = t.parent(village), regency = t.parent(district),
             province = t.parent(regency);

    // When (and whether) it reports: 13:00 local + 30 min + a skewed delay up to ~10 h.
    const bool overseas = t.isOverseas(id);
    const double pReport = overseas ? 0.78 : 0.80;
    if (unit(mix(h ^ 1)) < pReport) {
      const double u = unit(mix(h ^ 2));
      r.reportedAt = pollClose(t.code(province)) + 1800 + static_cast<int64_t>(36000.0 * std::pow(u, 1.5));
    } else {
      r.reportedAt = INT64_MAX;
    }

    // Voters: DPT 150-300, turnout near 80%, about 2% invalid.
    const uint32_t dpt = 150 + static_cast<uint32_t>(mix(h ^ 3) % 151);
    const double turnout = std::clamp(0.80 + 0.08 * gauss(h ^ 4), 0.45, 0.98);
    const uint32_t voters = static_cast<uint32_t>(std::lround(dpt * turnout));
    const uint32_t invalid = static_cast<uint32_t>(std::lround(voters * (0.01 + 0.02 * unit(mix(h ^ 5)))));
    const uint32_t valid = voters - invalid;

    std::array<double, kCandidates> share{};
    double sum = 0;
    for (int c = 0; c < kCandidates; ++c) {
      share[c] = provinceShares[province][c] * multiplier(regency, c) * multiplier(district, c) *
                 multiplier(village, c) * multiplier(id, c);
      sum += share[c];
    }
    uint32_t given = 0;
    std::array<double, kCandidates> frac{};
    for (int c = 0; c < kCandidates; ++c) {
      double exact = valid * share[c] / sum;
      r.trueVotes[c] = static_cast<uint32_t>(exact);
      frac[c] = exact - r.trueVotes[c];
      given += r.trueVotes[c];
    }
    while (given < valid) {  // hand out the rounding remainder by largest fraction
      int best = static_cast<int>(std::max_element(frac.begin(), frac.end()) - frac.begin());
      r.trueVotes[best]++;
      frac[best] = -1;
      given++;
    }
    r.votes = r.trueVotes;
    r.trueDpt = dpt;

    // Administrasi, consistent (every _j = _l + _p; dpt + dptb + non_dpt = total).
    Administrasi& a = r.adm;
    uint32_t dptb = static_cast<uint32_t>(mix(h ^ 6) % 4), nonDpt = static_cast<uint32_t>(mix(h ^ 7) % 3);
    if (dptb + nonDpt > voters) dptb = nonDpt = 0;
    const uint32_t fromDpt = voters - dptb - nonDpt;
    auto setTriple = [&](std::array<uint32_t, 3>& f, uint32_t j, uint64_t salt) {
      auto [l, p] = split(j, mix(h ^ salt));
      f = {j, l, p};
    };
    setTriple(a.pemilihDpt, dpt, 8);
    setTriple(a.penggunaDpt, fromDpt, 9);
    setTriple(a.penggunaDptb, dptb, 10);
    setTriple(a.penggunaNonDpt, nonDpt, 11);
    a.penggunaTotal = {voters, a.penggunaDpt[1] + a.penggunaDptb[1] + a.penggunaNonDpt[1],
                       a.penggunaDpt[2] + a.penggunaDptb[2] + a.penggunaNonDpt[2]};
    a.suaraSah = valid;
    a.suaraTidakSah = invalid;
    a.suaraTotal = voters;

    // Sirekap-style OCR misreads, only at TPS that report.
    if (r.reportedAt != INT64_MAX && m_options.anomalyRate > 0 && unit(mix(h ^ 12)) < m_options.anomalyRate) {
      const uint64_t k = mix(h ^ 13);
      int smallest = static_cast<int>(std::min_element(r.trueVotes.begin(), r.trueVotes.end()) - r.trueVotes.begin());
      int largest = static_cast<int>(std::max_element(r.trueVotes.begin(), r.trueVotes.end()) - r.trueVotes.begin());
      switch (k % 3) {
        case 0:
          if (r.trueVotes[smallest] < 100) {  // an X across the empty hundreds box read as 5 or 8
            r.anomaly = Anomaly::HundredsDigit;
            r.votes[smallest] += (k & 8) ? 800 : 500;
            break;
          }
          [[fallthrough]];
        case 1:  // a tens digit misread: the sum no longer matches suara_sah
          r.anomaly = Anomaly::SumMismatch;
          r.votes[largest] += 10u * static_cast<uint32_t>(1 + (k >> 8) % 9);
          break;
        default:  // the DPT box misread, last digit lost: more votes than voters
          r.anomaly = Anomaly::DptMisread;
          for (uint32_t& v : a.pemilihDpt) v /= 10;
          break;
      }
    }
  }
}

std::shared_ptr<const Aggregates> NightModel::aggregatesAt(int64_t t) const {
  const int64_t begin = nightBegin();
  int64_t q = t < begin ? t : begin + (t - begin) / kAggregatePeriod * kAggregatePeriod;
  std::lock_guard lock(m_cacheMutex);
  if (m_cache && m_cache->at == q) return m_cache;
  auto agg = std::make_shared<Aggregates>();
  agg->at = q;
  const RegionTree& tr = *m_tree;
  agg->votes.assign(tr.size(), {});
  agg->reported.assign(tr.size(), 0);
  const RegionId first = tr.levelBegin(Level::Tps);
  for (RegionId id = first; id < tr.levelEnd(Level::Tps); ++id) {
    const TpsResult& r = m_tps[id - first];
    if (r.reportedAt > q) continue;
    for (RegionId p = id; p != kNoRegion; p = tr.parent(p)) {
      auto& v = agg->votes[p];
      for (int c = 0; c < kCandidates; ++c) v[c] += r.votes[c];
      agg->reported[p]++;
    }
  }
  m_cache = agg;
  return m_cache;
}

}  // namespace pantau::sim
