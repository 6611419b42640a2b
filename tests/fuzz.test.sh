#!/bin/sh
# Replay the fuzz targets (tests/fuzz/) over their seeds and over every
# record, policy and body the project has, under the sanitizers: none
# may crash, hang or leak a confidential value of the redact target.
# The replayers are built by make test (build/fuzz/replay-*).
n=0
failed=0
out=$(mktemp)
trap 'rm -f "$out"' EXIT

replay() {
	name=$1
	shift
	n=$((n + 1))
	if timeout 300 "$@" >"$out" 2>&1; then
		echo "ok $n - $name ($(tail -n 1 "$out"))"
	else
		echo "not ok $n - $name"
		sed -n '1,30p' "$out" | sed 's/^/#   /'
		failed=1
	fi
}

replay "record: seeds, sample, adversarial and expected records" \
    build/fuzz/replay-record tests/fuzz/seeds/record/* \
    content/cases/*/*.md tests/adversarial/cases/*/*.md tests/expected/*.md
replay "policy: seeds and every policy and site.yaml" \
    build/fuzz/replay-policy tests/fuzz/seeds/policy/* content/*.yaml \
    tests/expected/config/*.yaml
replay "redact: seeds and every record as a body, with no leak" \
    build/fuzz/replay-redact tests/fuzz/seeds/redact/* \
    tests/adversarial/cases/*/*.md content/cases/*/*.md
replay "detect: seeds and every record" \
    build/fuzz/replay-detect tests/fuzz/seeds/detect/* content/cases/*/*.md \
    tests/adversarial/cases/*/*.md
replay "audit: seeds (HTML, XML, JSON, CSV)" \
    build/fuzz/replay-audit tests/fuzz/seeds/audit/*
replay "numbers: a planted valid number never survives (seeds)" \
    build/fuzz/replay-numbers tests/fuzz/seeds/numbers/*
replay "entry: the build cache's redacted records read back (seeds)" \
    build/fuzz/replay-entry tests/fuzz/seeds/entry/*
echo "1..$n"
exit $failed
