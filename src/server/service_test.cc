// EventService against a real SQLite store (server_testing.h): every endpoint's JSON shape,
// the numbers it reports against what the fixture put in, bad parameters, unknown ids and
// concurrent requests.
#include "server/service.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <filesystem>
#include <map>
#include <set>
#include <thread>

#include "server/server_testing.h"

namespace entente::server {
namespace {

using nlohmann::json;
using testing::Fixture;
using testing::PairKey;

const EventService& Service() {
  static const EventService* service = [] {
    ServiceOptions o;
    o.db = Fixture().db;
    o.pipeline.fast = true;
    auto s = EventService::Open(o);
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    return s.ok() ? std::move(s).value().release() : nullptr;
  }();
  return *service;
}

json Get(const std::string& path, const Params& params = {}, int want_status = 200) {
  Reply r = Service().Handle("GET", path, params);
  EXPECT_EQ(r.status, want_status) << path << ": " << r.body;
  json j = json::parse(r.body, nullptr, false);
  EXPECT_FALSE(j.is_discarded()) << path << ": not JSON: " << r.body.substr(0, 200);
  return j;
}

// A 400 whose JSON names `param`.
void ExpectBad(const std::string& path, const Params& params, const std::string& param) {
  json j = Get(path, params, 400);
  EXPECT_EQ(j.value("parameter", ""), param) << path << " " << j.dump();
  EXPECT_FALSE(j.value("error", "").empty());
}

TEST(ServiceTest, OpenRefusesMissingStore) {
  ServiceOptions o;
  o.db = testing::TempDir() + "/missing.db";
  o.enable_code = false;
  auto s = EventService::Open(o);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), Status::Code::kNotFound);
}

TEST(ServiceTest, HealthAndStats) {
  EXPECT_EQ(Get("/healthz")["status"], "ok");
  json s = Get("/api/stats");
  EXPECT_EQ(s["documents"].get<int64_t>(), Fixture().documents);
  EXPECT_EQ(s["events"].get<int64_t>(), Fixture().hand_events + static_cast<int64_t>(Fixture().coded.size()));
  EXPECT_EQ(s["first_date"], Fixture().first_date);
  EXPECT_EQ(s["last_date"], Fixture().last_date);
  // The fixture's events are all dated to the day.
  EXPECT_EQ(s["first_date_precision"], "day");
  EXPECT_EQ(s["last_date_precision"], "day");
  ASSERT_TRUE(s["by_root"].is_array());
  int64_t total = 0;
  for (const json& r : s["by_root"]) total += r["count"].get<int64_t>();
  EXPECT_EQ(total, s["events"].get<int64_t>());
}

TEST(ServiceTest, EventListFiltersAndPages) {
  const auto& f = Fixture();
  json all = Get("/api/events", {{"limit", "10000"}});
  EXPECT_EQ(all["count"].get<int64_t>(), f.hand_events + static_cast<int64_t>(f.coded.size()));
  EXPECT_FALSE(all["more"].get<bool>());
  json first = Get("/api/events");
  EXPECT_EQ(first["limit"], 100);
  EXPECT_EQ(first["count"], 100);
  EXPECT_TRUE(first["more"].get<bool>());

  // Pages of 7 walk the same order as the whole list.
  std::vector<std::string> paged;
  for (int offset = 0; offset < 21; offset += 7) {
    json page = Get("/api/events", {{"limit", "7"}, {"offset", std::to_string(offset)}});
    for (const json& e : page["events"]) paged.push_back(e["id"]);
  }
  ASSERT_EQ(paged.size(), 21u);
  for (size_t i = 0; i < paged.size(); ++i) EXPECT_EQ(paged[i], all["events"][i]["id"]);

  // The dyad filter (either order, lower case accepted) finds exactly the hand-made PRK-RUS
  // events of 2022-2024 when coded articles (2018-2019) are excluded by date.
  int want = 0;
  for (const auto& [key, c] : f.counts)
    if (key.first == "PRK,RUS") want += c.first + c.second;
  json dyad = Get("/api/events", {{"dyad", "rus,prk"}, {"since", "2022-01-01"}, {"limit", "1000"}});
  EXPECT_EQ(dyad["count"].get<int>(), want);
  for (const json& e : dyad["events"]) {
    std::set<std::string> sides = {e["source"]["country"], e["target"]["country"]};
    EXPECT_EQ(sides, (std::set<std::string>{"PRK", "RUS"}));
    EXPECT_GE(e["date"].get<std::string>(), "2022-01-01");
  }
  json root = Get("/api/events", {{"root", "19"}, {"limit", "1000"}});
  EXPECT_GT(root["count"].get<int>(), 0);
  for (const json& e : root["events"]) EXPECT_EQ(e["root"], "19");
  json range = Get("/api/events", {{"since", "2023-01-01"}, {"until", "2023-12-31"}, {"country", "USA"}});
  EXPECT_GT(range["count"].get<int>(), 0);
  for (const json& e : range["events"]) EXPECT_EQ(e["date"].get<std::string>().substr(0, 4), "2023");
}

