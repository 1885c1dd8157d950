#!/bin/sh
# Re-extract the taxonomy's names and refresh the Spanish catalogue (keeps translations,
# drops names no longer used; new names come from tools/es_taxonomy.py).
set -e
cd "$(dirname "$0")/.."
pybabel extract -F babel-taxonomy.cfg --no-default-keywords -k N_ --no-location --omit-header \
  -o src/sistercities/locale/taxonomy.pot src/sistercities/vocabulary.py
"${PYTHON:-python3}" tools/i18n_fill.py src/sistercities/locale/taxonomy.pot \
  src/sistercities/locale/es/LC_MESSAGES/taxonomy.po es tools/es_taxonomy.py
