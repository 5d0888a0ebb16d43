#include "legislative_model.hpp"

#include <algorithm>
#include <cmath>

namespace pantau::sim {

using namespace pantau::data;

namespace {

/// KPU decision 360/2024, the national DPR votes (sirekap-pileg.md), in partyIds() order: the
/// night's end is calibrated to these shares.
constexpr std::array<double, kDprParties> kRealVotes = {
    16115655, 20071708, 25387279, 23208654, 14660516, 972910,  1281991, 12781353, 326708,
    1094588,  406883,   10984003, 484486,   11283160, 4260169, 1955154, 5878777,  642545};

/// Party shares vary far more between regions than the presidential vote (PDI-P's Bali, PKB's East
/// Java, PKS's West Java): log-normal multipliers by dapil, regency and TPS.
constexpr double kSigmaDapil = 0.45, kSigmaRegency = 0.25, kSigmaTps = 0.20;

int64_t quantise(int64_t t) {
  const int64_t begin = NightModel::nightBegin();
  return t < begin
             ? t
             : begin + (t - begin) / NightModel::kAggregatePeriod * NightModel::kAggregatePeriod;
}

}  // namespace

void splitVotes(uint32_t total, std::span<const float> weights, std::vector<uint32_t>& out) {
  out.assign(weights.size(), 0);
  if (weights.empty()) return;
  double sum = 0;
  for (float w : weights) sum += w;
  uint32_t given = 0;
  // One buffer per thread: the dapil totals split ~12 million party votes per period.
  thread_local std::vector<double> frac;
  frac.assign(weights.size(), 0);
  for (std::size_t i = 0; i < weights.size(); ++i) {
    const double exact = sum > 0 ? double(total) * weights[i] / sum : 0;
    out[i] = static_cast<uint32_t>(exact);
    frac[i] = exact - out[i];
    given += out[i];
  }
  if (sum <= 0) out[0] = total, given = total;
  while (given < total) {
    const std::size_t best =
        static_cast<std::size_t>(std::max_element(frac.begin(), frac.end()) - frac.begin());
    out[best]++;
    frac[best] = -1;
    given++;
  }
}

const std::array<PartyId, kDprParties>& LegislativeModel::partyIds() {
  static const std::array<PartyId, kDprParties> ids = {1,  2,  3,  4,  5,  6,  7,  8,  9,
                                                       10, 11, 12, 13, 14, 15, 16, 17, 24};
  return ids;
}

LegislativeModel::LegislativeModel(std::shared_ptr<const NightModel> night,
                                   std::shared_ptr<const DprTables> tables)
    : m_night(std::move(night)),
      m_tables(std::move(tables)),
      m_seed(mix(m_night->options().seed ^ 0x70646272ull)) {
  const RegionTree& t = tree();
  const RegionId r0 = t.levelBegin(Level::Regency);
  m_dapilOfRegency.assign(t.levelEnd(Level::Regency) - r0, -1);
  for (RegionId r = r0; r < t.levelEnd(Level::Regency); ++r)
    if (const DapilInfo* d = m_tables->dapilOfRegency(t.code(r)))
      m_dapilOfRegency[r - r0] = static_cast<int16_t>(d - m_tables->dapil.data());
  buildVoters();
  calibrate();
  buildCaleg();
  buildDpd();
}

int LegislativeModel::dapilOf(RegionId region) const {
  const RegionTree& t = tree();
  if (region == kNoRegion || t.level(region) < Level::Regency) return -1;
  while (t.level(region) > Level::Regency) region = t.parent(region);
  return m_dapilOfRegency[region - t.levelBegin(Level::Regency)];
}

std::span<const CalegEntry> LegislativeModel::calegOf(int d) const {
  const auto [b, e] = m_dapilCaleg[d];
  return {m_tables->caleg.data() + b, e - b};
}

std::pair<uint32_t, uint32_t> LegislativeModel::partyRange(int d, int p) const {
  return {m_partyBegin[d][p], m_partyBegin[d][p + 1]};
}

//-----------------------------------------------------------------------------
// Voters and party votes
//-----------------------------------------------------------------------------

void LegislativeModel::buildVoters() {
  const RegionTree& t = tree();
  const RegionId first = t.levelBegin(Level::Tps), last = t.levelEnd(Level::Tps);
  m_dprValid.resize(last - first);
  for (RegionId id = first; id < last; ++id) {
    // Same voters as the presidential ballot; the DPR's longer ballot spoils a few percent more.
    const Administrasi& a = m_night->tps(id).adm;
    const uint64_t h = mix(m_seed ^ (uint64_t(id) << 20));
    const uint32_t extra =
        static_cast<uint32_t>(std::lround(a.suaraTotal * (0.03 + 0.04 * unit(h))));
    const uint32_t invalid = a.suaraTidakSah + extra;
    m_dprValid[id - first] = a.suaraTotal > invalid ? a.suaraTotal - invalid : 0;
  }
}

void LegislativeModel::calibrate() {
  // Scale each party's factor until the national shares of the TPS that report tonight match the
  // real result; two corrections bring every party within a few hundredths of a point.
  std::array<double, kDprParties> factor{};
  double realSum = 0;
  for (double v : kRealVotes) realSum += v;
  for (int p = 0; p < kDprParties; ++p) factor[p] = kRealVotes[p] / realSum;
  for (int round = 0; round < 3; ++round) {
    buildParties(factor);
    if (round == 2) break;
    std::array<double, kDprParties> total{};
    double sum = 0;
    const RegionId first = tree().levelBegin(Level::Tps);
    for (std::size_t i = 0; i < m_dprValid.size(); ++i) {
      if (m_night->tps(first + static_cast<RegionId>(i)).reportedAt == INT64_MAX) continue;
      for (int p = 0; p < kDprParties; ++p)
        total[p] += m_partyVotes[i * kDprParties + p], sum += m_partyVotes[i * kDprParties + p];
    }
    if (sum == 0) break;
    for (int p = 0; p < kDprParties; ++p)
      if (total[p] > 0) factor[p] *= (kRealVotes[p] / realSum) / (total[p] / sum);
  }
}

void LegislativeModel::buildParties(const std::array<double, kDprParties>& factor) {
  const RegionTree& t = tree();
  const RegionId first = t.levelBegin(Level::Tps), last = t.levelEnd(Level::Tps),
                 r0 = t.levelBegin(Level::Regency);
  std::vector<std::array<float, kDprParties>> regional(t.levelEnd(Level::Regency) - r0);
  for (RegionId r = r0; r < t.levelEnd(Level::Regency); ++r)
    for (int p = 0; p < kDprParties; ++p) {
      const int d = m_dapilOfRegency[r - r0];
      regional[r - r0][p] = static_cast<float>(
          factor[p] * std::exp(kSigmaDapil * gauss(m_seed ^ mix(uint64_t(d + 1) * 64 + p)) +
                               kSigmaRegency * gauss(m_seed ^ mix(uint64_t(r) * 64 + p + 32))));
    }
  m_partyVotes.assign(m_dprValid.size() * kDprParties, 0);
  m_misreads.clear();
  std::array<float, kDprParties> w{};
  std::vector<uint32_t> split;
  for (RegionId id = first; id < last; ++id) {
    const RegionId regency = t.parent(t.parent(t.parent(id)));
    const uint64_t h = mix(m_seed ^ (uint64_t(id) << 24));
    for (int p = 0; p < kDprParties; ++p)
      w[p] = regional[regency - r0][p] *
             static_cast<float>(std::exp(kSigmaTps * gauss(h ^ uint64_t(p + 1) << 40)));
    splitVotes(m_dprValid[id - first], w, split);
    uint16_t* v = &m_partyVotes[(id - first) * kDprParties];
    for (int p = 0; p < kDprParties; ++p) v[p] = static_cast<uint16_t>(split[p]);
    // Where Sirekap misread this TPS's presidential form, it misreads the DPR form too: a tens
    // digit of the leading party's total (jml_suara_total no longer = partai + caleg).
    const TpsResult& r = m_night->tps(id);
    if (r.anomaly != Anomaly::None && r.reportedAt != INT64_MAX) {
      const int lead = static_cast<int>(std::max_element(v, v + kDprParties) - v);
      const uint32_t added = 10u * static_cast<uint32_t>(1 + mix(h ^ 99) % 9);
      v[lead] = static_cast<uint16_t>(v[lead] + added);
      m_misreads[id] = {lead, added};
    }
  }
}

uint32_t LegislativeModel::misread(RegionId tps, int& party) const {
  auto it = m_misreads.find(tps);
  if (it == m_misreads.end()) return party = -1, 0;
  party = it->second.first;
  return it->second.second;
}

uint32_t LegislativeModel::partyOnly(RegionId tps, int p) const {
  int misreadParty = -1;
  const uint32_t added = misread(tps, misreadParty);
  const uint32_t truth = partyTotal(tps, p) - (misreadParty == p ? added : 0);
  const double rate = 0.05 + 0.15 * unit(mix(m_seed ^ (uint64_t(tps) << 8) ^ uint64_t(p)));
  return static_cast<uint32_t>(truth * rate);
}

//-----------------------------------------------------------------------------
// Caleg
//-----------------------------------------------------------------------------

void LegislativeModel::buildCaleg() {
  const DprTables& tb = *m_tables;
  const auto& ids = partyIds();
  m_dapilCaleg.assign(tb.dapil.size(), {0, 0});
  m_partyBegin.assign(tb.dapil.size(), {});
  std::size_t i = 0;
  for (std::size_t d = 0; d < tb.dapil.size(); ++d) {
    // tables.caleg is sorted by dapil code, party, nomor_urut, as tables.dapil is by code.
    while (i < tb.caleg.size() && tb.caleg[i].dapil < tb.dapil[d].kode) ++i;
    const uint32_t first = static_cast<uint32_t>(i);
    for (int p = 0; p < kDprParties; ++p) {
      m_partyBegin[d][p] = static_cast<uint32_t>(i) - first;
      while (i < tb.caleg.size() && tb.caleg[i].dapil == tb.dapil[d].kode &&
             tb.caleg[i].party == ids[p])
        ++i;
    }
    m_partyBegin[d][kDprParties] = static_cast<uint32_t>(i) - first;
    m_dapilCaleg[d] = {first, static_cast<uint32_t>(i)};
  }
  // Each caleg's pull: a national-list star or a local figure, stronger in some regencies.
  const RegionTree& t = tree();
  const RegionId r0 = t.levelBegin(Level::Regency);
  m_calegWeight.assign(t.levelEnd(Level::Regency) - r0, {});
  for (RegionId r = r0; r < t.levelEnd(Level::Regency); ++r) {
    const int d = m_dapilOfRegency[r - r0];
    if (d < 0) continue;
    const auto caleg = calegOf(d);
    auto& w = m_calegWeight[r - r0];
    w.resize(caleg.size());
    for (std::size_t c = 0; c < caleg.size(); ++c) {
      const double base =
          std::exp(0.9 * gauss(m_seed ^ mix(caleg[c].id))) * (caleg[c].nomorUrut == 1 ? 2.5 : 1.0);
      w[c] = static_cast<float>(
          base * std::exp(0.6 * gauss(m_seed ^ mix(uint64_t(r) << 32 ^ caleg[c].id))));
    }
  }
}

void LegislativeModel::calegVotes(RegionId tps, int p, std::vector<uint32_t>& out) const {
  const int d = dapilOf(tps);
  const RegionTree& t = tree();
  const RegionId regency = t.parent(t.parent(t.parent(tps)));
  const auto [b, e] = partyRange(d, p);
  int misreadParty = -1;
  const uint32_t added = misread(tps, misreadParty);
  const uint32_t truth = partyTotal(tps, p) - (misreadParty == p ? added : 0);
  const std::vector<float>& w = m_calegWeight[regency - t.levelBegin(Level::Regency)];
  splitVotes(truth - partyOnly(tps, p), std::span<const float>(w).subspan(b, e - b), out);
}

//-----------------------------------------------------------------------------
// DPD
//-----------------------------------------------------------------------------

int LegislativeModel::provinceIndex(RegionId region) const {
  const RegionTree& t = tree();
  while (t.level(region) > Level::Province) region = t.parent(region);
  return static_cast<int>(region - t.levelBegin(Level::Province));
}

void LegislativeModel::buildDpd() {
  const RegionTree& t = tree();
  const RegionId p0 = t.levelBegin(Level::Province);
  m_dpd.assign(t.levelEnd(Level::Province) - p0, {});
  for (RegionId p = p0; p < t.levelEnd(Level::Province); ++p) {
    if (t.isOverseas(p)) continue;  // voters abroad have no DPD ballot
    const int n = 12 + static_cast<int>(mix(m_seed ^ p) % 20);
    for (int i = 0; i < n; ++i) {
      DpdCandidate c;
      c.id = 900000 + static_cast<uint32_t>(p - p0) * 100 + static_cast<uint32_t>(i) + 1;
      c.nomorUrut = static_cast<uint32_t>(i) + 1;
      c.nama = "SIMULASI: CALON DPD " + std::to_string(i + 1) + " " + std::string(t.name(p));
      c.jenisKelamin = (mix(m_seed ^ c.id) & 1) ? 'L' : 'P';
      m_dpd[p - p0].push_back(std::move(c));
    }
  }
  const RegionId r0 = t.levelBegin(Level::Regency);
  m_dpdWeight.assign(t.levelEnd(Level::Regency) - r0, {});
  for (RegionId r = r0; r < t.levelEnd(Level::Regency); ++r) {
    const auto& cands = m_dpd[provinceIndex(r)];
    for (const DpdCandidate& c : cands)
      m_dpdWeight[r - r0].push_back(static_cast<float>(std::exp(
          1.0 * gauss(m_seed ^ mix(c.id)) + 0.5 * gauss(m_seed ^ mix(uint64_t(r) << 32 ^ c.id)))));
  }
  m_dpdOffset.assign(t.size(), 0);
  m_dpdSize = 0;
  for (RegionId r = t.levelBegin(Level::Province); r < t.levelEnd(Level::Village); ++r) {
    m_dpdOffset[r] = m_dpdSize;
    if (hasDpd(r)) m_dpdSize += m_dpd[provinceIndex(r)].size();
  }
}

std::span<const DpdCandidate> LegislativeModel::dpdCandidates(RegionId region) const {
  if (!hasDpd(region)) return {};
  return m_dpd[provinceIndex(region)];
}

void LegislativeModel::dpdTrueVotes(RegionId tps, std::vector<uint32_t>& out) const {
  const RegionTree& t = tree();
  const RegionId regency = t.parent(t.parent(t.parent(tps)));
  splitVotes(dprValid(tps), m_dpdWeight[regency - t.levelBegin(Level::Regency)], out);
}

void LegislativeModel::dpdVotes(RegionId tps, std::vector<uint32_t>& out) const {
  dpdTrueVotes(tps, out);
  // Where Sirekap misread this TPS's forms, it misreads the DPD's too: the same tens digit on the
  // leading candidate (the chart no longer adds up to suara sah).
  int party = -1;
  if (const uint32_t added = misread(tps, party); added > 0 && !out.empty())
    *std::max_element(out.begin(), out.end()) += added;
}

//-----------------------------------------------------------------------------
// Aggregates
//-----------------------------------------------------------------------------

std::shared_ptr<const PdprAggregates> LegislativeModel::pdprAt(int64_t t) const {
  const int64_t q = quantise(t);
  std::lock_guard lock(m_cacheMutex);
  if (m_pdpr && m_pdpr->at == q) return m_pdpr;
  auto agg = std::make_shared<PdprAggregates>();
  agg->at = q;
  const RegionTree& tr = tree();
  agg->votes.assign(tr.size(), {});
  agg->reported.assign(tr.size(), 0);
  for (RegionId id = tr.levelBegin(Level::Tps); id < tr.levelEnd(Level::Tps); ++id) {
    if (m_night->tps(id).reportedAt > q) continue;
    for (RegionId p = id; p != kNoRegion; p = tr.parent(p)) {
      for (int c = 0; c < kDprParties; ++c) agg->votes[p][c] += partyTotal(id, c);
      agg->reported[p]++;
    }
  }
  m_pdpr = agg;
  return agg;
}

std::shared_ptr<const DapilTotals> LegislativeModel::dapilAt(int64_t t) const {
  const int64_t q = quantise(t);
  std::lock_guard lock(m_cacheMutex);
  if (m_dapil && m_dapil->at == q) return m_dapil;
  auto agg = std::make_shared<DapilTotals>();
  agg->at = q;
  const std::size_t n = m_tables->dapil.size();
  agg->total.assign(n, {});
  agg->partyOnly.assign(n, {});
  agg->caleg.resize(n);
  agg->reported.assign(n, 0);
  agg->tpsTotal.assign(n, 0);
  for (std::size_t d = 0; d < n; ++d) agg->caleg[d].assign(calegOf(static_cast<int>(d)).size(), 0);
  const RegionTree& tr = tree();
  std::vector<uint32_t> split;
  for (RegionId id = tr.levelBegin(Level::Tps); id < tr.levelEnd(Level::Tps); ++id) {
    const int d = dapilOf(id);
    if (d < 0) continue;
    agg->tpsTotal[d]++;
    if (m_night->tps(id).reportedAt > q) continue;
    agg->reported[d]++;
    for (int p = 0; p < kDprParties; ++p) {
      agg->total[d][p] += partyTotal(id, p);
      agg->partyOnly[d][p] += partyOnly(id, p);
      calegVotes(id, p, split);
      const uint32_t b = m_partyBegin[d][p];
      for (std::size_t c = 0; c < split.size(); ++c) agg->caleg[d][b + c] += split[c];
    }
  }
  m_dapil = agg;
  return agg;
}

std::shared_ptr<const PdpdAggregates> LegislativeModel::pdpdAt(int64_t t) const {
  const int64_t q = quantise(t);
  std::lock_guard lock(m_cacheMutex);
  if (m_pdpd && m_pdpd->at == q) return m_pdpd;
  auto agg = std::make_shared<PdpdAggregates>();
  agg->at = q;
  agg->votes.assign(m_dpdSize, 0);
  const RegionTree& tr = tree();
  std::vector<uint32_t> split;
  for (RegionId id = tr.levelBegin(Level::Tps); id < tr.levelEnd(Level::Tps); ++id) {
    if (!hasDpd(id) || m_night->tps(id).reportedAt > q) continue;
    dpdVotes(id, split);
    for (RegionId p = tr.parent(id); p != kNation; p = tr.parent(p))
      for (std::size_t c = 0; c < split.size(); ++c) agg->votes[m_dpdOffset[p] + c] += split[c];
  }
  m_pdpd = agg;
  return agg;
}

}  // namespace pantau::sim
