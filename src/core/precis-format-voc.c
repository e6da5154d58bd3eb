/* precis-format-voc.c: Pascal VOC (stub) */
#include "config.h"
#include "precis-format-private.h"
gboolean _precis_voc_read_gt (GFile *folder, char **coco, GFile **images_dir, GCancellable *cancellable, GError **error)
{ *coco = NULL; *images_dir = NULL; g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "VOC: not yet"); return FALSE; }
char *_precis_voc_read_results (PrecisDataset *dataset, GFile *dir, GCancellable *cancellable, GError **error)
{ g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "VOC: not yet"); return NULL; }
gboolean _precis_voc_write (PrecisDataset *dataset, GFile *out, GCancellable *cancellable, GError **error)
{ g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "VOC: not yet"); return FALSE; }
