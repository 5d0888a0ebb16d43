#pragma once
// Every string a person sees, in one place, so that both languages stay complete. Bahasa
// Indonesia by default (the users are Indonesian), English with --lang en. Names of regions and
// candidates are never translated: they appear as KPU writes them.

#include <string>

#include "pantau/data/model/snapshot.hpp"

namespace pantau::viewer {

enum class Language { Indonesian, English };

struct UiText {
  const char* raceTitle;       ///< "Pemilihan Presiden 2024"
  const char* nationName;      ///< the nation's name in the view title
  const char* dataAsOf;        ///< "Data per" + timestamp
  const char* tpsIn;           ///< "TPS masuk"
  const char* of;              ///< "dari"
  const char* legendWinner;    ///< legend heading for the winner layer
  const char* legendShare;     ///< "Perolehan suara paslon" (+ number)
  const char* legendProgress;  ///< "TPS masuk"
  const char* legendTurnout;   ///< turnout layer heading
  const char* legendChange;    ///< change layer heading (+ ticket number, then "since" + time)
  const char* since;           ///< "sejak"
  const char* noBaseline;      ///< legend: regions with nothing to compare with
  const char* legendIntegrity; ///< integrity layer heading
  const char* perThousand;     ///< "per 1.000 TPS"
  const char* flaggedTps;      ///< "TPS bermasalah" (badge and counts)
  // The TPS view.
  const char* validVotes;      ///< suara sah
  const char* invalidVotes;    ///< suara tidak sah
  const char* totalVotes;      ///< total suara
  const char* registered;      ///< DPT (pemilih terdaftar)
  const char* voters;          ///< pengguna hak pilih
  const char* male;            ///< L
  const char* female;          ///< P
  const char* total;           ///< J
  const char* page;            ///< "Halaman"
  const char* pageMissing;     ///< a page that was never uploaded
  const char* loading;         ///< an image on its way
  const char* checksTitle;     ///< "Pemeriksaan"
  const char* allChecksPass;   ///< nothing flagged
  const char* passed;          ///< a tile's short "all checks pass"
  const char* suggestion;      ///< "Saran koreksi (bukan data)"
  const char* notUploaded;     ///< TPS not uploaded yet
  const char* statusVotes;     ///< "suara" status
  const char* statusAdm;       ///< "administrasi" status
  const char* confirmed;       ///< "terkonfirmasi"
  const char* pending;         ///< "belum"
  const char* worstTitle;      ///< list of the worst TPS
  const char* searchHint;      ///< search box placeholder
  const char* moreResults;     ///< "lagi" (N more)
  const char* tableName;       ///< table column: name
  const char* tableCode;       ///< table column: code
  const char* tableProgress;   ///< table column: progress
  const char* tableTurnout;    ///< table column: turnout
  const char* tableFlags;      ///< table column: flags
  const char* filterHint;      ///< table filter placeholder
  const char* exportedTo;      ///< after E: "Diekspor ke" + files
  const char* checkWords[12];  ///< each integrity check in words, by CheckId
  const char* narrowLead;      ///< "selisih tipis"
  const char* wideLead;        ///< "selisih lebar"
  const char* noData;          ///< "belum ada data"
  const char* sourceHealth;    ///< "Sumber"
  const char* errors;          ///< "galat"
  const char* unchanged;       ///< "tak berubah (304)"
  const char* noPolygon;       ///< "wilayah tanpa batas peta"
  const char* staleFor;        ///< "belum diperbarui sejak" + minutes
  const char* minutes;         ///< "menit"
  const char* inBackoff;       ///< "dokumen menunggu ulang"
  const char* withoutData;     ///< "wilayah tanpa data": regions the source does not have (404)
  const char* tpsRead;         ///< "TPS terbaca" + N dari M: a TPS sweep's progress
  const char* ticket;          ///< "Paslon" + ballot number: a ticket the source named by id only
  const char* simulated;       ///< badge when the data is the embedded simulation
  char thousands;              ///< '.' or ','
  char decimal;                ///< ',' or '.'
  const char* months[12];      ///< short month names
  // On air (viewer/onair/).
  const char* leadChanged;     ///< breaking strap: the region's leader changed
  const char* whatMoved;       ///< the "what moved" panel's heading
  const char* margin;          ///< "Selisih" (leader minus runner-up)
  const char* points;          ///< "poin" (percentage points)
  const char* addedVotes;      ///< "suara baru"
  const char* leads;           ///< "unggul"
  const char* tileMapNote;     ///< under the tile map: every province the same size
  const char* luarNegeri;      ///< the overseas tile's label
  // Video walls: a tile's stale badge (viewer/wall_app.cpp).
  const char* wallBehind;      ///< the tile missed a version's moment: "Tertinggal"
  const char* wallRelaySilent; ///< the relay does not answer
  const char* wallWaiting;     ///< no version yet
  const char* wallDataAt;      ///< "data" + the shown version's time
  // The DPR (--contest pdpr).
  const char* raceTitleDpr;       ///< "Pemilihan Anggota DPR RI 2024"
  const char* legendWinnerParty;  ///< "Partai unggul per wilayah"
  const char* legendShareParty;   ///< "Perolehan suara partai" (+ party)
  const char* threshold;          ///< "Ambang batas 4%"
  const char* belowThreshold;     ///< "Di bawah ambang batas 4%"
  const char* seatsTitle;         ///< the seat view's title
  const char* seatsProjection;    ///< "Proyeksi kursi dari hitungan sementara"
  const char* seatsWord;          ///< "kursi"
  const char* seatsMajority;      ///< "Mayoritas" (291 of 580)
  const char* partiesPassed;      ///< "partai lolos ambang batas"
  const char* dapilWord;          ///< "Dapil"
  const char* electedTitle;       ///< "Calon yang akan duduk"
  const char* noNames;            ///< a dapil read without caleg votes: no names
  const char* validVotesDpr;      ///< "suara sah DPR"
  const char* talliesDpr;         ///< the DPR tallies' heading
  // The DPD (--contest pdpd).
  const char* talliesDpd;      ///< the DPD tallies' heading
  const char* legendShareDpd;  ///< "Perolehan suara calon DPD" (+ number)
  const char* fourthRace;      ///< "Perebutan kursi ke-4: selisih" + votes
  const char* votesWord;       ///< "suara"
  // The DPD at the nation (every province's race).
  const char* dpdNationTitle;   ///< the map's title
  const char* legendRace;       ///< the race layer's heading
  const char* raceTight;        ///< the ramp's deep end
  const char* raceDecided;      ///< the ramp's pale end
  const char* talliesDpdNation; ///< the provinces' table heading
  const char* fourthVsFifth;    ///< between the fourth and the fifth candidate's numbers
};

const UiText& uiText(Language language);
/// "--lang id|en" to a language; false if unknown.
bool parseLanguage(const std::string& s, Language& out);

/// A candidate as KPU names them, or "Paslon 1" where the source named none (candidatesById).
std::string candidateName(const data::Candidate& c, const UiText& t);
/// The source's health in one line: "Sumber: 0 galat, 97% tak berubah (304), 12 wilayah tanpa
/// data". What the source does not have is said once, as a count, not as an error per region.
std::string sourceHealthLine(const data::SourceHealth& h, const UiText& t);

/// Epoch seconds as "15 Feb 2024 00:00 WIB" (Sirekap's clock is WIB).
std::string formatWib(int64_t epochUtc, const UiText& t);
/// 75357899 -> "75.357.899" (id) or "75,357,899" (en).
std::string formatCount(uint64_t n, const UiText& t);
/// 58.817 -> "58,82%" (id) or "58.82%" (en).
std::string formatPercent(double p, const UiText& t, int decimals = 2);

}  // namespace pantau::viewer
