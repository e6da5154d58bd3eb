#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds the small loader test files of this folder from ../real/ and from
# ../shared/reference (run once by hand; the outputs are committed):
#   python3 make-derived.py /work/shared/reference
import json, sys

ref = sys.argv[1]
rle = json.load(open(ref + '/coco2014-cocoapi100.gt-rle.json'))['annotations'][:30]
gt = json.load(open('../real/coco2014-cocoapi100/gt.json'))
ids = {a['id'] for a in rle}
img_ids = {a['image_id'] for a in rle}
cat_ids = {a['category_id'] for a in rle}

# GT without area and bbox: the loader must derive them from the masks.
anns = []
for a in gt['annotations']:
    if a['id'] in ids:
        b = {k: v for k, v in a.items() if k not in ('area', 'bbox')}
        anns.append(b)
json.dump({'images': [i for i in gt['images'] if i['id'] in img_ids],
           'categories': [c for c in gt['categories'] if c['id'] in cat_ids],
           'annotations': anns}, open('segm-gt.json', 'w'))

# Mask results without bbox (loadRes segm branch): area and bbox from the mask.
json.dump([{'image_id': a['image_id'], 'category_id': a['category_id'], 'score': 0.5,
            'segmentation': {'size': a['size'], 'counts': a['counts']}} for a in rle],
          open('segm-results.json', 'w'))

# Expected values: pycocotools mask.area / mask.toBbox from the reference file.
json.dump([{'id': a['id'], 'area': a['area'], 'bbox': a['bbox']} for a in rle],
          open('segm-expected.json', 'w'), indent=0)

# Polylines at the default band width: area and bbox of the band.
cases = [c for c in json.load(open(ref + '/polyline-band-examples.json'))['cases'] if c['w_is_default']]
images = [{'id': k + 1, 'file_name': 'p%d.png' % (k + 1), 'width': c['image']['width'],
           'height': c['image']['height']} for k, c in enumerate(cases)]
json.dump({'images': images, 'categories': [{'id': 1, 'name': 'lane'}],
           'annotations': [{'id': k + 1, 'image_id': k + 1, 'category_id': 1, 'iscrowd': 0,
                            'polyline': c['a']['polyline']} for k, c in enumerate(cases)]},
          open('polyline-gt.json', 'w'))
json.dump([{'image_id': k + 1, 'category_id': 1, 'score': 0.9, 'polyline': c['a']['polyline']}
           for k, c in enumerate(cases)], open('polyline-results.json', 'w'))
json.dump([{'case': c['name'], 'area': c['area_a'], 'bbox': c['bbox_a']} for c in cases],
          open('polyline-expected.json', 'w'), indent=0)