TEST(ServiceTest, BadParametersNameTheParameter) {
  ExpectBad("/api/events", {{"limit", "0"}}, "limit");
  ExpectBad("/api/events", {{"limit", "10001"}}, "limit");
  ExpectBad("/api/events", {{"limit", "ten"}}, "limit");
  ExpectBad("/api/events", {{"limit", "-5"}}, "limit");
  ExpectBad("/api/events", {{"offset", "99999999999999999999"}}, "offset");
  ExpectBad("/api/events", {{"since", "2024-13-01"}}, "since");
  ExpectBad("/api/events", {{"since", "2024-05-01"}, {"until", "2024-01-01"}}, "until");
  ExpectBad("/api/events", {{"dyad", "PRK"}}, "dyad");
  ExpectBad("/api/events", {{"dyad", "PRK,RUSSIA"}}, "dyad");
  ExpectBad("/api/events", {{"country", "X1Y"}}, "country");
  ExpectBad("/api/events", {{"code", "04a"}}, "code");
  ExpectBad("/api/events", {{"root", "4"}}, "root");
  ExpectBad("/api/events", {{"modality", "maybe"}}, "modality");
  ExpectBad("/api/events", {{"origin", "reuters"}}, "origin");
  ExpectBad("/api/events", {{"limt", "5"}}, "limt");
  ExpectBad("/api/dyads", {{"window", "decade"}}, "window");
  ExpectBad("/api/align", {{"bootstrap", "100000"}}, "bootstrap");
  ExpectBad("/api/align", {{"states", "1"}}, "states");
  ExpectBad("/api/blocs", {{"count", "people"}}, "count");
  ExpectBad("/api/shifts", {{"top", "0"}}, "top");
  ExpectBad("/api/forecast", {{"seed", "x"}}, "seed");
  ExpectBad("/api/forecast", {{"model", "oracle"}}, "model");
  ExpectBad("/api/brief", {{"format", "html"}}, "format");
  ExpectBad("/api/stats", {{"x", "1"}}, "x");
}

TEST(ServiceTest, UnknownIdsPathsAndMethods) {
  json j = Get("/api/events/no-such-event", {}, 404);
  EXPECT_NE(j["error"].get<std::string>().find("no-such-event"), std::string::npos);
  Get("/api/events/", {}, 404);
  Get("/api/nothing", {}, 404);
  EXPECT_EQ(Service().Handle("POST", "/api/events", {}).status, 405);
  EXPECT_EQ(Service().Handle("GET", "/api/code", {}).status, 405);
  EXPECT_EQ(Service().Handle("DELETE", "/healthz", {}).status, 405);
}

