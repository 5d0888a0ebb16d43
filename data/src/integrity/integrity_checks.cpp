// The checks themselves: pure functions of one TPS's numbers, and their descriptions.

#include <array>
#include <cstdio>

#include "pantau/data/integrity/integrity.hpp"

namespace pantau::data {

const char* toString(Severity s) { return s == Severity::Error ? "error" : "warning"; }

namespace {
// Errors: the votes (or the ballots and voters they rest on) cannot be right as published.
// Warnings: bookkeeping that does not add up without touching the votes (real, complete forms
// carry those: the API's own example counts a DPTb voter twice), or figures that are possible
// but rare enough that a person should look at the form. A TPS is "flagged" by its errors.
constexpr std::array<CheckInfo, kCheckCount> kChecks{{
    {"votes_sum_sah", Severity::Error, true},
    {"sah_tidak_sah_total", Severity::Error, true},
    {"sex_sum", Severity::Warning, true},
    {"pengguna_sum", Severity::Warning, true},
    {"total_over_voters", Severity::Error, true},
    {"voters_over_dpt", Severity::Error, true},
    {"votes_over_dpt", Severity::Error, true},
    {"candidate_over_cap", Severity::Warning, true},
    {"chart_sum_table", Severity::Error, false},
    {"row_vs_own", Severity::Warning, false},
    {"count_decreased", Severity::Error, false},
    {"complete_changed", Severity::Warning, true},
}};
constexpr std::array<const char*, 5> kSexGroups{"pemilih_dpt", "pengguna_dpt", "pengguna_dptb", "pengguna_non_dpt",
                                                "pengguna_total"};
}  // namespace

const CheckInfo& checkInfo(CheckId c) { return kChecks[static_cast<std::size_t>(c)]; }

std::optional<CheckId> checkFromId(std::string_view id) {
  for (std::size_t i = 0; i < kChecks.size(); ++i)
    if (id == kChecks[i].id) return static_cast<CheckId>(i);
  return std::nullopt;
}

const char* sexSumGroup(uint8_t aux) { return aux < kSexGroups.size() ? kSexGroups[aux] : "?"; }

bool capExempt(std::string_view code) {
  if (code.size() < 2) return false;
  return code.substr(0, 2) == "99" || (code[0] == '9' && code[1] >= '1' && code[1] <= '6');
}

void checkTps(RegionId id, const TpsFacts& f, std::span<const uint32_t> votes, bool exemptFromCap,
              std::vector<Finding>& out) {
  auto add = [&](CheckId c, uint8_t aux, int64_t a, int64_t b) { out.push_back(Finding{id, c, aux, a, b}); };
  const bool chart = f.has(TpsFacts::kChart);
  uint64_t sum = 0;
  for (uint32_t v : votes) sum += v;

  if (chart && !exemptFromCap)
    for (std::size_t c = 0; c < votes.size(); ++c)
      if (votes[c] > kCandidateCap) add(CheckId::CandidateOverCap, static_cast<uint8_t>(c), votes[c], kCandidateCap);
  if (!f.has(TpsFacts::kAdministrasi)) return;

  // Sirekap serves unfilled administrasi fields as 0: a 0 is "not read yet", never a figure.
  const Administrasi& a = f.adm;
  if (chart && a.suaraSah > 0 && sum != a.suaraSah) add(CheckId::VotesSumSah, 0, static_cast<int64_t>(sum), a.suaraSah);
  if (a.suaraTotal > 0 && a.suaraSah + a.suaraTidakSah != a.suaraTotal)
    add(CheckId::SahTidakSahTotal, 0, int64_t{a.suaraSah} + a.suaraTidakSah, a.suaraTotal);
  const std::array<const std::array<uint32_t, 3>*, 5> groups{&a.pemilihDpt, &a.penggunaDpt, &a.penggunaDptb,
                                                             &a.penggunaNonDpt, &a.penggunaTotal};
  for (std::size_t g = 0; g < groups.size(); ++g) {
    const auto& t = *groups[g];
    if (t[0] > 0 && t[0] != t[1] + t[2]) add(CheckId::SexSum, static_cast<uint8_t>(g), int64_t{t[1]} + t[2], t[0]);
  }
  const uint32_t voters = a.penggunaTotal[0], dpt = a.pemilihDpt[0];
  if (voters > 0 && a.penggunaDpt[0] + a.penggunaDptb[0] + a.penggunaNonDpt[0] != voters)
    add(CheckId::PenggunaSum, 0, int64_t{a.penggunaDpt[0]} + a.penggunaDptb[0] + a.penggunaNonDpt[0], voters);
  if (voters > 0 && a.suaraTotal > voters) add(CheckId::TotalOverVoters, 0, a.suaraTotal, voters);
  if (dpt > 0 && a.penggunaDpt[0] > dpt) add(CheckId::VotersOverDpt, 0, a.penggunaDpt[0], dpt);
  // 1.02 x DPT in integers: sum x 100 > DPT x 102.
  if (chart && dpt > 0 && sum * 100 > uint64_t{dpt} * 102) add(CheckId::VotesOverDpt, 0, static_cast<int64_t>(sum), dpt);
}

std::string describe(const Finding& f, std::span<const CandidateId> candidates) {
  char buf[192];
  const unsigned long cand = f.aux < candidates.size() ? candidates[f.aux] : 0;
  const long long a = f.a, b = f.b;
  switch (f.check) {
    case CheckId::VotesSumSah: std::snprintf(buf, sizeof buf, "sum of votes %lld != suara_sah %lld", a, b); break;
    case CheckId::SahTidakSahTotal:
      std::snprintf(buf, sizeof buf, "suara_sah + suara_tidak_sah %lld != suara_total %lld", a, b);
      break;
    case CheckId::SexSum:
      std::snprintf(buf, sizeof buf, "%s_l + %s_p %lld != %s_j %lld", sexSumGroup(f.aux), sexSumGroup(f.aux), a,
                    sexSumGroup(f.aux), b);
      break;
    case CheckId::PenggunaSum:
      std::snprintf(buf, sizeof buf, "pengguna_dpt + dptb + non_dpt %lld != pengguna_total %lld", a, b);
      break;
    case CheckId::TotalOverVoters: std::snprintf(buf, sizeof buf, "suara_total %lld > pengguna_total %lld", a, b); break;
    case CheckId::VotersOverDpt: std::snprintf(buf, sizeof buf, "pengguna_dpt %lld > pemilih_dpt (DPT) %lld", a, b); break;
    case CheckId::VotesOverDpt: std::snprintf(buf, sizeof buf, "sum of votes %lld > 1.02 x DPT %lld", a, b); break;
    case CheckId::CandidateOverCap:
      std::snprintf(buf, sizeof buf, "candidate %lu has %lld votes, above the %lld ballots a TPS has", cand, a, b);
      break;
    case CheckId::ChartSumTable:
      std::snprintf(buf, sizeof buf, "candidate %lu: table rows sum to %lld, chart says %lld", cand, a, b);
      break;
    case CheckId::RowVsOwn:
      std::snprintf(buf, sizeof buf, "candidate %lu: %lld in the parent's table, %lld in its own document", cand, a, b);
      break;
    case CheckId::CountDecreased:
      std::snprintf(buf, sizeof buf, "candidate %lu went down from %lld to %lld without a re-vote", cand, a, b);
      break;
    case CheckId::CompleteChanged:
      std::snprintf(buf, sizeof buf, "candidate %lu changed from %lld to %lld after the TPS was complete", cand, a, b);
      break;
    case CheckId::kCount: buf[0] = 0; break;
  }
  return buf;
}

}  // namespace pantau::data
