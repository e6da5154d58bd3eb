#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Writes the malformed inputs of this folder and EXPECTED.tsv (run once by hand
# from tests/data/bad/; the outputs are committed). Each case: file name, loader
# (gt: as the ground truth; results: as a results file against good-gt.json;
# project: as a project), expected PrecisDatasetError code, message fragment.
# test-bad-input also checks that each message starts with the name of the file
# that is wrong ("FILE: …"): the case's file, or for two project cases the file
# the project names (its table named_file[]).
import json, os

def person():
    return {'id': 1, 'name': 'person', 'supercategory': 'person',
            'keypoints': ['k%d' % i for i in range(17)],
            'skeleton': [[16, 14], [14, 12]]}

def gt(**over):
    d = {'images': [{'id': 1, 'file_name': 'a.png', 'width': 640, 'height': 480},
                    {'id': 2, 'file_name': 'b.png', 'width': 320, 'height': 240}],
         'categories': [person(), {'id': 2, 'name': 'car'}],
         'annotations': [{'id': 1, 'image_id': 1, 'category_id': 2, 'bbox': [10, 20, 30, 40],
                          'area': 1200, 'iscrowd': 0},
                         {'id': 2, 'image_id': 2, 'category_id': 1, 'bbox': [1, 2, 3, 4],
                          'area': 12, 'iscrowd': 0}]}
    d.update(over)
    return d

def ann(**over):
    a = {'id': 9, 'image_id': 1, 'category_id': 2, 'bbox': [0, 0, 5, 5], 'area': 25, 'iscrowd': 0}
    a.update(over)
    return a

def res(**over):
    r = {'image_id': 1, 'category_id': 2, 'bbox': [0, 0, 5, 5], 'score': 0.5}
    r.update(over)
    return r

def rle_string(cnts):
    # COCO's counts string (as maskApi.c rleToString describes it): 5-bit groups,
    # 0x20 = more, values after the second are deltas to the one two before.
    out = []
    for i, x in enumerate(cnts):
        if i > 2:
            x -= cnts[i - 2]
        more = True
        while more:
            c = x & 0x1f
            x >>= 5
            more = (x != -1) if (c & 0x10) else (x != 0)
            if more:
                c |= 0x20
            out.append(chr(c + 48))
    return ''.join(out)

cases = []

def case(name, loader, code, fragment, data):
    if isinstance(data, (dict, list)):
        data = json.dumps(data).encode()
    elif isinstance(data, str):
        data = data.encode()
    with open(name, 'wb') as f:
        f.write(data)
    cases.append((name, loader, code, fragment))

with open('good-gt.json', 'w') as f:
    json.dump(gt(), f, indent=1)

