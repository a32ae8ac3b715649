#!/usr/bin/env bash
# Refresh the translations after changing user-facing strings in ui/:
#   1. pyside6-lupdate collects every tr()/translate() string from ui/ (packages too) into
#      resources/translations/calldesk_<lang>.ts (existing translations are kept,
#      strings no longer in the code are dropped, new ones are marked unfinished);
#   2. translate the unfinished ones (Qt Linguist: .venv/bin/pyside6-linguist, or any
#      editor: fill <translation> and remove type="unfinished");
#   3. run this script again: pyside6-lrelease compiles the .ts into the .qm the app loads.
# Commit both files. tests/ui/test_translations.py fails on an unfinished string or a
# stale .qm. Messages raised in app/ (UserError texts, English, no Qt there) are
# translated through their entry in ui/app_messages.py; tests/ui/test_app_messages.py
# names any new one that has none.
set -euo pipefail
cd "$(dirname "$0")/.."

tool() {
  if [[ -x ".venv/bin/$1" ]]; then echo ".venv/bin/$1"; else command -v "$1"; fi
}
LUPDATE=$(tool pyside6-lupdate)
LRELEASE=$(tool pyside6-lrelease)

for lang in vi; do
  ts="resources/translations/calldesk_${lang}.ts"
  "$LUPDATE" -silent -locations none -no-obsolete -source-language en -target-language "$lang" \
    $(find ui -name "*.py" | sort) -ts "$ts"
  "$LRELEASE" -silent "$ts" -qm "resources/translations/calldesk_${lang}.qm"
  unfinished=$(grep -c 'type="unfinished"' "$ts" || true)
  echo "$ts: ${unfinished} unfinished"
done
