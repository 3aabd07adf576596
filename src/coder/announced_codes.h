// The codes of acts announced rather than done. The CAMEO codebook codes an actor's stated
// intent to cooperate as an intent (03x: "will negotiate", "offered to mediate") and its stated
// intent to coerce or use force as a threat (13x: "will impose sanctions", "threatened to
// attack"); the coder rewrites the act's code with these when the act is announced.
#ifndef ENTENTE_CODER_ANNOUNCED_CODES_H_
#define ENTENTE_CODER_ANNOUNCED_CODES_H_

#include <string>

namespace entente::coder {

// The intent (03x) announcing the cooperative act `act` (a CAMEO code: 04 meet or mediate,
// 05 cooperate diplomatically, 06 materially, 07 give aid, 08 yield), e.g. "045" -> "039",
// "071" -> "0331"; "" for any other act.
std::string IntentCode(const std::string& act);

// The threat (13x) announcing the coercive or violent act `act` (a CAMEO code: 14 protest,
// 16 sanction, 17 coerce, 18-20 use force), e.g. "163" -> "1312", "1721" -> "1321"; "" for any
// other act.
std::string ThreatCode(const std::string& act);

// The rejection (12x) that refusing the cooperative act `act` is (CAMEO codes the refusal itself,
// not a negated act): 04 meet -> 125, 05 -> 120, 06 -> 121, 07 aid -> 122, 08 yield -> 124
// ("0841" release -> "1243", "087" de-escalate -> "1246"); "" for any other act.
std::string RefusalCode(const std::string& act);

}  // namespace entente::coder

#endif  // ENTENTE_CODER_ANNOUNCED_CODES_H_
