#include "rundown.hpp"

#include <toml++/toml.h>
#include <algorithm>
#include <cmath>

#include "pantau/data/base/file_io.hpp"

namespace pantau::viewer::onair {

using data::Error;
using data::ErrorCode;

const char* transitionName(Transition t) {
  switch (t) {
    case Transition::Cut:
      return "cut";
    case Transition::Mix:
      return "mix";
    case Transition::Fly:
      return "fly";
  }
  return "cut";
}

const char* mapKindName(MapKind m) {
  return m == MapKind::Tiles ? "tiles" : "regions";
}

namespace {

/// The first problem found, with its line; reading stops there.
struct Problem {
  int line = 0;
  std::string what;
};

int lineOf(const toml::node& n) {
  return static_cast<int>(n.source().begin.line);
}

/// Reads one table's keys into typed fields, refusing anything it was not told about.
class TableReader {
 public:
  TableReader(const toml::table& t, std::string where) : m_table(t), m_where(std::move(where)) {}

  void text(std::string_view key, std::string& out) {
    if (const toml::node* n = take(key)) {
      if (const auto* s = n->as_string())
        out = s->get();
      else
        fail(*n, "'" + std::string(key) + "' must be a string");
    }
  }
  void number(std::string_view key, double& out, double min, double max) {
    const toml::node* n = take(key);
    if (!n) return;
    std::optional<double> v =
        n->is_integer() ? std::optional<double>(static_cast<double>(n->as_integer()->get()))
                        : n->value<double>();
    if (!n->is_number() || !v) return fail(*n, "'" + std::string(key) + "' must be a number");
    if (!std::isfinite(*v) || *v < min || *v > max) {
      char range[96];
      std::snprintf(range, sizeof range, "%g..%g", min, max);
      return fail(*n, "'" + std::string(key) + "' is " + formatNumber(*v) + ", not in " + range);
    }
    out = *v;
  }
  void integer(std::string_view key, int& out, int min, int max) {
    double v = out;
    const toml::node* n = m_table.get(key);
    if (n && !n->is_integer()) {
      take(key);
      return fail(*n, "'" + std::string(key) + "' must be a whole number");
    }
    number(key, v, min, max);
    out = static_cast<int>(v);
  }
  void boolean(std::string_view key, bool& out) {
    if (const toml::node* n = take(key)) {
      if (const auto* b = n->as_boolean())
        out = b->get();
      else
        fail(*n, "'" + std::string(key) + "' must be true or false");
    }
  }
  /// One of `names` (their index into `out`).
  template <class E>
  void choice(std::string_view key, E& out,
              std::initializer_list<std::pair<const char*, E>> names) {
    std::string v;
    const toml::node* n = m_table.get(key);
    text(key, v);
    if (!n || m_problem) return;
    std::string list;
    for (const auto& [name, value] : names) {
      if (v == name) return void(out = value);
      list += (list.empty() ? "" : ", ") + std::string(name);
    }
    fail(*n, "'" + std::string(key) + "' is '" + v + "', not one of " + list);
  }
  /// After the fields: any key left over is unknown.
  std::optional<Problem> finish() {
    if (!m_problem)
      for (const auto& [k, v] : m_table)
        if (std::find(m_taken.begin(), m_taken.end(), k.str()) == m_taken.end()) {
          fail(v, "unknown key '" + std::string(k.str()) + "' in " + m_where);
          break;
        }
    return m_problem;
  }
  const std::optional<Problem>& problem() const { return m_problem; }
  void fail(const toml::node& n, std::string what) {
    if (!m_problem) m_problem = Problem{lineOf(n), std::move(what)};
  }

