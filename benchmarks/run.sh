#!/usr/bin/env bash
# A quick pass over the benchmarks (a few minutes on 2 cores): the sample corpus only, short
# iterations. For the figures in the README use the defaults, and -p intents=1000 (slow to load).
set -euo pipefail
cd "$(dirname "$0")/.."
jar=benchmarks/target/benchmarks.jar
if [[ ! -f $jar ]]; then
  ./mvnw -q -B -DskipTests package -pl benchmarks -am
fi
quick=(-wi 2 -w 1 -i 3 -r 1 -f 1 -p intents=sample)
out=$(mktemp)
java -jar "$jar" 'SuggestBenchmark' "${quick[@]}" -rf text -rff "$out.suggest" > /dev/null
java -jar "$jar" 'EngineBenchmark' "${quick[@]}" -rf text -rff "$out.engine" > /dev/null
java -jar "$jar" 'AnalysisBenchmark' -wi 2 -w 1 -i 3 -r 1 -f 1 -rf text -rff "$out.analysis" > /dev/null
java -jar "$jar" 'LoadBenchmark' -wi 1 -i 2 -f 1 -p intents=sample -rf text -rff "$out.load" > /dev/null
echo "# $(uname -m), $(nproc) cores, $(java -version 2>&1 | head -1)"
grep -Ev ':p(0\.00|0\.90|0\.95|0\.999|0\.9999|1\.00) ' "$out.suggest" "$out.engine"
cat "$out.analysis" "$out.load"
java -cp "$jar" io.github.huashu.benchmarks.Footprint sample 2>/dev/null | tail -1
rm -f "$out" "$out".*
