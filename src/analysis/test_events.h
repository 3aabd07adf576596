// Hand-made events for the analysis tests.
#ifndef ENTENTE_ANALYSIS_TEST_EVENTS_H_
#define ENTENTE_ANALYSIS_TEST_EVENTS_H_

#include <string>

#include "entente/event.h"

namespace entente::testing {

inline Event MakeEvent(const std::string& id, const std::string& date, const std::string& src,
                       const std::string& tgt, const std::string& cameo, double goldstein,
                       int quad, const std::string& text = "",
                       Modality modality = Modality::kActual, const std::string& location = "") {
  Event e;
  e.id = id;
  e.date = date;
  e.source.country = src;
  e.source.code = src;
  if (!tgt.empty()) {
    e.target = ActorRef{};
    e.target->country = tgt;
    e.target->code = tgt;
  }
  e.cameo = cameo;
  e.root = cameo.substr(0, 2);
  e.goldstein = goldstein;
  e.quad_class = quad;
  e.modality = modality;
  e.text = text;
  if (!location.empty()) {
    e.location = Location{};
    e.location->name = location;
  }
  return e;
}

}  // namespace entente::testing

#endif  // ENTENTE_ANALYSIS_TEST_EVENTS_H_
