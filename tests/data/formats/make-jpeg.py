#!/usr/bin/env python3
# Writes a grey JPEG of WIDTH x HEIGHT with GdkPixbuf (python3-gi).
# Usage: make-jpeg.py FILE WIDTH HEIGHT
import sys
import gi
gi.require_version('GdkPixbuf', '2.0')
from gi.repository import GdkPixbuf

path, w, h = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
p = GdkPixbuf.Pixbuf.new(GdkPixbuf.Colorspace.RGB, False, 8, w, h)
p.fill(0x808080ff)
p.savev(path, 'jpeg', ['quality'], ['50'])
