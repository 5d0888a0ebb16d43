#include "ui_text.hpp"

#include <cstdint>
#include <cstdio>

#include "pantau/data/sirekap/sirekap_types.hpp"

namespace pantau::viewer {

namespace {
constexpr UiText kIndonesian{
    .raceTitle = "Pemilihan Presiden dan Wakil Presiden 2024",
    .nationName = "INDONESIA",
    .dataAsOf = "Data per",
    .tpsIn = "TPS masuk",
    .of = "dari",
    .legendWinner = "Pemenang per wilayah",
    .legendShare = "Perolehan suara paslon",
    .legendProgress = "Persentase TPS masuk",
    .legendTurnout = "Partisipasi (pemilih / DPT)",
    .legendChange = "Perubahan perolehan suara paslon",
    .since = "sejak",
    .noBaseline = "belum ada pembanding",
    .legendIntegrity = "TPS bermasalah per 1.000 masuk",
    .perThousand = "per 1.000",
    .flaggedTps = "TPS bermasalah",
    .validVotes = "Suara sah",
    .invalidVotes = "Suara tidak sah",
    .totalVotes = "Jumlah suara",
    .registered = "Pemilih terdaftar (DPT)",
    .voters = "Pengguna hak pilih",
    .male = "L",
    .female = "P",
    .total = "Jumlah",
    .page = "Halaman",
    .pageMissing = "Foto halaman ini belum diunggah",
    .loading = "Memuat foto\u2026",
    .checksTitle = "Pemeriksaan angka",
    .allChecksPass = "Semua pemeriksaan lolos",
    .passed = "Lolos",
    .suggestion = "Saran koreksi (bukan data)",
    .notUploaded = "Belum diunggah",
    .statusVotes = "Suara",
    .statusAdm = "Administrasi",
    .confirmed = "terkonfirmasi",
    .pending = "belum",
    .worstTitle = "TPS paling bermasalah",
    .searchHint = "Cari wilayah atau TPS (nama atau kode)",
    .moreResults = "lagi",
    .tableName = "Nama",
    .tableCode = "Kode",
    .tableProgress = "TPS masuk",
    .tableTurnout = "Partisipasi",
    .tableFlags = "Masalah",
    .filterHint = "Saring nama atau kode",
    .exportedTo = "Diekspor ke",
    .checkWords = {"Jumlah suara paslon tidak sama dengan suara sah",
                   "Suara sah + tidak sah tidak sama dengan jumlah suara",
                   "L + P tidak sama dengan jumlah",
                   "Pengguna DPT + DPTb + non-DPT tidak sama dengan jumlah pengguna",
                   "Jumlah suara melebihi pengguna hak pilih", "Pengguna DPT melebihi DPT",
                   "Suara paslon melebihi 102% DPT",
                   "Suara satu paslon melebihi surat suara satu TPS",
                   "Grafik tidak sama dengan jumlah tabel",
                   "Baris di tabel induk berbeda dengan dokumen wilayah",
                   "Angka turun tanpa pemungutan ulang", "Angka berubah setelah TPS lengkap"},
    .narrowLead = "selisih tipis",
    .wideLead = "selisih lebar",
    .noData = "belum ada data",
    .sourceHealth = "Sumber",
    .errors = "galat",
    .unchanged = "tak berubah (304)",
    .noPolygon = "wilayah tanpa batas peta",
    .staleFor = "data tidak terkonfirmasi selama",
    .minutes = "menit",
    .inBackoff = "dokumen menunggu coba ulang",
    .withoutData = "wilayah tanpa data",
    .tpsRead = "TPS terbaca",
    .ticket = "Paslon",
    .simulated = "SIMULASI",
    .thousands = '.',
    .decimal = ',',
    .months = {"Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"},
    .leadChanged = "BERUBAH: UNGGUL BARU",
    .whatMoved = "Yang bergerak sejak pembaruan terakhir",
    .margin = "Selisih",
    .points = "poin",
    .addedVotes = "suara baru",
    .leads = "unggul",
    .tileMapNote = "Setiap provinsi satu petak sama besar",
    .luarNegeri = "LUAR NEGERI",
    .wallBehind = "Tertinggal",
    .wallRelaySilent = "Relay tak menjawab",
    .wallWaiting = "Menunggu relay",
    .wallDataAt = "data",
    .raceTitleDpr = "Pemilihan Anggota DPR RI 2024",
    .legendWinnerParty = "Partai unggul per wilayah",
    .legendShareParty = "Perolehan suara partai",
    .threshold = "Ambang batas 4%",
    .belowThreshold = "Di bawah ambang batas 4%",
    .seatsTitle = "Kursi DPR RI",
    .seatsProjection = "Proyeksi kursi dari hitungan sementara",
    .seatsWord = "kursi",
    .seatsMajority = "Mayoritas",
    .partiesPassed = "partai lolos ambang batas",
    .dapilWord = "Dapil",
    .electedTitle = "Calon yang akan duduk",
    .noNames = "nama belum terbaca (suara caleg tidak tersedia)",
    .validVotesDpr = "suara sah DPR",
    .talliesDpr = "Perolehan suara partai \u00b7 DPR RI",
    .talliesDpd = "Perolehan suara calon DPD \u00b7 4 kursi per provinsi",
    .legendShareDpd = "Perolehan suara calon DPD",
    .fourthRace = "Perebutan kursi ke-4: selisih",
    .votesWord = "suara",
    .dpdNationTitle = "DPD RI · perebutan kursi ke-4",
    .legendRace = "Selisih kursi ke-4 atas ke-5",
    .raceTight = "ketat",
    .raceDecided = "3+ poin",
    .talliesDpdNation = "Provinsi dengan perebutan kursi ke-4 terketat",
    .fourthVsFifth = "vs"};
constexpr UiText kEnglish{
    .raceTitle = "2024 Presidential Election",
    .nationName = "INDONESIA",
    .dataAsOf = "Data as of",
    .tpsIn = "Polling stations in",
    .of = "of",
    .legendWinner = "Winner by region",
    .legendShare = "Vote share of ticket",
    .legendProgress = "Share of polling stations in",
    .legendTurnout = "Turnout (voters / registered)",
    .legendChange = "Change in vote share of ticket",
    .since = "since",
    .noBaseline = "nothing to compare with",
    .legendIntegrity = "Flagged stations per 1,000 in",
    .perThousand = "per 1,000",
    .flaggedTps = "flagged polling stations",
    .validVotes = "Valid votes",
    .invalidVotes = "Invalid votes",
    .totalVotes = "Total votes",
    .registered = "Registered voters (DPT)",
    .voters = "Voters",
    .male = "M",
    .female = "F",
    .total = "Total",
    .page = "Page",
    .pageMissing = "This page was never uploaded",
    .loading = "Loading photo\u2026",
    .checksTitle = "Number checks",
    .allChecksPass = "All checks pass",
    .passed = "Passed",
    .suggestion = "Suggested correction (not data)",
    .notUploaded = "Not uploaded yet",
    .statusVotes = "Votes",
    .statusAdm = "Administration",
    .confirmed = "confirmed",
    .pending = "pending",
    .worstTitle = "Most suspicious polling stations",
    .searchHint = "Search a region or polling station (name or code)",
    .moreResults = "more",
    .tableName = "Name",
    .tableCode = "Code",
    .tableProgress = "Stations in",
    .tableTurnout = "Turnout",
    .tableFlags = "Flags",
    .filterHint = "Filter by name or code",
    .exportedTo = "Exported to",
    .checkWords = {"Candidate votes do not add up to valid votes",
                   "Valid + invalid votes do not add up to total votes",
                   "M + F does not add up to the total",
                   "DPT + DPTb + non-DPT voters do not add up to all voters",
                   "More votes than voters", "More DPT voters than registered voters",
                   "Candidate votes above 102% of registered voters",
                   "One candidate has more votes than a TPS has ballots",
                   "Chart does not equal the sum of its table",
                   "Row in the parent's table differs from the region's own document",
                   "A count went down without a re-vote",
                   "Votes changed after the TPS was complete"},
    .narrowLead = "narrow lead",
    .wideLead = "wide lead",
    .noData = "no data yet",
    .sourceHealth = "Source",
    .errors = "errors",
    .unchanged = "unchanged (304)",
    .noPolygon = "regions without a boundary",
    .staleFor = "data unconfirmed for",
    .minutes = "min",
    .inBackoff = "documents waiting to retry",
    .withoutData = "regions without data",
    .tpsRead = "Polling stations read",
    .ticket = "Ticket",
    .simulated = "SIMULATION",
    .thousands = ',',
    .decimal = '.',
    .months = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"},
    .leadChanged = "LEAD CHANGED",
    .whatMoved = "What moved since the last update",
    .margin = "Margin",
    .points = "points",
    .addedVotes = "new votes",
    .leads = "leads",
    .tileMapNote = "Every province one tile of the same size",
    .luarNegeri = "OVERSEAS",
    .wallBehind = "Behind",
    .wallRelaySilent = "Relay not answering",
    .wallWaiting = "Waiting for the relay",
    .wallDataAt = "data of",
    .raceTitleDpr = "2024 DPR (House of Representatives) election",
    .legendWinnerParty = "Leading party by region",
    .legendShareParty = "Party vote share",
    .threshold = "4% threshold",
    .belowThreshold = "Below the 4% threshold",
    .seatsTitle = "DPR seats",
    .seatsProjection = "Seat projection from the count so far",
    .seatsWord = "seats",
    .seatsMajority = "Majority",
    .partiesPassed = "parties over the threshold",
    .dapilWord = "Dapil",
    .electedTitle = "Who would take the seats",
    .noNames = "no names yet (caleg votes not available)",
    .validVotesDpr = "valid DPR votes",
    .talliesDpr = "Party votes \u00b7 DPR",
    .talliesDpd = "DPD candidates' votes \u00b7 4 seats a province",
    .legendShareDpd = "DPD candidate's vote share",
    .fourthRace = "Race for the 4th seat: a margin of",
    .votesWord = "votes",
    .dpdNationTitle = "DPD · the race for the 4th seat",
    .legendRace = "4th seat's lead over the 5th",
    .raceTight = "tight",
    .raceDecided = "3+ points",
    .talliesDpdNation = "Provinces with the tightest race for the 4th seat",
    .fourthVsFifth = "vs"};
}  // namespace

const UiText& uiText(Language language) { return language == Language::English ? kEnglish : kIndonesian; }

bool parseLanguage(const std::string& s, Language& out) {
  if (s == "id") out = Language::Indonesian;
  else if (s == "en") out = Language::English;
  else return false;
  return true;
}

std::string formatWib(int64_t epochUtc, const UiText& t) {
  const std::string s = data::formatTimestamp(epochUtc);  // "YYYY-MM-DD HH:MM:SS"
  const int month = std::stoi(s.substr(5, 2));
  return std::to_string(std::stoi(s.substr(8, 2))) + " " + t.months[(month + 11) % 12] + " " + s.substr(0, 4) + " " + s.substr(11, 5) + " WIB";
}

std::string candidateName(const data::Candidate& c, const UiText& t) {
  return c.nama.empty() ? std::string(t.ticket) + " " + std::to_string(c.nomorUrut) : c.nama;
}

std::string sourceHealthLine(const data::SourceHealth& h, const UiText& t) {
  const uint64_t answered = h.requests ? h.requests : 1;
  std::string line = std::string(t.sourceHealth) + ": " + formatCount(h.errors, t) + " " + t.errors + ", " +
                     formatPercent(100.0 * static_cast<double>(h.notModified) / static_cast<double>(answered), t, 0) +
                     " " + t.unchanged;
  // A document the source lacks waits out a backoff too: it is said once, as a missing region.
  const uint32_t retrying = h.inBackoff > h.missingRegions ? h.inBackoff - h.missingRegions : 0;
  if (retrying) line += ", " + formatCount(retrying, t) + " " + t.inBackoff;
  if (h.missingRegions) line += ", " + formatCount(h.missingRegions, t) + " " + t.withoutData;
  return line;
}

std::string formatCount(uint64_t n, const UiText& t) {
  std::string digits = std::to_string(n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += t.thousands;
    out += digits[i];
  }
  return out;
}

std::string formatPercent(double p, const UiText& t, int decimals) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f%%", decimals, p);
  for (char* c = buf; *c; ++c)
    if (*c == '.') *c = t.decimal;
  return buf;
}

}  // namespace pantau::viewer