 private:
  const toml::node* take(std::string_view key) {
    m_taken.push_back(std::string(key));
    return m_table.get(key);
  }
  static std::string formatNumber(double v) {
    char b[32];
    std::snprintf(b, sizeof b, "%g", v);
    return b;
  }
  const toml::table& m_table;
  std::string m_where;
  std::vector<std::string> m_taken;
  std::optional<Problem> m_problem;
};

constexpr std::initializer_list<std::pair<const char*, Transition>> kTransitions = {
    {"cut", Transition::Cut}, {"mix", Transition::Mix}, {"fly", Transition::Fly}};
constexpr std::initializer_list<std::pair<const char*, MapKind>> kMaps = {
    {"regions", MapKind::Regions}, {"tiles", MapKind::Tiles}};
constexpr std::initializer_list<std::pair<const char*, data::Level>> kLevels = {
    {"province", data::Level::Province},
    {"regency", data::Level::Regency},
    {"district", data::Level::District}};
constexpr double kLongest = 24 * 3600;  // a day: longer than any item on one night

std::optional<Problem> readItem(const toml::table& t, RundownItem& item) {
  TableReader r(t, "[[item]]");
  item.line = lineOf(t);
  r.text("name", item.name);
  r.text("view", item.view);
  r.text("contest", item.contest);
  r.text("layer", item.layer);
  r.number("seconds", item.seconds, 0, kLongest);
  r.text("caption", item.caption);
  r.choice("transition", item.transition, kTransitions);
  r.integer("transition_frames", item.transitionFrames, 0, 1000);
  r.choice("map", item.map, kMaps);
  r.choice("panel", item.panel, {{"none", Panel::None}, {"moved", Panel::Moved}});
  return r.finish();
}

std::optional<Problem> readTour(const toml::table& t, TourSpec& tour) {
  TableReader r(t, "[[tour]]");
  tour.line = lineOf(t);
  if (!t.get("kind"))
    return Problem{tour.line,
                   "[[tour]] needs 'kind' (provinces, regencies, closest, flipped, movers)"};
  r.choice("kind", tour.kind,
           {{"provinces", TourSpec::Provinces},
            {"regencies", TourSpec::Regencies},
            {"closest", TourSpec::Closest},
            {"flipped", TourSpec::Flipped},
            {"movers", TourSpec::Movers}});
  r.text("region", tour.region);
  r.text("contest", tour.contest);
  r.integer("count", tour.count, 1, 1000);
  r.choice("level", tour.level, kLevels);
  r.number("minutes", tour.minutes, 0, kLongest / 60);
  r.number("seconds", tour.seconds, 0, kLongest);
  r.text("layer", tour.layer);
  r.choice("map", tour.map, kMaps);
  r.choice("transition", tour.transition, kTransitions);
  r.integer("transition_frames", tour.transitionFrames, 0, 1000);
  if (auto p = r.finish()) return p;
  return std::nullopt;
}

std::optional<Problem> readBreaking(const toml::table& t, BreakingSpec& b) {
  TableReader r(t, "[breaking]");
  b.enabled = true;
  b.line = lineOf(t);
  std::string on = "flip";
  r.choice("on", on, {{"flip", std::string("flip")}});
  r.choice("level", b.level, kLevels);
  r.number("hold_seconds", b.holdSeconds, 0, kLongest);
  r.text("layer", b.layer);
  return r.finish();
}

/// `key` must be an array of tables; each is handed to `read`.
template <class Read>
std::optional<Problem> eachTable(const toml::node& n, const char* key, Read read) {
  const toml::array* a = n.as_array();
  if (!a || !a->is_array_of_tables())
    return Problem{lineOf(n),
                   std::string("'") + key + "' must be written as [[" + key + "]] tables"};
  for (const toml::node& e : *a)
    if (auto p = read(*e.as_table())) return p;
  return std::nullopt;
}

std::optional<Problem> readTop(const toml::table& doc, Rundown& out) {
  TableReader r(doc, "the rundown");
  r.text("title", out.title);
  r.number("fps", out.fps, 1, 120);
  r.boolean("loop", out.loop);
  if (r.problem()) return r.problem();  // the other keys are read below
  for (const auto& [k, v] : doc) {
    const std::string_view key = k.str();
    std::optional<Problem> p;
    if (key == "title" || key == "fps" || key == "loop") continue;
    if (key == "item") {
      p = eachTable(v, "item", [&](const toml::table& t) {
        RundownItem item;
        auto q = readItem(t, item);
        out.entries.push_back({std::move(item), std::nullopt});
        return q;
      });
    } else if (key == "tour") {
      p = eachTable(v, "tour", [&](const toml::table& t) {
        TourSpec tour;
        auto q = readTour(t, tour);
        out.entries.push_back({std::nullopt, std::move(tour)});
        return q;
      });
    } else if (key == "breaking") {
      if (!v.is_table())
        p = Problem{lineOf(v), "'breaking' must be a [breaking] table"};
      else
        p = readBreaking(*v.as_table(), out.breaking);
    } else {
      p = Problem{lineOf(v), "unknown key '" + std::string(key) +
                                 "' (title, fps, loop, [[item]], [[tour]], [breaking])"};
    }
    if (p) return p;
  }
  // [[item]] and [[tour]] are separate arrays in TOML: play them in the order they were written.
  std::stable_sort(
      out.entries.begin(), out.entries.end(),
      [](const RundownEntry& a, const RundownEntry& b) { return a.line() < b.line(); });
  if (out.entries.empty()) return Problem{1, "nothing to play: no [[item]] or [[tour]]"};
  return std::nullopt;
}

Error problem(const std::string& file, int line, const std::string& what) {
  return Error{ErrorCode::Syntax, file + ":" + std::to_string(line) + ": " + what};
}

}  // namespace

data::Result<Rundown> parseRundown(std::string_view text, const std::string& fileName) {
  Rundown out;
  out.file = fileName;
  toml::table doc;
  try {
    doc = toml::parse(text, fileName);
  } catch (const toml::parse_error& e) {
    return problem(fileName, static_cast<int>(e.source().begin.line), std::string(e.description()));
  }
  if (auto p = readTop(doc, out)) return problem(fileName, p->line, p->what);
  for (RundownEntry& e : out.entries)
    if (e.item && e.item->name.empty())
      e.item->name = e.item->view.empty() ? "nasional" : e.item->view;
  return out;
}

/// A rundown is hand-written: a few kilobytes. Anything near this is not one.
constexpr std::size_t kMaxRundownBytes = 4 << 20;

data::Result<Rundown> loadRundown(const std::string& path) {
  auto text = data::readFile(path, kMaxRundownBytes);
  if (!text) return Error{ErrorCode::Io, path + ": cannot read: " + text.error().message};
  return parseRundown(*text, path);
}

namespace {

data::Status resolveRegion(const std::string& file, int line, const std::string& code,
                           const data::RegionTree& tree, data::RegionId& out) {
  out = code.empty() ? data::kNation : tree.find(code);
  if (out == data::kNoRegion) return problem(file, line, "unknown region '" + code + "'");
  if (tree.level(out) > data::Level::Village)
    return problem(file, line, "region '" + code + "' is a TPS: on air shows villages and above");
  return {};
}

data::Status resolveLayer(const std::string& file, int line, const std::string& spec,
                          LayerChoice& out, data::Contest contest = data::Contest::Ppwp) {
  std::string error;
  // The parser speaks of --layer; here the key is 'layer'.
  if (!LayerChoice::parse(spec, out, error, contest))
    return problem(file, line, "unknown layer" + error.substr(error.find(':')));
  return {};
}

data::Status resolveContest(const std::string& file, int line, const std::string& named,
                            data::Contest show) {
  if (named.empty() || named == data::toString(show)) return {};
  if (!data::parseContest(named) || named == "pdpd")
    return problem(file, line, "unknown contest '" + named + "' (ppwp or pdpr)");
  return problem(file, line,
                 "contest '" + named + "': this show reads " + data::toString(show) +
                     " (one contest a show: pantau --contest " + named + ")");
}

}  // namespace

std::string rundownContest(const Rundown& r) {
  for (const RundownEntry& e : r.entries) {
    const std::string& c = e.item ? e.item->contest : e.tour->contest;
    if (!c.empty()) return c;
  }
  return {};
}

data::Status resolveRundown(Rundown& r, const data::RegionTree& tree, data::Contest contest) {
  for (RundownEntry& e : r.entries) {
    if (auto s =
            resolveContest(r.file, e.line(), e.item ? e.item->contest : e.tour->contest, contest);
        !s)
      return s;
    if (e.item && e.item->view == "seats") {  // the DPR's hemicycle, over the nation
      if (contest != data::Contest::Pdpr)
        return problem(r.file, e.item->line, "view 'seats' is the DPR's (contest = \"pdpr\")");
      e.item->seats = true;
      e.item->region = data::kNation;
      if (auto s = resolveLayer(r.file, e.item->line, e.item->layer, e.item->layerChoice, contest);
          !s)
        return s;
    } else if (e.item) {
      if (auto s = resolveRegion(r.file, e.item->line, e.item->view, tree, e.item->region); !s)
        return s;
      if (auto s = resolveLayer(r.file, e.item->line, e.item->layer, e.item->layerChoice, contest);
          !s)
        return s;
    } else {
      TourSpec& t = *e.tour;
      if (auto s = resolveRegion(r.file, t.line, t.region, tree, t.regionId); !s) return s;
      if (t.kind == TourSpec::Regencies && t.regionId != data::kNation &&
          tree.level(t.regionId) != data::Level::Province)
        return problem(r.file, t.line,
                       "a 'regencies' tour needs a province (or no region: all of them), not '" +
                           t.region + "'");
      if (auto s = resolveLayer(r.file, t.line, t.layer, t.layerChoice, contest); !s) return s;
    }
  }
  if (r.breaking.enabled) {
    LayerChoice unused;
    if (auto s = resolveLayer(r.file, r.breaking.line, r.breaking.layer, unused, contest); !s)
      return s;
  }
  return {};
}

}  // namespace pantau::viewer::onair