TEST(ServiceTest, EventWithProvenance) {
  ASSERT_FALSE(Fixture().coded.empty()) << "the demo articles gave no events";
  for (const Event& want : Fixture().coded) {
    json e = Get("/api/events/" + want.id);
    EXPECT_EQ(e["id"], want.id);
    EXPECT_EQ(e["cameo"], want.cameo);
    ASSERT_TRUE(e["why"].is_object());
    EXPECT_EQ(e["why"]["pattern"], want.why.pattern);
    // The segments put the sentence back together; the source and target words (when they are
    // in this sentence) are marked whole, and the verb is marked.
    std::string joined;
    std::map<std::string, std::string> by_role;
    for (const json& s : e["segments"]) {
      joined += s["text"].get<std::string>();
      if (s["role"].is_string()) by_role[s["role"]] += s["text"].get<std::string>();
    }
    EXPECT_EQ(joined, want.text);
    EXPECT_TRUE(by_role.count("verb")) << want.id << ": " << e["segments"].dump();
    auto inside = [&](const Span& s) {
      return !s.empty() && s.begin >= want.sentence_span.begin && s.end <= want.sentence_span.end;
    };
    if (inside(want.source.span)) {
      EXPECT_EQ(by_role["source"], want.source.text) << want.id;
    }
    if (want.target && inside(want.target->span)) {
      EXPECT_EQ(by_role["target"], want.target->text) << want.id;
    }
  }
}

// An event dated only by its year is served with date_precision, in the list and by id; a day
// event has none (docs/output.md). Its own small store, so the fixture's counts stay as they are.
TEST(ServiceTest, EventsCarryDatePrecision) {
  std::string db = entente::testing::TempDir() + "/precision_service.db";
  std::filesystem::remove(db);
  {
    auto store = Store::Open(db, {});
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    Event year;
    year.id = "year-1";
    year.date = "2000-01-01";
    year.date_precision = DatePrecision::kYear;
    year.source.code = year.source.country = "RUS";
    year.target = ActorRef{"PRK", "PRK", "", "", "Pyongyang", {}};
    year.cameo = "042";
    year.root = "04";
    Event day = year;
    day.id = "day-1";
    day.date_precision = DatePrecision::kDay;
    ASSERT_EQ((*store)->AddEvents({year, day}).value(), 2);
  }
  ServiceOptions o;
  o.db = db;
  o.enable_code = false;
  auto service = EventService::Open(o);
  ASSERT_TRUE(service.ok()) << service.status().ToString();
  Reply r = (*service)->Handle("GET", "/api/events/year-1", {});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(json::parse(r.body).value("date_precision", ""), "year") << r.body;
  r = (*service)->Handle("GET", "/api/events/day-1", {});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_FALSE(json::parse(r.body).contains("date_precision")) << r.body;
  r = (*service)->Handle("GET", "/api/events", {});
  ASSERT_EQ(r.status, 200) << r.body;
  std::map<std::string, std::string> got;
  json list = json::parse(r.body);
  for (const json& e : list["events"]) got[e["id"]] = e.value("date_precision", "day");
  EXPECT_EQ(got, (std::map<std::string, std::string>{{"day-1", "day"}, {"year-1", "year"}}));
}

TEST(ServiceTest, DyadCountsMatchTheEvents) {
  json d = Get("/api/dyads", {{"dyad", "PRK,RUS"}, {"since", "2022-01-01"}});
  EXPECT_EQ(d["window"], "year");
  std::map<std::string, std::pair<int, int>> got;  // window -> coop, conflict (both directions)
  for (const json& r : d["rows"]) {
    auto& g = got[r["window"]];
    g.first += r["verbal_coop"].get<int>() + r["material_coop"].get<int>();
    g.second += r["verbal_conflict"].get<int>() + r["material_conflict"].get<int>();
  }
  for (int year = 2022; year <= 2024; ++year) {
    auto it = Fixture().counts.find({"PRK,RUS", std::to_string(year)});
    ASSERT_NE(it, Fixture().counts.end());
    EXPECT_EQ(got[std::to_string(year)], it->second) << year;
  }
  json monthly = Get("/api/dyads", {{"dyad", "PRK,RUS"}, {"window", "month"}, {"since", "2024-01-01"}});
  for (const json& r : monthly["rows"]) EXPECT_EQ(r["window"].get<std::string>().substr(0, 5), "2024-");
  json none = Get("/api/dyads", {{"dyad", "FRA,DEU"}});
  EXPECT_TRUE(none["rows"].empty());
  EXPECT_TRUE(none["note"].is_string());
}

