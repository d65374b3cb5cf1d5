#!/usr/bin/env bash
# dln figures on notebook 12 (MNIST-1D, four networks trained for minutes), then again
# after a comment-only edit: the first run fills the cell cache, the second restores
# every cell from it. Also the second run without the cache (--no-cache), the time a
# comment edit cost before. Checks that the figures are byte-identical each time.
#
#   bench/cell-cache.sh [--set name=value …]    (e.g. --set epochs=200 for a short run)
#   DLN=path/to/dln bench/cell-cache.sh         (a dln already built in release mode)
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ -z "${DLN:-}" ]]; then
    scripts/setup
    swift build -c release --product dln >/dev/null
    DLN=.build/release/dln
fi
DLN=$(realpath "$DLN")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/notebooks"
cp notebooks/12_depth_experiment.dln "$work/notebooks/"
cd "$work"

seconds() { local start end; start=$(date +%s.%N); "$@" >/dev/null; end=$(date +%s.%N); awk "BEGIN { print $end - $start }"; }
figure=plots/12_depth_experiment/depth_mnist1d_random_labels.svg

first=$(seconds "$DLN" figures notebooks --out plots "$@")
cp "$figure" first.svg
echo "# a comment-only edit" >> notebooks/12_depth_experiment.dln
second=$(seconds "$DLN" figures notebooks --out plots "$@")
cmp first.svg "$figure"
echo "# another comment-only edit" >> notebooks/12_depth_experiment.dln
uncached=$(seconds "$DLN" figures notebooks --out plots --no-cache "$@")
cmp first.svg "$figure"

# An edit to the figure cell only (a line width): the training runs are restored, the cell runs alone.
sed -i 's/colour: 0, width: 2.5/colour: 0, width: 3/' notebooks/12_depth_experiment.dln
figure_cell=$(seconds "$DLN" figures notebooks --out plots "$@")

echo "| run of notebook 12 (dln figures) | seconds |"
echo "| --- | ---: |"
printf "| first run, empty cell cache | %.1f |\n" "$first"
printf "| after a comment-only edit, with the cache (every cell restored) | %.2f |\n" "$second"
printf "| after a comment-only edit, --no-cache (as before the cache) | %.1f |\n" "$uncached"
printf "| after an edit to the figure cell, with the cache (it runs alone) | %.2f |\n" "$figure_cell"
echo
echo "Figures byte-identical in all three runs: yes (cmp)."
