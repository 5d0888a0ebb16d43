#include "layer_colours.hpp"

#include <algorithm>

#include "pantau/data/contests/dpd_nation.hpp"
#include "pantau/data/integrity/integrity.hpp"
#include "pantau/render/colours.hpp"
#include "party_display.hpp"

namespace pantau::viewer {

using namespace pantau::data;

namespace {
/// A column named on the command line: a candidate id, or for the DPR a party's id or short name.
bool parseColumn(const std::string& text, Contest contest, CandidateId& out) {
  if (contest != Contest::Pdpr) return parseCandidateId(text, out);
  const auto party = parsePartyName(text);
  if (party) out = *party;
  return party.has_value();
}
}  // namespace

bool LayerChoice::parse(const std::string& spec, LayerChoice& out, std::string& error,
                        Contest contest) {
  out = LayerChoice{};
  out.contest = contest;
  if (spec == "winner") return true;
  if (spec == "progress") return (out.kind = Progress), true;
  if (spec == "turnout") return (out.kind = Turnout), true;
  if (spec == "integrity") return (out.kind = Integrity), true;
  if (spec == "change") return (out.kind = Change), true;
  if (spec == "race" && contest == Contest::Pdpd) return (out.kind = Race), true;
  if (spec.rfind("share:", 0) == 0 && parseColumn(spec.substr(6), contest, out.candidate))
    return (out.kind = Share), true;
  if (spec.rfind("change:", 0) == 0 && parseColumn(spec.substr(7), contest, out.candidate))
    return (out.kind = Change), true;
  const char* column = contest == Contest::Pdpr ? "<party id or short name>" : "<candidate id>";
  error = std::string("--layer: '") + spec + "' is not winner, share:" + column +
          ", progress, turnout, change[:" + column + "]" + (contest == Contest::Pdpd ? ", integrity or race" : " or integrity");
  return false;
}

std::string LayerChoice::spec() const {
  switch (kind) {
    case Winner: return "winner";
    case Share: return "share:" + std::to_string(candidate);
    case Progress: return "progress";
    case Turnout: return "turnout";
    case Change: return candidate ? "change:" + std::to_string(candidate) : "change";
    case Integrity: return "integrity";
    case Race: return "race";
  }
  return "?";
}

LayerChoice LayerChoice::next(const Snapshot& s) const {
  const LayerChoice& l = *this;
  LayerChoice n = l;
  n.candidate = 0;
  switch (l.kind) {
    case LayerChoice::Winner: {
      n.kind = LayerChoice::Share;
      double lead = 0;
      const int c = render::winnerOf(s.ownVotes(kNation), lead);
      n.candidate = s.candidates()[static_cast<std::size_t>(std::max(0, c))];
      break;
    }
    case LayerChoice::Share: n.kind = LayerChoice::Progress; break;
    case LayerChoice::Progress: n.kind = LayerChoice::Turnout; break;
    case LayerChoice::Turnout: n.kind = LayerChoice::Change; break;
    case LayerChoice::Change: n.kind = LayerChoice::Integrity; break;
    case LayerChoice::Integrity: n.kind = LayerChoice::Winner; break;
    case LayerChoice::Race: n.kind = LayerChoice::Progress; break;
  }
  return n;
}

namespace {
int indexOf(const Snapshot& s, CandidateId id) {
  for (std::size_t i = 0; i < s.candidates().size(); ++i)
    if (s.candidates()[i] == id) return static_cast<int>(i);
  return -1;
}
double shareOf(std::span<const uint32_t> votes, int c, bool& any) {
  uint64_t total = 0;
  for (uint32_t v : votes) total += v;
  any = total > 0;
  return any ? static_cast<double>(votes[static_cast<std::size_t>(c)]) / static_cast<double>(total) : 0;
}
}  // namespace

int changeCandidate(const LayerChoice& layer, const Snapshot& s) {
  if (layer.candidate) return indexOf(s, layer.candidate);
  double lead = 0;
  return render::winnerOf(s.ownVotes(kNation), lead);
}

RegionShade regionShade(const LayerChoice& layer, const Snapshot& s, const Snapshot* baseline, RegionId id) {
  RegionShade r;
  const RegionStatus& st = s.status(id);
  double lead = 0;
  const auto votes = s.votes(id);
  r.winner = st.has(RegionStatus::kReported) ? render::winnerOf(votes, lead) : -1;
  auto shade = [&](uint32_t colour, double value) {
    r.colour = colour;
    r.value = value;
    r.hasValue = true;
    return r;
  };
  switch (layer.kind) {
    case LayerChoice::Winner: {
      if (r.winner < 0) return r;
      const uint32_t hue =
          columnHue(s, layer.contest, static_cast<std::size_t>(r.winner), layer.colourBlindSafe);
      r.colour = render::winnerColour(hue, lead, st.persen / 100.0);
      return r;
    }
    case LayerChoice::Share: {
      const int c = indexOf(s, layer.candidate);
      bool any = false;
      const double share = c >= 0 && r.winner >= 0 ? shareOf(votes, c, any) : 0;
      return any ? shade(render::sequentialColour(share), share) : r;
    }
    case LayerChoice::Progress:  // 0% in is a figure, not missing data
      if (r.winner < 0 && !st.has(RegionStatus::kHasRow)) return r;
      return shade(render::sequentialColour(st.persen / 100.0), st.persen / 100.0);
    case LayerChoice::Turnout: {
      double turnout = s.integrity() ? s.integrity()->turnout(id) : -1;
      if (s.tree().level(id) == Level::Tps)  // a TPS: its own administrasi
        if (const TpsFacts* f = s.tpsFacts(id); f && f->has(TpsFacts::kAdministrasi) && f->adm.pemilihDpt[0])
          turnout = static_cast<double>(f->adm.penggunaTotal[0]) / f->adm.pemilihDpt[0];
      if (turnout < 0) return r;
      return shade(render::sequentialColour((turnout - kTurnoutLow) / (1 - kTurnoutLow)), turnout);
    }
    case LayerChoice::Integrity: {
      const IntegrityState* in = s.integrity();
      if (in && s.tree().level(id) == Level::Tps) {  // a TPS: its errors, deep red when it has any
        const TpsFacts* f = s.tpsFacts(id);
        if (!f || !f->has(TpsFacts::kChart)) return r;
        double errors = 0;
        for (const Finding& x : in->findingsFor(id)) errors += x.severity() == Severity::Error;
        return shade(render::alertColour(errors > 0 ? 1.0 : 0.0), errors);
      }
      if (!in || in->checkedTps(id) == 0) return r;
      const double perThousand = 1000.0 * in->flaggedTps(id) / in->checkedTps(id);
      return shade(render::alertColour(perThousand / kFlaggedPerThousandMax), perThousand);
    }
    case LayerChoice::Change: {
      const int c = changeCandidate(layer, s);
      bool anyNow = false, anyThen = false;
      if (c < 0 || r.winner < 0) return r;
      const double now = shareOf(votes, c, anyNow);
      const double then = baseline ? shareOf(baseline->votes(id), c, anyThen) : 0;
      if (!anyNow) return r;
      // No figure to compare with: a flat mid grey, distinct from both the hatch and "no change".
      if (!anyThen) {
        r.colour = render::packRgba({0.78f, 0.78f, 0.76f});
        return r;
      }
      const double points = (now - then) * 100.0;
      return shade(render::divergingColour(points / kChangeRangePoints), points);
    }
    case LayerChoice::Race: {
      const double points = fourthSeatRace(votes, s.candidateList()).marginPoints();
      if (r.winner < 0 || points < 0) return r;
      return shade(render::alertColour(1 - std::min(points / kRaceRangePoints, 1.0)), points);
    }
  }
  return r;
}

}  // namespace pantau::viewer
