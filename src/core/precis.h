/* precis.h: the public core API
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "precis-dataset.h"
#include "precis-format.h"
#include "precis-dataset-cache.h"
#include "precis-box.h"
#include "precis-rle.h"
#include "precis-keypoints.h"
#include "precis-polyline.h"
#include "precis-iou.h"
#include "precis-matcher.h"
#include "precis-active.h"
#include "precis-cocoeval.h"
#include "precis-chart.h"
#include "precis-palette.h"
#include "precis-png.h"
#include "precis-overlay.h"
#include "precis-synth.h"
#include "precis-bench.h"
#include "precis-i18n.h"
#include "precis-shard.h"
#include "precis-classify.h"