TEST(ServiceTest, AlignmentSeparatesTheCamps) {
  json a = Get("/api/align", {{"at", "2024"}, {"bootstrap", "20"}});
  ASSERT_EQ(a["windows"].size(), 1u);
  const json& w = a["windows"][0];
  EXPECT_EQ(w["window"], "2024");
  std::map<std::string, double> score;
  for (const json& p : w["pairs"]) {
    score[PairKey(p["a"].get<std::string>(), p["b"].get<std::string>())] = p["score"].get<double>();
    EXPECT_LE(p["low"].get<double>(), p["high"].get<double>() + 1e-9);
    // `direct` says whether the score rests on events between the two or only on their
    // relations to others (the dashboard hatches the latter).
    EXPECT_EQ(p["direct"].get<bool>(), p["events"].get<int64_t>() > 0);
  }
  EXPECT_GT(score["PRK,RUS"], 0);
  EXPECT_GT(score["KOR,USA"], 0);
  EXPECT_LT(score["PRK,USA"], 0);
  EXPECT_GT(score["PRK,RUS"], score["PRK,USA"]);
  json few = Get("/api/align", {{"at", "2024"}, {"states", "2"}, {"bootstrap", "0"}});
  ASSERT_EQ(few["windows"].size(), 1u);
  EXPECT_EQ(few["windows"][0]["states"].size(), 2u);
  EXPECT_LE(few["windows"][0]["pairs"].size(), 1u);
  json missing = Get("/api/align", {{"at", "1999"}});
  EXPECT_TRUE(missing["windows"].empty());
  EXPECT_TRUE(missing["note"].is_string());
}

TEST(ServiceTest, BlocsFollowTheCamps) {
  json b = Get("/api/blocs", {{"at", "2024"}, {"bootstrap", "20"}});
  ASSERT_EQ(b["windows"].size(), 1u);
  std::map<std::string, int> bloc_of;
  int index = 0;
  for (const json& bloc : b["windows"][0]["blocs"]) {
    EXPECT_FALSE(bloc["name"].get<std::string>().empty());
    EXPECT_TRUE(bloc["stability"].is_number());
    for (const json& m : bloc["members"]) bloc_of[m] = index;
    // Every member with its evidence, in the order of members.
    ASSERT_EQ(bloc["member_evidence"].size(), bloc["members"].size());
    int64_t sum = 0;
    for (size_t i = 0; i < bloc["members"].size(); ++i) {
      const json& m = bloc["member_evidence"][i];
      EXPECT_EQ(m["state"], bloc["members"][i]);
      EXPECT_EQ(m["thin"].get<bool>(), m["events"].get<int64_t>() + m["occasions"].get<int64_t>() < 3);
      sum += m["events"].get<int64_t>();
    }
    EXPECT_EQ(sum, 2 * bloc["events"].get<int64_t>());
    ++index;
  }
  ASSERT_TRUE(bloc_of.count("PRK") && bloc_of.count("RUS") && bloc_of.count("USA") && bloc_of.count("KOR"));
  EXPECT_EQ(bloc_of["PRK"], bloc_of["RUS"]);
  EXPECT_EQ(bloc_of["USA"], bloc_of["KOR"]);
  EXPECT_NE(bloc_of["PRK"], bloc_of["USA"]);
  EXPECT_TRUE(b["windows"][0]["previous_common_states"].is_number());
  EXPECT_TRUE(b["windows"][0]["min_common_states"].is_number());
}

