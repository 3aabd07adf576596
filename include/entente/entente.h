// Umbrella header: everything a front-end needs.
#ifndef ENTENTE_ENTENTE_H_
#define ENTENTE_ENTENTE_H_

#include "entente/date.h"
#include "entente/document.h"
#include "entente/event.h"
#include "entente/knowledge.h"
#include "entente/pipeline.h"
#include "entente/reader.h"
#include "entente/status.h"
#include "entente/store.h"

#endif  // ENTENTE_ENTENTE_H_