good = json.dumps(gt())
case('not-json.json', 'gt', 'PARSE', 'not valid JSON', 'images: none, this is prose\n')
case('truncated.json', 'gt', 'PARSE', 'not valid JSON', good[:len(good) // 2])
case('empty.json', 'gt', 'PARSE', 'the file is empty', b'')
case('whitespace-only.json', 'gt', 'PARSE', 'only white space', b'  \n\t\n')
case('non-utf8.json', 'gt', 'PARSE', 'invalid UTF-8',
     good.replace('a.png', 'caf\u00e9.png').encode('latin-1'))
case('nul-byte.json', 'results', 'PARSE', 'NUL byte', b'[{"image_id": 1\x00}]')
case('deep-nesting.json', 'results', 'PARSE', 'nesting deeper than 64 levels',
     '[' * 100000 + ']' * 100000)
case('trailing-data.json', 'results', 'PARSE', 'after the end of the JSON value', '[] []')
case('nan-literal.json', 'results', 'PARSE', 'NaN',
     '[{"image_id": 1, "category_id": 2, "bbox": [0, 0, 5, 5], "score": NaN}]')
case('infinity-literal.json', 'results', 'PARSE', 'Infinity',
     '[{"image_id": 1, "category_id": 2, "bbox": [0, 0, Infinity, 5], "score": 0.5}]')
case('gt-is-list.json', 'gt', 'TYPE', 'found a list', [res()])
case('results-is-object.json', 'results', 'TYPE', 'found an object', gt())
case('result-not-object.json', 'results', 'TYPE', '[1]: expected an object, found 3', [res(), 3])
case('missing-images.json', 'gt', 'MISSING', 'images: required member is missing',
     {k: v for k, v in gt().items() if k != 'images'})
case('images-not-list.json', 'gt', 'TYPE', 'images: expected a list, found an object', gt(images={}))
case('unknown-image-gt.json', 'gt', 'REFERENCE', 'annotations[2].image_id: no image has id 99',
     gt(annotations=gt()['annotations'] + [ann(id=3, image_id=99)]))
case('unknown-category.json', 'gt', 'REFERENCE', 'annotations[0].category_id: no category has id 42',
     gt(annotations=[ann(category_id=42)]))
case('unknown-category-result.json', 'results', 'REFERENCE', '[0].category_id: no category has id 7',
     [res(category_id=7)])
case('pred-unknown-image.json', 'results', 'REFERENCE', '[1].image_id: image 3 is not in the ground truth',
     [res(), res(image_id=3)])
case('duplicate-image-id.json', 'gt', 'DUPLICATE', 'images[1].id: id 1 is already used by images[0]',
     gt(images=[{'id': 1, 'width': 4, 'height': 4}, {'id': 1, 'width': 4, 'height': 4}]))
case('duplicate-annotation-id.json', 'gt', 'DUPLICATE', 'annotations[2].id: id 1 is already used by annotations[0]',
     gt(annotations=gt()['annotations'] + [ann(id=1)]))
case('duplicate-category-id.json', 'gt', 'DUPLICATE', 'categories[1].id: id 1 is already used',
     gt(categories=[person(), {'id': 1, 'name': 'again'}]))
case('bbox-3-numbers.json', 'results', 'GEOMETRY', '[0].bbox: expected 4 numbers [x, y, width, height], found 3',
     [res(bbox=[1, 2, 3])])
case('bbox-inf-1e999.json', 'results', 'VALUE', '[0].bbox[2]: not a finite number (inf',
     '[{"image_id": 1, "category_id": 2, "bbox": [0, 0, 1e999, 5], "score": 0.5}]')
case('area-minus-inf.json', 'gt', 'VALUE', 'annotations[0].area: not a finite number (-inf',
     good.replace('"area": 1200', '"area": -1e999'))
case('score-inf.json', 'results', 'VALUE', '[0].score: not a finite number',
     '[{"image_id": 1, "category_id": 2, "bbox": [0, 0, 1, 5], "score": 1e400}]')
# The example of the brief, exactly: the 13th annotation's width.
case('negative-width.json', 'gt', 'VALUE', 'annotations[12].bbox[2]: width is negative (-3)',
     gt(annotations=[ann(id=k + 1) for k in range(12)] + [ann(id=13, bbox=[1, 2, -3, 4])]))
case('negative-height.json', 'results', 'VALUE', '[0].bbox[3]: height is negative (-0.5)',
     [res(bbox=[1, 2, 3, -0.5])])
case('string-for-number.json', 'results', 'TYPE', '[0].bbox[1]: expected a number, found the string “2”',
     [res(bbox=[1, '2', 3, 4])])
case('string-for-score.json', 'results', 'TYPE', '[0].score: expected a number, found the string “0.9”',
     [res(score='0.9')])
case('string-for-image-id.json', 'results', 'TYPE', '[0].image_id: expected an integer id, found the string “1”',
     [res(image_id='1')])
case('score-above-1.json', 'results', 'VALUE', '[1].score: score 1.5 is outside [0, 1]',
     [res(), res(score=1.5)])
case('score-negative.json', 'results', 'VALUE', '[0].score: score -0.1 is outside [0, 1]',
     [res(score=-0.1)])
case('missing-score.json', 'results', 'MISSING', '[0].score: required member is missing',
     [{'image_id': 1, 'category_id': 2, 'bbox': [0, 0, 5, 5]}])
case('result-no-geometry.json', 'results', 'MISSING', '[0]: no geometry',
     [{'image_id': 1, 'category_id': 2, 'score': 0.5}])
case('result-mixed-kinds.json', 'results', 'MISSING', '[1].bbox: required member is missing: the first result has one',
     [res(), {'image_id': 1, 'category_id': 2, 'score': 0.5, 'segmentation': [[0, 0, 4, 0, 4, 4]]}])
case('rle-invalid-chars.json', 'results', 'GEOMETRY', '[0].segmentation.counts',
     [{'image_id': 2, 'category_id': 2, 'score': 0.5,
       'segmentation': {'size': [240, 320], 'counts': 'ab cd~~\u00e9'}}])
case('rle-string-too-long.json', 'results', 'GEOMETRY', '[0].segmentation.counts',
     # runs 76800 zeros then 5 ones: more than 240 × 320
     [{'image_id': 2, 'category_id': 2, 'score': 0.5,
       'segmentation': {'size': [240, 320], 'counts': rle_string([76800, 5])}}])
case('rle-string-truncated.json', 'results', 'GEOMETRY', '[0].segmentation.counts',
     [{'image_id': 2, 'category_id': 2, 'score': 0.5,
       'segmentation': {'size': [240, 320], 'counts': rle_string([76000, 800])[:-1]}}])
case('rle-runs-exceed.json', 'gt', 'GEOMETRY', 'annotations[0].segmentation.counts[1]: the runs exceed height × width = 76800',
     gt(annotations=[ann(image_id=2, iscrowd=1, segmentation={'size': [240, 320], 'counts': [76000, 900]})]))
case('rle-runs-short.json', 'gt', 'GEOMETRY', 'annotations[0].segmentation.counts: the runs cover 100 pixels, not height × width = 76800',
     gt(annotations=[ann(image_id=2, iscrowd=1, segmentation={'size': [240, 320], 'counts': [50, 50]})]))
case('rle-negative-run.json', 'gt', 'GEOMETRY', 'annotations[0].segmentation.counts[1]: expected a run length',
     gt(annotations=[ann(image_id=2, iscrowd=1, segmentation={'size': [240, 320], 'counts': [50, -50]})]))
case('rle-size-mismatch.json', 'gt', 'GEOMETRY', 'annotations[0].segmentation.size: [480, 640] differs from the image',
     gt(annotations=[ann(image_id=2, iscrowd=1, segmentation={'size': [480, 640], 'counts': [307200]})]))
case('rle-no-size.json', 'results', 'MISSING', '[0].segmentation.size: required member is missing',
     [{'image_id': 2, 'category_id': 2, 'score': 0.5, 'segmentation': {'counts': 'PU'}}])
case('polygon-odd.json', 'gt', 'GEOMETRY', 'annotations[0].segmentation[1]: odd number of coordinates (7)',
     gt(annotations=[ann(segmentation=[[0, 0, 4, 0, 4, 4], [0, 0, 4, 0, 4, 4, 9]])]))
case('polygon-2-points.json', 'results', 'GEOMETRY', '[0].segmentation[0]: 2 points: at least 3 are needed',
     [{'image_id': 1, 'category_id': 2, 'score': 0.5, 'segmentation': [[0, 0, 4, 4]]}])
case('polygon-not-numbers.json', 'gt', 'TYPE', 'annotations[0].segmentation[0][2]: expected a number, found null',
     gt(annotations=[ann(segmentation=[[0, 0, None, 0, 4, 4]])]))
case('segmentation-string.json', 'gt', 'TYPE', 'annotations[0].segmentation: expected a list of polygons or an RLE object',
     gt(annotations=[ann(segmentation='0 0 4 0 4 4')]))
case('polyline-1-point.json', 'gt', 'GEOMETRY', 'annotations[0].polyline[0]: 1 point: at least 2 are needed',
     gt(annotations=[ann(polyline=[[3, 4]])]))
case('keypoints-length.json', 'results', 'GEOMETRY', '[0].keypoints: 50 values, but category 1 has 17 keypoints (3 × 17 = 51 values)',
     [{'image_id': 1, 'category_id': 1, 'score': 0.5, 'keypoints': [1] * 50}])
case('keypoints-not-triples.json', 'gt', 'GEOMETRY', 'annotations[0].keypoints: 4 values: expected x, y, v triples',
     gt(annotations=[ann(keypoints=[1, 2, 2, 5])]))
case('iscrowd-2.json', 'gt', 'VALUE', 'annotations[0].iscrowd: expected 0 or 1',
     gt(annotations=[ann(iscrowd=2)]))
case('missing-annotation-id.json', 'gt', 'MISSING', 'annotations[0].id: required member is missing',
     gt(annotations=[{k: v for k, v in ann().items() if k != 'id'}]))
case('image-zero-width.json', 'gt', 'VALUE', 'images[0].width: 0 is not a positive number of pixels',
     gt(images=[{'id': 1, 'width': 0, 'height': 4}], annotations=[]))
case('image-side-limit.json', 'gt', 'LIMIT', 'images[0].width: 200000 pixels exceeds the limit of 100000',
     gt(images=[{'id': 1, 'width': 200000, 'height': 4}], annotations=[]))
case('image-pixel-limit.json', 'gt', 'LIMIT', 'images[0]: 60000 × 60000 pixels exceeds the limit',
     gt(images=[{'id': 1, 'width': 60000, 'height': 60000}], annotations=[]))
case('keypoint-names-limit.json', 'gt', 'LIMIT', 'categories[0].keypoints: more than 1000 keypoints',
     gt(categories=[{'id': 1, 'name': 'x', 'keypoints': ['k'] * 1001}], annotations=[]))
case('skeleton-out-of-range.json', 'gt', 'VALUE', 'categories[0].skeleton[1][0]: keypoint 18 does not exist',
     gt(categories=[{'id': 1, 'name': 'p', 'keypoints': ['k'] * 17, 'skeleton': [[1, 2], [18, 1]]}], annotations=[]))
case('sigmas-count.json', 'gt', 'VALUE', 'categories[0].sigmas: 2 sigmas for 17 keypoints',
     gt(categories=[{'id': 1, 'name': 'p', 'keypoints': ['k'] * 17, 'sigmas': [0.1, 0.2]}], annotations=[]))
case('project-no-ground-truth.json', 'project', 'MISSING', 'project-no-ground-truth.json: ground_truth: required member is missing',
     {'name': 'x', 'predictions': []})
case('project-is-gt.json', 'project', 'PROJECT', 'a COCO ground-truth file, not a project', gt())
case('project-missing-file.json', 'project', 'IO', 'nothing-here.json: no such file',
     {'name': 'x', 'ground_truth': 'nothing-here.json'})
case('project-bad-prediction.json', 'project', 'TYPE', 'predictions[0]: expected an object',
     {'ground_truth': 'good-gt.json', 'predictions': ['p.json']})
case('project-prediction-error.json', 'project', 'VALUE', 'score-above-1.json: [1].score',
     {'ground_truth': 'good-gt.json', 'predictions': [{'name': 'm', 'path': 'score-above-1.json'}]})
os.makedirs('folder-without-gt', exist_ok=True)
with open('folder-without-gt/predictions.json', 'w') as f:
    f.write('[]\n')
cases.append(('folder-without-gt', 'project', 'PROJECT', 'folder-without-gt: not a project: the folder has no gt.json'))

# Integers are taken only when their C type holds them exactly, numbers only when
# finite (docs/FORMATS.md, Errors); the fast reader and json-glib agree (test-bad-input).
def kp_ann(v):
    kp = [10, 10, 2] * 17
    kp[2] = v
    return ann(category_id=1, keypoints=kp, num_keypoints=17)

case('image-id-fraction.json', 'gt', 'TYPE', 'images[0].id: expected an integer id, found 1.5',
     gt(images=[{'id': 1.5, 'width': 4, 'height': 4}], annotations=[]))
case('image-id-string.json', 'gt', 'TYPE', 'images[0].id: expected an integer id, found the string “3”',
     gt(images=[{'id': '3', 'width': 4, 'height': 4}], annotations=[]))
case('image-id-true.json', 'gt', 'TYPE', 'images[0].id: expected an integer id, found true',
     gt(images=[{'id': True, 'width': 4, 'height': 4}], annotations=[]))
case('category-id-1e300.json', 'results', 'TYPE', '[0].category_id: expected an integer id, found 1e+300',
     '[{"image_id": 1, "category_id": 1e300, "bbox": [0, 0, 5, 5], "score": 0.5}]')
case('annotation-id-2pow63.json', 'gt', 'VALUE',
     'annotations[0].id: the integer 9223372036854775808 is beyond the range of 64 bits',
     gt(annotations=[ann(id=2 ** 63)]))
case('image-id-below-int64.json', 'gt', 'VALUE',
     'images[1].id: the integer -9223372036854775809 is beyond the range of 64 bits',
     gt(images=gt()['images'][:1] + [{'id': -2 ** 63 - 1, 'width': 4, 'height': 4}]))
case('bbox-wide-integer.json', 'results', 'VALUE',
     '[0].bbox[2]: the integer 18446744073709551617 is beyond the range of 64 bits',
     [res(bbox=[0, 0, 2 ** 64 + 1, 5])])
case('image-width-fraction.json', 'gt', 'TYPE',
     'images[0].width: expected an integer number of pixels, found 640.5',
     gt(images=[{'id': 1, 'width': 640.5, 'height': 4}], annotations=[]))
case('image-height-negative.json', 'gt', 'VALUE', 'images[0].height: -1 is not a positive number of pixels',
     gt(images=[{'id': 1, 'width': 4, 'height': -1}], annotations=[]))
case('iscrowd-fraction.json', 'gt', 'VALUE', 'annotations[0].iscrowd: expected 0 or 1, found 0.5',
     gt(annotations=[ann(iscrowd=0.5)]))
case('num-keypoints-negative.json', 'gt', 'VALUE',
     'annotations[0].num_keypoints: expected a keypoint count (an integer from 0 to 1000), found -1',
     gt(annotations=[ann(num_keypoints=-1)]))
case('num-keypoints-fraction.json', 'gt', 'VALUE',
     'annotations[0].num_keypoints: expected a keypoint count (an integer from 0 to 1000), found 2.5',
     gt(annotations=[ann(num_keypoints=2.5)]))
case('rle-count-fraction.json', 'gt', 'GEOMETRY',
     'annotations[0].segmentation.counts[0]: expected a run length (an integer from 0 to 2³² − 1), found 76799.5',
     gt(annotations=[ann(image_id=2, iscrowd=1, segmentation={'size': [240, 320], 'counts': [76799.5, 0.5]})]))
case('rle-count-2pow32.json', 'gt', 'GEOMETRY',
     'annotations[0].segmentation.counts[1]: expected a run length (an integer from 0 to 2³² − 1), found 4294967296',
     gt(annotations=[ann(image_id=2, iscrowd=1, segmentation={'size': [240, 320], 'counts': [0, 2 ** 32]})]))
case('rle-size-fraction.json', 'results', 'TYPE',
     '[0].segmentation.size[0]: expected an integer number of pixels, found 240.5',
     [{'image_id': 2, 'category_id': 2, 'score': 0.5, 'segmentation': {'size': [240.5, 320], 'counts': 'PU'}}])
case('rle-size-negative.json', 'gt', 'TYPE',
     'annotations[0].segmentation.size[1]: expected an integer number of pixels, found -320',
     gt(annotations=[ann(image_id=2, iscrowd=1, segmentation={'size': [240, -320], 'counts': [76800]})]))
case('keypoint-visibility-3.json', 'gt', 'VALUE',
     'annotations[0].keypoints[2]: expected a visibility flag (0, 1 or 2), found 3',
     gt(annotations=[kp_ann(3)]))
case('keypoint-visibility-fraction.json', 'gt', 'VALUE',
     'annotations[0].keypoints[2]: expected a visibility flag (0, 1 or 2), found 1.5',
     gt(annotations=[kp_ann(1.5)]))
case('skeleton-boolean.json', 'gt', 'TYPE',
     'categories[0].skeleton[0][0]: expected a 1-based keypoint number, found true',
     gt(categories=[{'id': 1, 'name': 'p', 'keypoints': ['k'] * 17, 'skeleton': [[True, 2]]}], annotations=[]))

# Past 2⁵³ a double no longer tells n from n + 1: 9007199254740993.0 reads as
# 2⁵³, so an integer written with a decimal point or an exponent is refused
# from 2⁵³ on (an integer literal is exact up to 64 bits), in both readers.
BIG = '(with a decimal point or an exponent, a number is taken as an integer only below 2⁵³)'
case('image-id-2pow53-double.json', 'gt', 'TYPE',
     'images[0].id: expected an integer id, found 9007199254740992 ' + BIG,
     json.dumps(gt(images=[{'id': 'BIG', 'width': 4, 'height': 4}], annotations=[]))
     .replace('"BIG"', '9007199254740993.0'))
case('annotation-category-id-2pow53-double.json', 'gt', 'TYPE',
     'annotations[0].category_id: expected an integer id, found 9007199254740992 ' + BIG,
     json.dumps(gt(annotations=[ann(category_id='BIG')])).replace('"BIG"', '9007199254740993.0'))
case('annotation-id-1e16.json', 'gt', 'TYPE',
     'annotations[0].id: expected an integer id, found 1e+16 ' + BIG,
     json.dumps(gt(annotations=[ann(id='BIG')])).replace('"BIG"', '1e16'))
case('result-image-id-2pow53-double.json', 'results', 'TYPE',
     '[0].image_id: expected an integer id, found 9007199254740992 ' + BIG,
     '[{"image_id": 9007199254740992.0, "category_id": 2, "bbox": [0, 0, 5, 5], "score": 0.5}]')
case('image-height-2pow53-double.json', 'gt', 'TYPE',
     'images[0].height: expected an integer number of pixels, found 9007199254740992 ' + BIG,
     json.dumps(gt(images=[{'id': 1, 'width': 4, 'height': 'BIG'}], annotations=[]))
     .replace('"BIG"', '9007199254740993e0'))
case('rle-size-2pow32.json', 'gt', 'TYPE',
     'annotations[0].segmentation.size[0]: expected an integer number of pixels, found 4294967296',
     gt(annotations=[ann(image_id=2, iscrowd=1, segmentation={'size': [2 ** 32, 320], 'counts': [76800]})]))
case('num-keypoints-1001.json', 'gt', 'VALUE',
     'annotations[0].num_keypoints: expected a keypoint count (an integer from 0 to 1000), found 1001',
     gt(annotations=[ann(num_keypoints=1001)]))

# Written by make-limit-inputs.py (tests/data/README.md): listed here so that this
# script writes the whole table.
cases += [
    ('outline-limit.json', 'gt', 'LIMIT', 'annotations[0].segmentation: the outline inside the image is longer than the limit'),
    ('polyline-outline-limit.json', 'gt', 'LIMIT', 'annotations[0].polyline: the outline inside the image is longer than the limit'),
    ('ring-work-limit.json', 'gt', 'LIMIT', 'annotations[0].segmentation: 200 rings with an outline of'),
]

with open('EXPECTED.tsv', 'w') as f:
    f.write('# file\tloader\tcode\tmessage fragment   (written by make-bad.py)\n')
    for c in cases:
        f.write('\t'.join(c) + '\n')
print(len(cases), 'cases')