TEST(ServiceTest, ShiftsForecastAndBrief) {
  json s = Get("/api/shifts", {{"top", "3"}, {"since", "2022-01-01"}});
  ASSERT_FALSE(s["shifts"].empty());
  EXPECT_LE(s["shifts"].size(), 3u);
  EXPECT_EQ(s["bootstrap"], 100);
  double last = 1e9;
  bool unsupported_seen = false;
  for (const json& x : s["shifts"]) {
    const bool supported = x["supported"].get<bool>();
    EXPECT_FALSE(supported && unsupported_seen);  // supported first
    if (!supported && !unsupported_seen) unsupported_seen = true, last = 1e9;
    double d = std::abs(x["delta"].get<double>());
    EXPECT_LE(d, last + 1e-9);  // then largest first
    last = d;
    EXPECT_FALSE(x["summary"].get<std::string>().empty());
    EXPECT_TRUE(x["drivers"].is_array());
    EXPECT_TRUE(x["bootstrapped"].get<bool>());
    EXPECT_LE(x["from_low"].get<double>(), x["from"].get<double>() + 1e-4);
    EXPECT_GE(x["to_high"].get<double>(), x["to"].get<double>() - 1e-4);
    const bool apart = x["from_high"].get<double>() < x["to_low"].get<double>() ||
                       x["to_high"].get<double>() < x["from_low"].get<double>();
    const int64_t evidence = x["from_events"].get<int64_t>() + x["to_events"].get<int64_t>() +
                             x["from_occasions"].get<int64_t>() + x["to_occasions"].get<int64_t>();
    if (supported) {
      EXPECT_TRUE(apart) << x.dump();
      EXPECT_GE(evidence, s["min_evidence"].get<int64_t>()) << x.dump();
      EXPECT_GE(x["from_events"].get<int64_t>() + x["from_occasions"].get<int64_t>(),
                s["min_window_evidence"].get<int64_t>()) << x.dump();
      EXPECT_GE(x["to_events"].get<int64_t>() + x["to_occasions"].get<int64_t>(),
                s["min_window_evidence"].get<int64_t>()) << x.dump();
      EXPECT_TRUE(x["caveat"].get<std::string>().empty());
    } else {
      EXPECT_FALSE(x["caveat"].get<std::string>().empty());
    }
  }
  json none = Get("/api/shifts", {{"bootstrap", "0"}, {"since", "2022-01-01"}});
  EXPECT_FALSE(none["note"].get<std::string>().empty());
  for (const json& x : none["shifts"]) EXPECT_FALSE(x["supported"].get<bool>());
  json prk = Get("/api/shifts", {{"country", "PRK"}, {"since", "2022-01-01"}});
  for (const json& x : prk["shifts"]) EXPECT_TRUE(x["a"] == "PRK" || x["b"] == "PRK");

  json f = Get("/api/forecast", {{"top", "5"}, {"since", "2022-01-01"}});
  EXPECT_EQ(f["forecast_window"], "2025");
  EXPECT_LE(f["dyads"].size(), 5u);
  for (const json& d : f["dyads"]) {
    EXPECT_GE(d["p_meeting"].get<double>(), 0);
    EXPECT_LE(d["p_meeting"].get<double>(), 1);
  }
  // model=auto: the counts come from the model with the best backtest log-likelihood, and the
  // meeting probability never from persistence.
  EXPECT_FALSE(f["model_reason"].get<std::string>().empty());
  EXPECT_NE(f["meeting_model"], "persistence");
  if (!f["backtest"].empty()) {
    std::string best;
    double best_loglik = -1e300;
    for (const json& b : f["backtest"]) {
      if (b["loglik"].get<double>() > best_loglik) best = b["model"], best_loglik = b["loglik"].get<double>();
    }
    EXPECT_EQ(f["model"], best) << f.dump();
  } else {
    EXPECT_EQ(f["model"], "poisson-regression");
  }
  json forced = Get("/api/forecast", {{"top", "5"}, {"since", "2022-01-01"}, {"model", "frequency"}});
  EXPECT_EQ(forced["model"], "frequency");
  EXPECT_EQ(forced["meeting_model"], "frequency");
  EXPECT_NE(forced["model_reason"].get<std::string>().find("model=frequency"), std::string::npos);
  EXPECT_EQ(forced["backtest"], f["backtest"]);

  Reply md = Service().Handle("GET", "/api/brief", {{"bootstrap", "10"}});
  EXPECT_EQ(md.status, 200);
  EXPECT_EQ(md.content_type.rfind("text/markdown", 0), 0u);
  EXPECT_NE(md.body.find("# Alignment briefing"), std::string::npos);
  json bj = Get("/api/brief", {{"format", "json"}, {"bootstrap", "10"}});
  EXPECT_TRUE(bj["blocs"].is_array());
}

