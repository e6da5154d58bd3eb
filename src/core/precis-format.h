/* precis-format.h: reading and writing annotation formats other than COCO
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "precis-dataset.h"

G_BEGIN_DECLS

/**
 * PrecisFormat:
 * @PRECIS_FORMAT_COCO: COCO JSON (`gt.json`, `predictions*.json`)
 * @PRECIS_FORMAT_YOLO: Ultralytics YOLO (`data.yaml`, `labels/NAME.txt`)
 * @PRECIS_FORMAT_VOC: Pascal VOC (`Annotations/NAME.xml`, `comp4_det_test_CLASS.txt`)
 * @PRECIS_FORMAT_CVAT: CVAT for images 1.1 XML (`annotations.xml`)
 * @PRECIS_FORMAT_LABEL_STUDIO: Label Studio's JSON export (a list of tasks)
 *
 * The annotation formats Precis reads (a project's ground truth and its models'
 * predictions are detected from their content, see docs/FORMATS.md) and writes
 * (precis_format_export()).
 */
typedef enum {
  PRECIS_FORMAT_COCO,
  PRECIS_FORMAT_YOLO,
  PRECIS_FORMAT_VOC,
  PRECIS_FORMAT_CVAT,
  PRECIS_FORMAT_LABEL_STUDIO,
  PRECIS_N_FORMATS
} PrecisFormat;

const char *precis_format_to_string   (PrecisFormat  format);
gboolean    precis_format_from_string (const char   *str,
                                       PrecisFormat *format);

/* Writes the ground truth, its images and every model's predictions of
 * @dataset to the folder @out in @format. @out must be absent or empty unless
 * @force. Every file is written atomically. */
gboolean    precis_format_export      (PrecisDataset *dataset,
                                       PrecisFormat   format,
                                       GFile         *out,
                                       gboolean       force,
                                       GCancellable  *cancellable,
                                       GError       **error);

G_END_DECLS
