#include "province_tiles.hpp"

namespace pantau::viewer::onair {

namespace {
// West to east; rows north to south. Sumatra runs down its diagonal to Lampung, across the Sunda
// Strait from Banten; Java, Bali and Nusa Tenggara make the fourth row; Kalimantan sits above
// Java, Sulawesi east of it, then Maluku and the six Papua provinces.
constexpr ProvinceTile kTiles[] = {
    {"11", "ACEH", 0, 0},    {"21", "KEPRI", 3, 0},   {"12", "SUMUT", 1, 1},
    {"14", "RIAU", 2, 1},    {"61", "KALBAR", 5, 1},  {"65", "KALTARA", 6, 1},
    {"75", "GTLO", 8, 1},    {"71", "SULUT", 9, 1},   {"82", "MALUT", 10, 1},
    {"96", "PBD", 11, 1},    {"92", "PABAR", 12, 1},  {"91", "PAPUA", 13, 1},
    {"13", "SUMBAR", 1, 2},  {"15", "JAMBI", 2, 2},   {"16", "SUMSEL", 3, 2},
    {"19", "BABEL", 4, 2},   {"62", "KALTENG", 5, 2}, {"64", "KALTIM", 6, 2},
    {"76", "SULBAR", 7, 2},  {"72", "SULTENG", 8, 2}, {"81", "MALUKU", 10, 2},
    {"94", "PATENG", 12, 2}, {"95", "PAPEG", 13, 2},  {"17", "BENGKULU", 2, 3},
    {"18", "LAMPUNG", 3, 3}, {"31", "DKI", 4, 3},     {"63", "KALSEL", 6, 3},
    {"73", "SULSEL", 7, 3},  {"74", "SULTRA", 8, 3},  {"93", "PASEL", 13, 3},
    {"36", "BANTEN", 3, 4},  {"32", "JABAR", 4, 4},   {"33", "JATENG", 5, 4},
    {"35", "JATIM", 6, 4},   {"51", "BALI", 7, 4},    {"52", "NTB", 8, 4},
    {"53", "NTT", 9, 4},     {"34", "DIY", 5, 5},     {"99", "LN", 0, 5},
};
}  // namespace

std::span<const ProvinceTile> provinceTiles() {
  return kTiles;
}

}  // namespace pantau::viewer::onair