TEST(ServiceTest, CodeIsStateless) {
  const std::string text =
      "Russian President Vladimir Putin met North Korean leader Kim Jong Un in Vladivostok on "
      "Thursday. North Korea fired two ballistic missiles into the sea.";
  Reply plain = Service().Handle("POST", "/api/code", {{"date", "2019-04-25"}}, text, "text/plain");
  ASSERT_EQ(plain.status, 200) << plain.body;
  json p = json::parse(plain.body);
  EXPECT_EQ(p["documents"], 1);
  EXPECT_EQ(p["sentences"], 2);
  ASSERT_FALSE(p["events"].empty());
  bool meeting = false;
  for (const json& e : p["events"]) {
    if (e["root"] == "04" && e["target"].is_object()) meeting = true;
    EXPECT_TRUE(e["segments"].is_array());
  }
  EXPECT_TRUE(meeting) << plain.body;

  json body = {{"text", text}, {"date", "2019-04-25"}};
  Reply js = Service().Handle("POST", "/api/code", {}, body.dump(), "application/json");
  ASSERT_EQ(js.status, 200) << js.body;
  // The same events either way, and nothing was stored.
  EXPECT_EQ(json::parse(js.body)["events"].size(), p["events"].size());
  EXPECT_EQ(json::parse(js.body)["events"][0]["date"], p["events"][0]["date"]);
  for (const json& e : p["events"]) Get("/api/events/" + e["id"].get<std::string>(), {}, 404);

  EXPECT_EQ(Service().Handle("POST", "/api/code", {}, "{not json", "application/json").status, 400);
  EXPECT_EQ(Service().Handle("POST", "/api/code", {}, "{\"text\": 5}", "application/json").status, 400);
  EXPECT_EQ(Service().Handle("POST", "/api/code", {}, "{\"text\": \"x\", \"date\": \"soon\"}",
                             "application/json").status, 400);
  EXPECT_EQ(Service().Handle("POST", "/api/code", {}, "  \n", "text/plain").status, 400);
  EXPECT_EQ(Service().Handle("POST", "/api/code", {}, std::string(2 << 20, 'a'), "text/plain").status, 413);
  // Invalid UTF-8 is repaired, not fatal.
  EXPECT_EQ(Service().Handle("POST", "/api/code", {}, "Putin met Xi \xff\xfe in Beijing.", "text/plain").status, 200);
}

TEST(ServiceTest, ConcurrentRequestsAgree) {
  const std::vector<std::pair<std::string, Params>> requests = {
      {"/api/stats", {}},
      {"/api/events", {{"limit", "50"}}},
      {"/api/dyads", {{"country", "PRK"}}},
      {"/api/blocs", {{"bootstrap", "5"}, {"seed", "7"}}},
      {"/api/align", {{"bootstrap", "5"}, {"seed", "7"}}},
      {"/api/brief", {{"bootstrap", "5"}, {"seed", "7"}, {"format", "json"}}},
  };
  std::vector<std::string> expected;
  for (const auto& [path, params] : requests) expected.push_back(Service().Handle("GET", path, params).body);
  std::vector<std::thread> threads;
  std::atomic<int> mismatches{0};
  for (int t = 0; t < 6; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 12; ++i) {
        size_t k = static_cast<size_t>(t + i) % requests.size();
        Reply r = Service().Handle("GET", requests[k].first, requests[k].second);
        if (r.status != 200 || r.body != expected[k]) ++mismatches;
        Reply c = Service().Handle("POST", "/api/code", {}, "Xi Jinping visited Moscow on Monday.", "text/plain");
        if (c.status != 200) ++mismatches;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(mismatches.load(), 0);
}

TEST(ServiceTest, UncachedServiceAnswersTheSame) {
  ServiceOptions o;
  o.db = Fixture().db;
  o.enable_code = false;
  o.cache_seconds = 0;
  auto s = EventService::Open(o);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  Params p = {{"bootstrap", "5"}};
  EXPECT_EQ((*s)->Handle("GET", "/api/blocs", p).body, Service().Handle("GET", "/api/blocs", p).body);
  EXPECT_EQ((*s)->Handle("POST", "/api/code", {}, "text", "text/plain").status, 503);
}

}  // namespace
}  // namespace entente::server
